#!/usr/bin/env node
// Installs everything the integration harness needs, on a clean machine with
// only the npm registry and Debian's apt reachable. Idempotent: when the
// harness is already installed for this lockfile and Node it returns at once.
//
//   node test/harness/setup.mjs [--force]
//
// The pitfalls it handles are written up in /work/shared/TESTING.md:
// code-server refuses root without unsafe-perm, @vscode/ripgrep downloads
// from GitHub (we seed its cache with Debian's rg), node-pty runs `npx
// node-gyp` (needs npm_config_yes), kerberos needs libkrb5-dev.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { chromiumPath, codeServerDir, harnessDir, harnessModules } from './lib/paths.mjs';
import { hasCommand, runChecked } from './lib/processes.mjs';

// chromium: the browser that drives the workbench; libkrb5-dev: headers for
// code-server's kerberos addon; ripgrep: stands in for @vscode/ripgrep's
// GitHub download; python3, make, g++: node-gyp builds code-server's native
// modules (and the suite runs python3 scripts); python3-debugpy (with python3-pydevd): the
// debug adapter the debugger tests really debug with (test/fixtures/extensions/debugpy-adapter).
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep', 'python3', 'make', 'g++', 'python3-debugpy'];
const stampFile = path.join(harnessModules, '.rd-setup-stamp.json');
/** Outside node_modules, which `npm ci` deletes. */
const lockDir = path.join(harnessDir, '.setup.lock');
const LOCK_WAIT_MS = 15 * 60_000;
const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');

/** Files that only exist when every native piece was built. */
const builtMarkers = [
  path.join(vscodeDir, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
  path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  path.join(vscodeDir, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  path.join(vscodeDir, 'extensions', 'node_modules'),
  path.join(vscodeDir, 'node_modules.asar'),
];

function log(msg) {
  console.log(`[harness setup] ${msg}`);
}

function expectedStamp() {
  const lock = fs.readFileSync(path.join(harnessDir, 'package-lock.json'));
  return {
    lock: createHash('sha256').update(lock).digest('hex'),
    node: process.versions.node.split('.')[0],
    arch: process.arch,
  };
}

function isInstalled() {
  try {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
    return JSON.stringify(stamp) === JSON.stringify(expectedStamp())
      && builtMarkers.every((f) => fs.existsSync(f));
  } catch {
    return false;
  }
}

/** The packages dpkg does not list as installed (one dpkg-query call for all). */
function aptMissing(pkgs) {
  const res = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...pkgs], { encoding: 'utf8' });
  const installed = new Set(res.stdout.split('\n')
    .filter((l) => l.endsWith('install ok installed'))
    .map((l) => l.split(' ')[0].split(':')[0]));
  return pkgs.filter((p) => !installed.has(p));
}

