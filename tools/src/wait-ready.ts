import type { SupervisedProcess } from './supervisor';

/** What a service's JSON log line says about its start (migrations, demo data), for the progress line. */
export function startPhase(line: string): string | undefined {
  let entry: { msg?: string; progress?: string };
  try {
    entry = JSON.parse(line) as typeof entry;
  } catch {
    return undefined;
  }
  if (entry.msg === 'loading demo data') return 'loading demo data';
  if (entry.msg === 'demo data progress' && entry.progress) return `loading demo data (${entry.progress})`;
  if (entry.msg === 'demo data loaded') return 'demo data loaded, starting';
  return undefined;
}

export interface WaitOptions {
  name: string;
  /** The service's /health/ready. */
  url: string;
  service: SupervisedProcess;
  timeoutMs: number;
  /** Printed before the progress (the "Starting … " line); without it nothing is printed. */
  prefix?: string;
  /** No output at all (waiting for a restarted service). */
  quiet?: boolean;
  /** True once the caller is shutting down: stop waiting without a word. */
  cancelled?: () => boolean;
}

/** Thrown when waiting was cancelled by a shutdown (nothing to report). */
export class WaitCancelled extends Error {}

/**
 * Waits until the service answers /health/ready, showing what it is doing and for how long
 * (rewriting one line on a terminal, a line every 30 s otherwise). Fails when the process exits
 * first or when `timeoutMs` (READY_TIMEOUT_SECONDS) passes.
 */
export async function waitReady(options: WaitOptions): Promise<void> {
  let phase = 'migrations';
  const unsubscribe = options.service.onLine((line) => (phase = startPhase(line) ?? phase));
  try {
    await poll(options, () => phase);
  } finally {
    unsubscribe();
  }
}

async function poll(options: WaitOptions, phase: () => string): Promise<void> {
  const { name, url, service, timeoutMs } = options;
  const started = Date.now();
  const tty = Boolean(process.stdout.isTTY) && !options.quiet;
  const print = !options.quiet && options.prefix !== undefined;
  if (print) process.stdout.write(options.prefix!);
  let lastReport = started;
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  while (Date.now() - started < timeoutMs) {
    if (options.cancelled?.()) {
      if (print) console.log('');
      throw new WaitCancelled('stopped while starting');
    }
    if (service.exited) {
      const code = service.child?.exitCode ?? service.child?.signalCode;
      if (print) console.log('failed');
      throw new Error(`${name} exited (${code}) before it was ready; see .data/logs/${name}.log`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        const took = elapsed();
        if (tty) process.stdout.write(`\r${options.prefix}\x1b[K`);
        if (print) console.log(took >= 10 ? `ready (${took} s)` : 'ready');
        return;
      }
    } catch {
      // not listening yet
    }
    if (tty) process.stdout.write(`\r${options.prefix}${phase()}, ${elapsed()} s\x1b[K`);
    else if (print && Date.now() - lastReport >= 30_000) {
      lastReport = Date.now();
      process.stdout.write(`\n  … ${name}: ${phase()}, ${elapsed()} s `);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (print) console.log('timed out');
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (READY_TIMEOUT_SECONDS); see .data/logs/${name}.log`);
}
