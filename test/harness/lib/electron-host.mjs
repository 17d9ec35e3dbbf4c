// The desktop host, for machines where a desktop VS Code can be had: the
// executable from VSCODE_EXECUTABLE_PATH, or one @vscode/test-electron
// downloads (RD_HOST=electron). We start it ourselves, with the arguments
// test-electron's runTests uses, so that it runs in its own process group
// (killable on timeout) and its output goes through our report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { repoRoot, testExtensions } from './paths.mjs';
import { hasCommand, killGroup, spawnGroup } from './processes.mjs';
import { whereHung } from './report.mjs';

/** The desktop VS Code to use, or undefined when none is at hand without downloading. */
export function desktopExecutable() {
  const exe = process.env.VSCODE_EXECUTABLE_PATH;
  return exe && fs.existsSync(exe) ? exe : undefined;
}

/** Downloads (or reuses from .vscode-test/) a desktop VS Code through test-electron. */
export async function downloadDesktop() {
  const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
  return downloadAndUnzipVSCode({
    cachePath: path.join(repoRoot, '.vscode-test'),
    version: process.env.RD_VSCODE_VERSION ?? 'stable',
  });
}

/**
 * @param {object} o
 * @param {string} o.executable
 * @param {import('./workdir.mjs').WorkDir} o.workDir
 * @param {Record<string,string>} o.env
 * @param {string} o.extensionPath
 * @param {string} o.suitePath
 * @param {import('./report.mjs').Report} o.report
 * @param {number} o.timeoutMs
 */
export async function runWithElectron(o) {
  const w = o.workDir;
  const args = [
    w.workspace,
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--disable-updates',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-workspace-trust',
    '--disable-extensions', // other installed extensions; the development one still loads
    `--user-data-dir=${w.userData}`,
    `--extensions-dir=${w.extensions}`,
    `--extensionDevelopmentPath=${o.extensionPath}`,
    ...testExtensions().map((dir) => `--extensionDevelopmentPath=${dir}`),
    `--extensionTestsPath=${o.suitePath}`,
  ];
  // Electron needs a display; on a headless Linux box borrow one from xvfb.
  const needsXvfb = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (needsXvfb && !hasCommand('xvfb-run')) {
    return { problem: 'no display for the desktop VS Code: set DISPLAY or install xvfb (apt-get install xvfb)' };
  }
  const [cmd, cmdArgs] = needsXvfb ? ['xvfb-run', ['-a', o.executable, ...args]] : [o.executable, args];
  console.log(`[harness] host: desktop VS Code (test-electron) ${o.executable}${needsXvfb ? ' under xvfb-run' : ''}`);

  const child = spawnGroup(cmd, cmdArgs, { env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => o.report.line(line));
  }
  let timer;
  const outcome = await Promise.race([
    new Promise((resolve) => child.once('exit', (code, signal) => resolve(
      code === null ? { problem: `VS Code was killed by ${signal}` } : { code },
    ))),
    new Promise((resolve) => {
      timer = setTimeout(() => {
        const where = whereHung(o.report);
        resolve({ problem: `the suite did not finish within ${Math.round(o.timeoutMs / 1000)} s${where}` });
      }, o.timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  await killGroup(child);
  return outcome;
}
