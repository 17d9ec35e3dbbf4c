// Child processes the harness starts. Long-lived ones are spawned detached,
// in their own process group, so that stopping them also stops everything
// they forked (code-server forks its extension host, terminals, watchers).
import { spawn, spawnSync } from 'node:child_process';

/**
 * Runs a command to completion with inherited output; throws on failure.
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [opts]
 */
export function runChecked(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (res.error) throw res.error;
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
  }
}

/** True when `cmd` is on the PATH. @param {string} cmd */
export function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Groups still running; killed if the driver exits early (Ctrl+C, crash). */
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => process.exit(130)); // runs the 'exit' handler above
}

/**
 * Starts a long-lived process in its own process group.
 * @param {string} cmd @param {string[]} args @param {import('node:child_process').SpawnOptions} opts
 */
export function spawnGroup(cmd, args, opts) {
  const child = spawn(cmd, args, { ...opts, detached: true });
  // Kept until killGroup: the leader may exit while its group lives on.
  if (child.pid) liveGroups.add(child.pid);
  return child;
}

/**
 * Stops a process group: SIGTERM, then SIGKILL if it lingers.
 * @param {import('node:child_process').ChildProcess | undefined} child
 * @param {number} [graceMs]
 */
export async function killGroup(child, graceMs = 3000) {
  if (!child?.pid) return;
  const signalGroup = (sig) => {
    try { process.kill(-child.pid, sig); return true; } catch { return false; }
  };
  liveGroups.delete(child.pid);
  if (!signalGroup('SIGTERM')) return; // the group is already gone
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    // Signal 0 only probes: it fails once no process of the group is left.
    if (!signalGroup(0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  signalGroup('SIGKILL');
}