/** Installs the apt packages that are missing; does nothing when all are there. */
function ensureAptPackages() {
  if (!hasCommand('dpkg-query')) {
    // Not Debian: we cannot check, so rely on the tools being on the PATH.
    if (!fs.existsSync(chromiumPath) || !hasCommand('rg')) {
      throw new Error(`need Chromium at ${chromiumPath} (or set RD_CHROMIUM), ripgrep and krb5 headers`);
    }
    return;
  }
  const missing = aptMissing(APT_PACKAGES);
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && !hasCommand('sudo')) {
    throw new Error(`missing apt packages ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  // `env` carries DEBIAN_FRONTEND through sudo, which would drop it.
  const prefix = asRoot ? ['env'] : ['sudo', '-n', 'env'];
  const run = (args) => runChecked(prefix[0], [...prefix.slice(1), 'DEBIAN_FRONTEND=noninteractive', ...args]);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing]);
}

/** The release tag @vscode/ripgrep's postinstall downloads, read from the package itself. */
function ripgrepTag(version, scratch) {
  const res = spawnSync('npm', ['pack', `@vscode/ripgrep@${version}`, '--json', '--pack-destination', scratch],
    { encoding: 'utf8', cwd: scratch });
  if (res.status !== 0) throw new Error(`npm pack @vscode/ripgrep@${version} failed: ${res.stderr}`);
  const tgz = path.join(scratch, JSON.parse(res.stdout)[0].filename);
  const src = spawnSync('tar', ['-xzOf', tgz, 'package/lib/postinstall.js'], { encoding: 'utf8' }).stdout;
  const tag = /const VERSION = '([^']+)'/.exec(src)?.[1];
  if (!tag) throw new Error('could not read the ripgrep tag from @vscode/ripgrep/lib/postinstall.js');
  return tag;
}

/**
 * @vscode/ripgrep's postinstall downloads rg from GitHub, unreachable here;
 * it first looks in $TMPDIR/vscode-ripgrep-cache-<version>/, so we put
 * Debian's rg there in the archive shape it expects.
 */
function seedRipgrepCache(tmpDir) {
  const shrinkwrap = JSON.parse(fs.readFileSync(path.join(vscodeDir, 'npm-shrinkwrap.json'), 'utf8'));
  const version = shrinkwrap.packages?.['node_modules/@vscode/ripgrep']?.version;
  if (!version) throw new Error('no @vscode/ripgrep in code-server\'s shrinkwrap');
  const target = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[os.arch()];
  if (!target) throw new Error(`no ripgrep target for ${os.arch()}`);
  const tag = ripgrepTag(version, tmpDir);
  const cacheDir = path.join(tmpDir, `vscode-ripgrep-cache-${version}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const archive = path.join(cacheDir, `ripgrep-${tag}-${target}.tar.gz`);
  runChecked('tar', ['-czf', archive, '-C', path.dirname(fs.realpathSync(rg)), path.basename(fs.realpathSync(rg))]);
  log(`seeded ${path.relative(tmpDir, archive)} with ${rg}`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Two runs started together (a person and CI, or two terminals) would both
 * `npm ci` into the same node_modules and break each other's native builds,
 * so installing holds a lock: a directory, created atomically, naming its owner.
 */
function acquireLock() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner;
    let stale;
    try {
      owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
      stale = !isAlive(owner); // left by a killed setup
    } catch {
      // No pid yet: just created, or its owner died before naming itself.
      stale = fs.existsSync(lockDir) && Date.now() - fs.statSync(lockDir).mtimeMs > 60_000;
    }
    if (stale) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`another harness setup (pid ${owner}) still holds ${lockDir}`);
    if (!announced) log(`waiting for another harness setup (pid ${owner || '?'}) to finish`);
    announced = true;
    spawnSync('sleep', ['1']);
  }
}

function main() {
  const force = process.argv.includes('--force');
  if (process.versions.node.split('.')[0] !== '20') {
    // code-server's native modules are built for, and its postinstall insists on, Node 20.
    throw new Error(`code-server 4.100.3 needs Node 20; this is Node ${process.versions.node}`);
  }
  ensureAptPackages();
  if (!force && isInstalled()) {
    log('ready (already installed)');
    return;
  }
  const release = acquireLock();
  try {
    // Another setup may have finished while we waited for the lock.
    if (!force && isInstalled()) {
      log('ready (installed by another run)');
      return;
    }
    install();
  } finally {
    release();
  }
}

function install() {
  const started = Date.now();
  const tmpDir = path.join(harnessModules, '.rd-tmp');
  const npm = (args, env = {}) => runChecked('npm', args, {
    cwd: harnessDir,
    env: { ...process.env, ...env },
  });

  log('npm ci (scripts deferred until ripgrep is seeded)');
  npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund']);

  fs.mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);

  log('building code-server (its VS Code modules) and argon2; argon2 first tries a GitHub prebuilt: that failure is expected noise');
  npm(['rebuild', 'argon2', 'code-server'], {
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses root without it
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`
    TMPDIR: tmpDir, // where @vscode/ripgrep looks for its cached download
  });

  const missing = builtMarkers.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`install incomplete, missing:\n  ${missing.join('\n  ')}`);
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.writeFileSync(stampFile, JSON.stringify(expectedStamp()));
  log(`ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

try {
  main();
} catch (err) {
  console.error(`[harness setup] FAILED: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
