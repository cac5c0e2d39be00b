import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** One supervised process: a Node script with its environment and log file. */
export interface ServiceSpec {
  name: string;
  /** Arguments to `node` (script first, or flags then script). */
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout and stderr go (appended); kept across restarts. */
  logFile: string;
}

export interface RestartPolicy {
  /** First delay before a restart; doubles with every exit in a row. */
  minDelayMs: number;
  /** Longest delay between restarts. */
  maxDelayMs: number;
  /** A process that ran this long counts as healthy: the next exit restarts after minDelayMs again. */
  stableAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { minDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** What the supervisor reports (pnpm start prints these and writes them to .data/logs/supervisor.log). */
export type SupervisorEvent =
  | { type: 'exit'; name: string; code: number | null; signal: NodeJS.Signals | null; restartInMs: number; restarts: number }
  | { type: 'restarted'; name: string; pid: number | undefined; restarts: number };

/**
 * Keeps a process running: when it exits without being asked to, it is started again after a
 * delay that doubles with every exit in a row (1 s, 2 s, 4 s … at most 30 s) and resets once it
 * has stayed up for a minute. Logs of every run go to the same file.
 */
export class SupervisedProcess extends EventEmitter {
  child: ChildProcess | undefined;
  restarts = 0;
  private failuresInARow = 0;
  private startedAt = 0;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly log: WriteStream;
  private readonly lineListeners: ((line: string) => void)[] = [];

  constructor(
    readonly spec: ServiceSpec,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {
    super();
    mkdirSync(dirname(spec.logFile), { recursive: true });
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
  }

  /** Each line the process prints on stdout (e.g. to show progress while it starts); returns the unsubscribe. */
  onLine(listener: (line: string) => void): () => void {
    this.lineListeners.push(listener);
    return () => {
      const at = this.lineListeners.indexOf(listener);
      if (at >= 0) this.lineListeners.splice(at, 1);
    };
  }

  /** Whether the current run has exited (and a restart, if any, is pending). */
  get exited(): boolean {
    return !this.child || this.child.exitCode !== null || this.child.signalCode !== null;
  }

  start(): void {
    this.startedAt = Date.now();
    const child = spawn(process.execPath, this.spec.args, {
      cwd: this.spec.cwd,
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: Ctrl-C reaches the supervisor only, which then stops it in order
      // (and never mistakes that exit for a crash).
      detached: true,
    });
    this.child = child;
    child.stderr?.pipe(this.log, { end: false });
    if (child.stdout) {
      child.stdout.pipe(this.log, { end: false });
      createInterface({ input: child.stdout }).on('line', (line) => this.lineListeners.forEach((listener) => listener(line)));
    }
    child.on('exit', (code, signal) => this.onExit(child, code, signal));
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    const ranFor = Date.now() - this.startedAt;
    this.failuresInARow = ranFor >= this.policy.stableAfterMs ? 1 : this.failuresInARow + 1;
    const restartInMs = Math.min(this.policy.maxDelayMs, this.policy.minDelayMs * 2 ** (this.failuresInARow - 1));
    this.emit('event', { type: 'exit', name: this.spec.name, code, signal, restartInMs, restarts: this.restarts } satisfies SupervisorEvent);
    this.timer = setTimeout(() => {
      if (this.stopping) return;
      this.restarts += 1;
      this.start();
      this.emit('event', { type: 'restarted', name: this.spec.name, pid: this.child?.pid, restarts: this.restarts } satisfies SupervisorEvent);
    }, restartInMs);
  }

  /** Stops for good: SIGTERM (graceful shutdown), SIGKILL after `graceMs`. No restart follows. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (child && !this.exited) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
      });
    }
    await new Promise<void>((resolve) => this.log.end(resolve));
  }
}
