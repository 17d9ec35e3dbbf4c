#!/usr/bin/env node
// Runs the integration suite (test/integration) inside a real VS Code and
// ends with `N passed, N failed`; exits non-zero on any failure.
//
//   node test/harness/run.mjs [--grep <regexp>] [--vsix <file>] [--headed] [--keep] [--tests <dir>]
//
// Host: the desktop VS Code through test-electron when VSCODE_EXECUTABLE_PATH
// is set (or RD_HOST=electron, which downloads one); otherwise code-server +
// Chromium, which works offline. See test/integration/README.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSuite } from './build-suite.mjs';
import { desktopExecutable, downloadDesktop, runWithElectron } from './lib/electron-host.mjs';
import { artifactsDir, harnessDir, repoRoot } from './lib/paths.mjs';
import { Report } from './lib/report.mjs';
import { createWorkDir, isolatedEnv } from './lib/workdir.mjs';

const DEFAULT_TIMEOUT_MS = 8 * 60_000;

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string' },
    tests: { type: 'string' },
    vsix: { type: 'string' },
    headed: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: !!process.env.RD_KEEP_WORKDIR },
  },
});

function fail(message) {
  console.error(`[harness] ${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

/** The extension to load: the repo itself, built (what ships), unless a .vsix is given. */
function extensionUnderTest() {
  if (opts.vsix) {
    const vsix = path.resolve(opts.vsix);
    if (!fs.existsSync(vsix)) fail(`no such .vsix: ${vsix}`);
    return { vsix };
  }
  const extensionPath = path.resolve(process.env.RD_EXTENSION_PATH ?? repoRoot);
  const pkg = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8'));
  const main = path.join(extensionPath, pkg.main ?? '');
  if (!pkg.main || !fs.existsSync(main)) fail(`${main} is missing: build the extension first (npm run build)`);
  return { extensionPath };
}

async function chooseHost() {
  const wanted = process.env.RD_HOST ?? 'auto';
  if (wanted === 'code-server') return { kind: 'code-server' };
  const exe = desktopExecutable();
  if (exe) return { kind: 'electron', executable: exe };
  if (wanted === 'electron') return { kind: 'electron', executable: await downloadDesktop() };
  if (wanted !== 'auto') fail(`RD_HOST must be auto, code-server or electron, not "${wanted}"`);
  return { kind: 'code-server' };
}

/** The workspace VS Code opens: a scratch copy, so tests may write to it. */
function prepareWorkspace(w) {
  const source = path.resolve(process.env.RD_WORKSPACE_SOURCE ?? path.join(repoRoot, 'test', 'fixtures', 'workspace'));
  if (fs.existsSync(source)) fs.cpSync(source, w.workspace, { recursive: true });
}

/** Artefacts of the previous run that this run would otherwise leave stale. */
function resetArtifacts() {
  for (const stale of ['logs', path.join('screenshots', 'failures'), path.join('screenshots', 'timeout.png')]) {
    fs.rmSync(path.join(artifactsDir, stale), { recursive: true, force: true });
  }
  fs.mkdirSync(path.join(artifactsDir, 'screenshots'), { recursive: true });
}

/** Every log the run produced: ours, the workbench's and the server's. */
function collectLogs(w) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(log|txt)$/.test(e.name) && fs.statSync(full).size > 0) found.push(full);
    }
  };
  walk(w.logs);
  walk(path.join(w.userData, 'logs'));
  return found;
}

/** Most telling first: the extension's own channels, then the extension host, the window, the rest. */
function logRank(file) {
  const name = path.basename(file);
  if (/reuse[- ]doctor/i.test(file)) return 0;
  if (/exthost\.log$/.test(name)) return 1;
  if (/^(window|renderer)\.log$/.test(name)) return 2;
  return name === 'host-output.log' ? 4 : 3;
}

/** Copies the logs under test-artifacts/logs/ (the work dir goes away) and lists them for the report. */
function keepLogs(w, files) {
  return files
    .sort((a, b) => logRank(a) - logRank(b))
    .map((file) => {
      const kept = path.join(artifactsDir, 'logs', path.relative(w.root, file));
      fs.mkdirSync(path.dirname(kept), { recursive: true });
      fs.copyFileSync(file, kept);
      return { file: kept, shown: path.relative(repoRoot, kept) };
    });
}

/** Loaded late: it imports playwright-core, which setup installs on a fresh clone. */
function codeServerHost() {
  return import('./lib/code-server-host.mjs');
}

function readResult(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

async function main() {
  const started = Date.now();
  if (!process.env.RD_SKIP_SETUP) {
    // Idempotent and fast once installed; installs on a fresh clone.
    const setup = spawnSync(process.execPath, [path.join(harnessDir, 'setup.mjs')], { stdio: 'inherit' });
    if (setup.status !== 0) fail('harness setup failed (see above)');
  }
  const target = extensionUnderTest();
  const host = await chooseHost();
  const suite = await buildSuite(opts.tests);
  console.log(`[harness] suite: ${suite.tests.length} test file(s) bundled into ${path.relative(repoRoot, suite.dir)}`);

  const w = createWorkDir({ keep: opts.keep });
  prepareWorkspace(w);
  resetArtifacts();
  const timeoutMs = Number(process.env.RD_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  const env = {
    ...isolatedEnv(w),
    RD_HOST: host.kind,
    RD_REPO_ROOT: repoRoot,
    RD_WORKSPACE: w.workspace,
    RD_ARTIFACTS_DIR: artifactsDir,
    RD_RESULT_FILE: w.resultFile,
    RD_TEST_GREP: opts.grep ?? process.env.RD_TEST_GREP ?? '',
    // Only the web host has a page to drive.
    RD_BRIDGE_DIR: host.kind === 'code-server' ? w.bridge : '',
  };
  const report = new Report(path.join(w.logs, 'host-output.log'));
  const common = { workDir: w, env, suitePath: suite.dir, report, timeoutMs, artifactsDir };

  let outcome;
  try {
    outcome = host.kind === 'electron'
      ? await runWithElectron({ ...common, executable: host.executable, extensionPath: target.extensionPath ?? fail('--vsix needs the code-server host') })
      : await (await codeServerHost()).runWithCodeServer({ ...common, ...target, headless: !opts.headed });
  } catch (err) {
    outcome = { problem: `the harness failed: ${err instanceof Error ? err.stack : err}` };
  }

  const result = readResult(w.resultFile);
  let problem = outcome.problem;
  if (!problem && !result) problem = `the suite ended (exit code ${outcome.code}) without writing its result: see the logs`;
  if (!problem && outcome.code !== 0 && result.failed === 0) {
    problem = `VS Code reported failure (exit code ${outcome.code}) though no test failed: see the logs`;
  }
  const failed = Boolean(problem) || !result || result.failed > 0;
  const logs = failed ? keepLogs(w, collectLogs(w)) : [];
  if (opts.keep) console.log(`[harness] work dir kept: ${w.root}`);
  else if (failed) console.log('[harness] logs copied to test-artifacts/logs/');
  console.log(`[harness] ${host.kind} run took ${Math.round((Date.now() - started) / 1000)} s`);
  // Exit explicitly: a handle left by a dying host must not keep the driver alive.
  process.exit(await report.finish({ result, problem, logs }));
}

main().catch((err) => fail(err instanceof Error ? err.stack : String(err)));
