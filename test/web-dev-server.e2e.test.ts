/// <reference lib="dom" />
// Functions passed to page.evaluate run in the browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Browser } from 'playwright-core';
import { repoRoot } from '@hub/kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from './web-browser';

/**
 * The README's development server (`pnpm --filter @hub/web dev`, Vite with hot reload) starts, stays
 * up, and serves GraphiQL's editor workers. Vite's dependency optimiser once pre-bundled GraphiQL's
 * worker setup, whose `?worker` imports only Vite's own transform understands, and the server stopped
 * at start (web/vite.config.ts, optimizeDeps).
 */

let server: ChildProcess;
let exited: Promise<string>;
let origin: string;
let browser: Browser;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const web = join(repoRoot(), 'web');
  server = spawn(
    process.execPath,
    [join(web, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force'],
    {
      cwd: web,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Plain output: Vite colours it when CI is set, splitting "Local:" with escape codes (stripped below too).
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true', NO_COLOR: '1' },
    },
  );
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  exited = new Promise((resolve) => server.once('exit', (code) => resolve(`the development server exited (code ${code}):\n${output}`)));
  // Up when it prints its address (Vite's "Local:" line).
  await Promise.race([
    new Promise<void>((resolve) => server.stdout!.on('data', () => stripVTControlCharacters(output).includes('Local:') && resolve())),
    exited.then((why) => Promise.reject(new Error(why))),
  ]);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

it('serves the app and starts GraphiQL editor workers', async () => {
  const page = await browser.newPage();
  const failures: string[] = [];
  page.on('pageerror', (error) => failures.push(String(error)));
  const response = await page.goto(`${origin}/`, { waitUntil: 'load' });
  expect(response?.status()).toBe(200);
  // Importing the page module runs GraphiQL's worker setup (dependency optimisation included).
  await Promise.race([
    // A string: vitest would rewrite an import() written in this file.
    page.evaluate("import('/src/explorer/GraphiQLPage.tsx').then(() => undefined)"),
    exited.then((why) => Promise.reject(new Error(why))),
  ]);
  for (const label of ['graphql', 'json', 'editorWorkerService']) {
    const started = page.waitForEvent('worker');
    const failed = page.evaluate(
      (name) =>
        new Promise<string>((resolve) => {
          const worker = (globalThis as { MonacoEnvironment?: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment!.getWorker('check', name);
          worker.addEventListener('error', (event) => resolve(`the ${name} worker did not load: ${event.message ?? event.type}`));
        }),
      label,
    );
    // A worker's module ran when it has set its message handler (each of Monaco's does at the top level).
    const ran = started.then((worker) => worker.evaluate(() => typeof globalThis.onmessage === 'function'));
    await expect(Promise.race([ran, failed.then((why) => Promise.reject(new Error(why)))])).resolves.toBe(true);
  }
  expect(failures).toEqual([]);
  await page.close();
});
