import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SupervisedProcess, type SupervisorEvent } from './supervisor';

const logDir = mkdtempSync(join(tmpdir(), 'hub-supervisor-'));
const running: SupervisedProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop(1_000)));
});

function supervise(name: string, script: string, policy = { minDelayMs: 10, maxDelayMs: 40, stableAfterMs: 600_000 }) {
  const process = new SupervisedProcess({ name, args: ['-e', script], logFile: join(logDir, `${name}.log`) }, policy);
  running.push(process);
  return process;
}

/** The next `count` events of a supervised process. */
function events(process: SupervisedProcess, count: number): Promise<SupervisorEvent[]> {
  return new Promise((resolve) => {
    const seen: SupervisorEvent[] = [];
    const listener = (event: SupervisorEvent) => {
      seen.push(event);
      if (seen.length === count) {
        process.off('event', listener);
        resolve(seen);
      }
    };
    process.on('event', listener);
  });
}

/** Resolves with the next stdout line that matches. */
function line(process: SupervisedProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => process.onLine((l) => pattern.test(l) && resolve(l)));
}

describe('supervised process', () => {
  it('restarts a process killed with SIGKILL, and the new one serves again', async () => {
    const service = supervise('killed', `console.log('ready ' + process.pid); setInterval(() => {}, 1000);`);
    const firstReady = line(service, /^ready/);
    service.start();
    const first = await firstReady;
    const nextEvents = events(service, 2);
    const secondReady = line(service, new RegExp(`^ready (?!${first.split(' ')[1]}$)`));
    process.kill(service.child!.pid!, 'SIGKILL');
    const [exit, restarted] = await nextEvents;
    expect(exit).toMatchObject({ type: 'exit', name: 'killed', signal: 'SIGKILL', restartInMs: 10 });
    expect(restarted).toMatchObject({ type: 'restarted', name: 'killed', restarts: 1 });
    expect(await secondReady).not.toBe(first);
    await service.stop();
    // Both runs log into the same file.
    expect(readFileSync(join(logDir, 'killed.log'), 'utf8').match(/^ready/gm)).toHaveLength(2);
  });

  it('backs off: the delay doubles with every exit in a row, up to the maximum', async () => {
    const service = supervise('crashing', 'process.exit(3)');
    const seen = events(service, 8);
    service.start();
    const exits = (await seen).filter((e) => e.type === 'exit');
    expect(exits.map((e) => e.restartInMs)).toEqual([10, 20, 40, 40]);
    expect(exits.every((e) => e.type === 'exit' && e.code === 3)).toBe(true);
  });

  it('starts again from the shortest delay after a run that lasted (stable)', async () => {
    const service = supervise('stable', 'process.exit(1)', { minDelayMs: 10, maxDelayMs: 40, stableAfterMs: 0 });
    const seen = events(service, 6);
    service.start();
    expect((await seen).filter((e) => e.type === 'exit').map((e) => e.restartInMs)).toEqual([10, 10, 10]);
  });

  it('stop ends the process with SIGTERM and does not restart it', async () => {
    const service = supervise('stopped', `console.log('up'); setInterval(() => {}, 1000);`);
    const up = line(service, /^up/);
    let restarted = false;
    service.on('event', () => (restarted = true));
    service.start();
    await up;
    const child = service.child!;
    await service.stop();
    expect(child.signalCode).toBe('SIGTERM');
    expect(service.exited).toBe(true);
    expect(restarted).toBe(false);
  });
});
