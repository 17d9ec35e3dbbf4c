// Starts code-server (VS Code's server, web workbench and Node extension host)
// offline on a loopback port, with all its state in the run's work dir.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { codeServerDir, codeServerEntry } from './paths.mjs';
import { killGroup, spawnGroup } from './processes.mjs';

/** Settings that keep the workbench quiet, offline and the same on every machine. */
export const QUIET_SETTINGS = {
  // bash has shell integration; $SHELL may be sh (or unset) in CI containers.
  'terminal.integrated.defaultProfile.linux': 'bash',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
};

export function codeServerVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(codeServerDir, 'package.json'), 'utf8'));
  const vscodePkg = JSON.parse(fs.readFileSync(path.join(codeServerDir, 'lib', 'vscode', 'package.json'), 'utf8'));
  return { codeServer: pkg.version, vscode: vscodePkg.version };
}

/** A free loopback port (the kernel picks it; a clash right after is very unlikely). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** The arguments shared by serving and --install-extension. */
function baseArgs(w) {
  const config = path.join(w.root, 'code-server.yaml');
  fs.writeFileSync(config, ''); // never read ~/.config/code-server/config.yaml
  return [
    codeServerEntry,
    '--config', config,
    '--user-data-dir', w.userData,
    '--extensions-dir', w.extensions,
    '--disable-telemetry',
    '--disable-update-check',
  ];
}

/** Environment for code-server: isolated, no marketplace. */
function serverEnv(env) {
  return { ...env, EXTENSIONS_GALLERY: '{"serviceUrl":""}' };
}

/**
 * Registers the test-only extensions as installed, in place: VS Code reads the installed
 * extensions from `<extensions dir>/extensions.json`, and an entry may point anywhere. (The
 * web workbench cannot load them as more development extensions: it keeps the URL payload in
 * a Map, so a second `extensionDevelopmentPath` replaces the first.) Call before installVsix,
 * which adds to this file.
 * @param {import('./workdir.mjs').WorkDir} w @param {string[]} dirs
 */
export function registerTestExtensions(w, dirs) {
  const entries = dirs.map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    return { identifier: { id: `${pkg.publisher}.${pkg.name}` }, version: pkg.version, location: { scheme: 'file', path: dir } };
  });
  fs.mkdirSync(w.extensions, { recursive: true });
  fs.writeFileSync(path.join(w.extensions, 'extensions.json'), JSON.stringify(entries));
}

/**
 * Installs a .vsix into the work dir's (empty) extensions folder, as a user
 * would, and returns the folder VS Code unpacked it into.
 * @param {import('./workdir.mjs').WorkDir} w @param {Record<string,string>} env @param {string} vsix
 */
export function installVsix(w, env, vsix) {
  const res = spawnSync(process.execPath, [...baseArgs(w), '--install-extension', vsix],
    { env: serverEnv(env), encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`installing ${vsix} failed:\n${res.stdout}\n${res.stderr}`);
  const installed = fs.readdirSync(w.extensions, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (installed.length !== 1) {
    throw new Error(`expected one extension in ${w.extensions} after installing ${vsix}, found ${installed.length}`);
  }
  return path.join(w.extensions, installed[0].name);
}

/**
 * Starts code-server in its own process group and waits until /healthz answers.
 * @param {object} o
 * @param {import('./workdir.mjs').WorkDir} o.workDir
 * @param {Record<string, string>} o.env  environment (already isolated)
 * @param {Record<string, unknown>} [o.settings] user settings added to QUIET_SETTINGS
 * @param {number} [o.port]
 */
export async function startCodeServer({ workDir: w, env, settings = {}, port }) {
  const userDir = path.join(w.userData, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));

  port ??= await freePort();
  const logFile = path.join(w.logs, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawnGroup(process.execPath, [
    ...baseArgs(w),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ], { env: serverEnv(env), stdio: ['ignore', out, out] });
  fs.closeSync(out);

  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const server = {
    url,
    port,
    authority: `127.0.0.1:${port}`,
    child,
    logFile,
    /** Resolves with the exit code or signal if code-server stops by itself. */
    exited,
    stop: () => killGroup(child),
  };
  try {
    await waitHealthy(url, exited, 30_000);
  } catch (err) {
    await server.stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`${err.message}\ncode-server log (${logFile}):\n${tail}`);
  }
  return server;
}

async function waitHealthy(url, exited, timeoutMs) {
  let gone;
  exited.then((code) => { gone = code; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`code-server exited (${gone}) before it was ready`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs / 1000} s`);
}

/**
 * The workbench URL that opens `folder` and runs the extension tests. The
 * authority must be exactly the host:port the page is loaded from.
 * @param {{ url: string, authority: string }} server
 * @param {{ folder: string, extensionDevelopmentPath?: string, extensionTestsPath?: string }} o
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://${server.authority}${p}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = new URLSearchParams({ folder });
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query}`;
}
