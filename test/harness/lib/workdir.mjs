// One directory per run holds every file the harness and the hosts write:
// HOME, TMPDIR, XDG dirs, VS Code's user data and extensions, the Chromium
// profile, the page bridge, logs and the scratch workspace. It sits directly
// under /tmp with a short name because Unix socket paths (VS Code's IPC
// sockets live in TMPDIR) must stay under 108 bytes.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** @typedef {ReturnType<typeof createWorkDir>} WorkDir */

/**
 * Creates the run's work dir, removed when the process exits (Ctrl+C
 * included; processes.mjs has stopped the hosts by then) unless `keep`.
 */
export function createWorkDir({ keep = false, base = process.env.RD_WORK_BASE ?? '/tmp' } = {}) {
  const root = path.join(base, `rd-${process.pid}`);
  fs.rmSync(root, { recursive: true, force: true });
  if (!keep) process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  const dirs = {
    root,
    home: path.join(root, 'home'),
    tmp: path.join(root, 'tmp'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    chromium: path.join(root, 'chromium'),
    bridge: path.join(root, 'bridge'),
    logs: path.join(root, 'logs'),
    workspace: path.join(root, 'workspace'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dirs.tmp, 0o700); // it is also XDG_RUNTIME_DIR, which must be private
  return { ...dirs, resultFile: path.join(root, 'result.json') };
}

/** Environment that keeps a host's files inside the work dir. @param {WorkDir} w */
export function isolatedEnv(w) {
  const env = { ...process.env };
  // Variables of an enclosing VS Code (e.g. when run from its terminal) would
  // make the host talk to that VS Code instead of starting its own.
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key.startsWith('ELECTRON_')) delete env[key];
  }
  return {
    ...env,
    HOME: w.home,
    TMPDIR: w.tmp,
    XDG_CONFIG_HOME: w.xdgConfig,
    XDG_DATA_HOME: w.xdgData,
    XDG_CACHE_HOME: w.xdgCache,
    XDG_RUNTIME_DIR: w.tmp,
  };
}
