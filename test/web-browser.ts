import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startHub, type Hub } from './harness';

/** Debian's chromium (playwright-core downloads no browser), headless, with nothing calling home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The app's stored session for a token from the development sign-in (what the sign-in page saves). */
export async function devSession(origin: string, request: { role: string; department?: string }): Promise<string> {
  const response = await fetch(`${origin}/auth/dev-token`, { method: 'POST', body: JSON.stringify(request) });
  const { token } = (await response.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return JSON.stringify({
    token,
    sub: claims.sub,
    name: claims.name,
    role: claims.role,
    department: claims.department,
    expiresAt: (claims.exp as number) * 1000,
  });
}

/**
 * For the scripts that drive the app (bench, screenshots): the demo hub started for the file, or the
 * running hub at HUB_URL, and a browser; both filled in before the file's tests run, closed after.
 */
export function demoHubInBrowser(): { origin: string; browser: Browser } {
  const state = {} as { origin: string; browser: Browser };
  let hub: Hub | undefined;
  beforeAll(async () => {
    if (process.env.HUB_URL) state.origin = process.env.HUB_URL.replace(/\/$/, '');
    else {
      hub = await startHub({ seed: true });
      state.origin = new URL(hub.gateway.url).origin;
    }
    state.browser = await launchChromium();
  });
  afterAll(async () => {
    await state.browser?.close();
    await hub?.stop();
  });
  return state;
}
