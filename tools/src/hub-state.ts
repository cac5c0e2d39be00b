import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running `pnpm start` writes to .data/hub.json: its pid and its services' pids. */
export interface HubState {
  pid: number;
  services: Record<string, { pid?: number }>;
}

const file = (dataDir: string) => join(dataDir, 'hub.json');

export function writeHubState(dataDir: string, state: HubState): void {
  writeFileSync(file(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

export function clearHubState(dataDir: string): void {
  rmSync(file(dataDir), { force: true });
}

export function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running hub's state, or undefined when no `pnpm start` runs. */
export function runningHub(dataDir: string): HubState | undefined {
  if (!existsSync(file(dataDir))) return undefined;
  const state = JSON.parse(readFileSync(file(dataDir), 'utf8')) as HubState;
  return alive(state.pid) ? state : undefined;
}

function isHubService(pid: number): boolean {
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command.includes(process.execPath) && /(subgraphs|gateway)[/\\][^\0]*dist[/\\]index\.js/.test(command);
  } catch {
    return false;
  }
}

/**
 * Stops services an earlier `pnpm start` left running when it was killed itself (kill -9, a closed
 * machine session): they hold the ports and the demo database. Refuses when that hub still runs.
 */
export async function stopOrphans(dataDir: string): Promise<void> {
  if (!existsSync(file(dataDir))) return;
  const state = JSON.parse(readFileSync(file(dataDir), 'utf8')) as HubState;
  if (alive(state.pid) && state.pid !== process.pid) {
    throw new Error(`The hub is already running (pnpm start, pid ${state.pid}); stop it with Ctrl-C in its terminal or kill ${state.pid}`);
  }
  for (const [name, { pid }] of Object.entries(state.services)) {
    // After a reboot a pid may belong to another program: only stop our own Node services.
    if (!alive(pid) || !isHubService(pid!)) continue;
    console.log(`Stopping ${name} (pid ${pid}), left running by an earlier start …`);
    process.kill(pid!, 'SIGTERM');
    for (let i = 0; i < 100 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    if (alive(pid)) process.kill(pid!, 'SIGKILL');
  }
  clearHubState(dataDir);
}
