// The offline host: code-server serves VS Code, Debian's Chromium loads the
// workbench in test mode (extensionTestsPath in the URL payload), and the
// workbench reports back through two functions we expose on the page.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import { browserVersion, launchChromium } from './browser.mjs';
import { codeServerVersion, installVsix, registerTestExtensions, startCodeServer, workbenchUrl } from './code-server.mjs';
import { startPageBridge } from './page-bridge.mjs';
import { testExtensions } from './paths.mjs';
import { whereHung } from './report.mjs';

/**
 * Runs the suite once. Resolves with how it ended; never rejects for a test
 * failure, only for a harness problem that prevented the run.
 * @param {object} o
 * @param {import('./workdir.mjs').WorkDir} o.workDir
 * @param {Record<string,string>} o.env  isolated environment, RD_* included
 * @param {string | undefined} o.extensionPath  extensionDevelopmentPath (unset with a .vsix)
 * @param {string | undefined} o.vsix  install this and test the installed copy
 * @param {string} o.suitePath  extensionTestsPath
 * @param {import('./report.mjs').Report} o.report
 * @param {number} o.timeoutMs
 * @param {string} o.artifactsDir
 * @param {boolean} [o.headless]
 */
export async function runWithCodeServer(o) {
  const w = o.workDir;
  const marks = { start: Date.now() };
  const versions = codeServerVersion();
  let extensionPath = o.extensionPath;
  registerTestExtensions(w, testExtensions());
  if (o.vsix) {
    // The web workbench runs tests only for a development extension, so we
    // load the folder the .vsix was installed into: exactly the shipped files.
    extensionPath = installVsix(w, o.env, o.vsix);
    console.log(`[harness] installed ${path.basename(o.vsix)} into ${path.relative(w.root, extensionPath)}, testing that folder`);
  }

  const server = await startCodeServer({ workDir: w, env: o.env });
  let context;
  let bridge;
  try {
    // Same isolated HOME/XDG dirs: Chromium writes there too (NSS db, crash reports).
    const browser = await launchChromium(w, { headless: o.headless ?? true, env: o.env });
    context = browser.context;
    const { page } = browser;
    console.log(`[harness] host: code-server ${versions.codeServer} (VS Code ${versions.vscode}) at ${server.url}, `
      + `${await browserVersion(page)} ${o.headless === false ? 'headed' : 'headless'}`);

    let finish;
    const ended = new Promise((resolve) => { finish = resolve; });
    // Called by the workbench when run() settles: 0 resolved, 1 rejected.
    await page.exposeFunction('codeAutomationExit', (code, logs) => {
      saveWorkbenchLogs(w, logs);
      finish({ code });
    });
    server.exited.then((code) => finish({ problem: `code-server exited (${code}) during the run` }));
    page.on('crash', () => finish({ problem: 'the workbench page crashed' }));
    page.on('close', () => finish({ problem: 'the workbench page closed before the suite ended' }));
    // The workbench's log service, extension host output included.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.split('\n')) o.report.line(`[${level}] ${line}`);
    });
    recordConsole(page, path.join(w.logs, 'browser-console.log'));

    bridge = startPageBridge({
      page,
      dir: w.bridge,
      artifactsDir: o.artifactsDir,
      log: (line) => o.report.line(`[bridge] ${line}`),
    });

    const url = workbenchUrl(server, {
      folder: w.workspace,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: o.suitePath,
    });
    marks.goto = Date.now();
    await page.goto(url);

    // The budget counts from the start of this host, page load included.
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ timedOut: true }), marks.start + o.timeoutMs - Date.now());
    });
    const outcome = await Promise.race([ended, timedOut]);
    clearTimeout(timer);
    marks.end = Date.now();
    if (outcome.timedOut) {
      await page.screenshot({ path: path.join(o.artifactsDir, 'screenshots', 'timeout.png') }).catch(() => {});
      const where = whereHung(o.report);
      return { problem: `the suite did not finish within ${Math.round(o.timeoutMs / 1000)} s${where} (screenshot: test-artifacts/screenshots/timeout.png)` };
    }
    return outcome;
  } finally {
    await bridge?.stop();
    await context?.close().catch(() => {});
    await server.stop();
    printTimings(marks, o.report.firstEventAt);
  }
}

/** Where the time went, to tell a slow machine from a slow test. */
function printTimings(marks, firstEventAt) {
  const s = (from, to) => (from && to ? `${((to - from) / 1000).toFixed(1)} s` : '?');
  console.log(`[harness] timings: server + browser ${s(marks.start, marks.goto)}, `
    + `workbench to first test ${s(marks.goto, firstEventAt)}, suite ${s(firstEventAt, marks.end)}, `
    + `shutdown ${s(marks.end, Date.now())}`);
}

/** Writes the logs the workbench hands over at exit into <work>/logs/workbench/. */
function saveWorkbenchLogs(w, logs) {
  for (const { relativePath, contents } of Array.isArray(logs) ? logs : []) {
    const file = path.join(w.logs, 'workbench', path.normalize(relativePath).replace(/^(\.\.[/\\])+/, ''));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, contents);
  }
}

/** Keeps the page's console and uncaught errors, shown when a run fails. */
function recordConsole(page, file) {
  const out = fs.createWriteStream(file, { flags: 'a' });
  page.on('console', (msg) => out.write(`[${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => out.write(`[pageerror] ${err.stack ?? err.message}\n`));
  page.on('close', () => out.end());
}
