// Terminal links, as a person meets them: a command prints a traceback in the integrated
// terminal; moving the mouse over its error line underlines it and shows "Reuse Doctor:
// diagnose"; Ctrl+click diagnoses it, with the whole captured output of that command.
// Everything is read from the page: xterm.js draws with its DOM renderer here (GPU acceleration
// off), so the rows, their underline and the hover are elements Playwright can see.
//
// How "not a link" is seen without waiting for nothing: the test registers a probe link
// provider that makes every line a link "probe". VS Code asks the extensions' providers together
// and xterm shows the first of their links at the mouse, in registration order: ours (registered
// at activation) first. So where the probe's hover shows, our provider answered "no link" for
// that line; where ours shows, the probe was there too and lost.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ACCELERATE_ERROR, ACCELERATE_SCRIPT, accelerateTraceback } from './tracebacks';
import { EDITOR_AREA, PANEL, ui } from './ui';
import type { Point } from './ui';
import { waitFor } from './wait';

const HOVER = '.monaco-hover.workbench-hover';
const OURS = 'Reuse Doctor: diagnose';
const ERROR_LINE = ACCELERATE_ERROR;
const ORDINARY_LINE = 'Loading checkpoint shards: 100% 2/2';
const PROBE = 'probe: a line without a link of Reuse Doctor';

function script(ws: string): string {
  const user = path.join(ws, 'train_links.py');
  return [
    '#!/bin/sh',
    `echo "${ORDINARY_LINE}"`,
    "cat >&2 <<'EOF'",
    accelerateTraceback(user),
    'EOF',
    // VS Code drops a command's last 50 ms of output from what extensions read (see terminal.test.ts).
    'sleep 0.3',
    'exit 1',
    '',
  ].join('\n');
}

/**
 * The centre of the character `offset` places into the first visible terminal row containing
 * `text` (a Range over the row's text nodes: xterm splits a row into spans), or null.
 */
function pointOf(text: string, offset: number): Promise<Point | null> {
  return ui.evaluate<Point | null>(`(() => {
    for (const row of document.querySelectorAll('.xterm-rows > div')) {
      if (row.getBoundingClientRect().width === 0) continue; // a hidden terminal
      const at = row.textContent.replace(/\\u00a0/g, ' ').indexOf(${JSON.stringify(text)});
      if (at < 0) continue;
      let i = at + ${offset};
      const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (i >= n.length) { i -= n.length; continue; }
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const b = range.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
    }
    return null;
  })()`);
}

/** The underlined text of the visible row containing `text`, as drawn. */
function underlinedIn(text: string): Promise<string> {
  return ui.evaluate<string>(`(() => {
    const row = [...document.querySelectorAll('.xterm-rows > div')]
      .find((r) => r.getBoundingClientRect().width > 0 && r.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(text)}));
    return [...(row?.querySelectorAll('span') ?? [])]
      .filter((s) => getComputedStyle(s).textDecorationLine.includes('underline'))
      .map((s) => s.textContent).join('').replace(/\\u00a0/g, ' ');
  })()`);
}

/**
 * Moves the mouse off the terminal (a hover widget under the pointer would swallow the move),
 * then onto `text` at `offset`, until a hover shows; returns the point and the hover's text.
 * The point is measured again on every try: the panel can still be settling after the previous
 * suite closed its terminal, and a stale point hovers nothing.
 */
async function hoverOn(text: string, offset: number): Promise<{ point: Point; hover: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await ui.hover(EDITOR_AREA);
    await ui.waitFor(HOVER, { state: 'hidden' });
    const point = await pointOf(text, offset);
    assert.ok(point, `no visible terminal row shows ${text}`);
    await ui.hover(point);
    try {
      await ui.waitFor(HOVER, { timeoutMs: 4000 });
      return { point, hover: (await ui.text(HOVER)).replace(/\s+/g, ' ').trim() };
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`no hover appeared over "${text}" within 20 s (${String(err)})`);
    }
  }
}

/** Makes every non-empty line a link "probe" (see the top of the file). */
function probeLinks(): vscode.Disposable {
  return vscode.window.registerTerminalLinkProvider({
    provideTerminalLinks: ({ line }) => {
      const startIndex = line.length - line.trimStart().length;
      const length = line.trim().length;
      return length ? [{ startIndex, length, tooltip: PROBE }] : [];
    },
    handleTerminalLink: () => undefined,
  });
}

function shellIntegration(terminal: vscode.Terminal): Promise<void> {
  if (terminal.shellIntegration) return Promise.resolve();
  return waitFor('shell integration in the terminal', () => terminal.shellIntegration !== undefined, 20_000).then(() => undefined);
}

/** Types the command into the terminal, as a person would, and waits until it ends. */
async function run(terminal: vscode.Terminal, command: string): Promise<void> {
  const ended = new Promise<void>((resolve) => {
    const l = vscode.window.onDidEndTerminalShellExecution((e) => {
      if (e.terminal === terminal && e.execution.commandLine.value.includes(command)) {
        l.dispose();
        resolve();
      }
    });
  });
  terminal.sendText(command);
  await ended;
}

suite('terminal links (real UI)', () => {
  let terminal: vscode.Terminal | undefined;

  suiteSetup(async function () {
    if (!ui.available()) this.skip();
    this.timeout(60_000);
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
    // Before the terminal exists: it picks its renderer when created. The DOM renderer draws
    // rows as elements; WebGL or canvas would leave nothing to read or hover.
    await vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', 'off', vscode.ConfigurationTarget.Global);
    const ws = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(ws, 'needs a workspace folder');
    fs.writeFileSync(path.join(ws, 'train_links.py'), ACCELERATE_SCRIPT);
    fs.writeFileSync(path.join(ws, 'train_links.sh'), script(ws), { mode: 0o755 });

    terminal = vscode.window.createTerminal({ name: 'rd-links', cwd: ws, shellPath: '/bin/bash' });
    terminal.show();
    // Shell integration is what lets the click use the command's captured output.
    await shellIntegration(terminal);
    await run(terminal, './train_links.sh');
    await waitFor('the output drawn in the terminal', () => pointOf(ERROR_LINE, 0));
  });

  suiteTeardown(async () => {
    terminal?.dispose();
    await vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', undefined, vscode.ConfigurationTarget.Global);
  });

  test('an error line is a link; Ctrl+click diagnoses it with its command\'s captured output', async function () {
    this.timeout(60_000);
    const { point, hover } = await hoverOn(ERROR_LINE, 3);
    assert.equal(hover, `${OURS} (ctrl + click)`);
    assert.equal(await underlinedIn(ERROR_LINE), ERROR_LINE, 'the whole error line is underlined');
    await ui.screenshot('terminal/link-hover', { selector: PANEL });

    await ui.clickAt(point, ['Control']);
    // The sidebar shows the diagnosis of a terminal line, labelled with the command it came from.
    const head = '#result .result-head';
    await ui.webviewWaitFor(`${head}:has-text("Terminal line")`, { timeoutMs: 20_000 });
    assert.match(await ui.webviewText(head), /^Terminal line · \.\/train_links\.sh · /);
    assert.match(await ui.webviewText('#result .card .card-title'), /Accelerate/i);
    // The user's frame is only in the captured traceback, not in the line that was clicked.
    assert.match(await ui.webviewText('#result .error-location'), /train_links\.py/);
  });

  test('an ordinary line is not a link', async () => {
    const probe = probeLinks();
    try {
      assert.equal((await hoverOn(ORDINARY_LINE, 3)).hover, `${PROBE} (ctrl + click)`);
      // The control: on the error line, our link still comes first.
      assert.equal((await hoverOn(ERROR_LINE, 3)).hover, `${OURS} (ctrl + click)`);
    } finally {
      probe.dispose();
    }
  });

  test('reuseDoctor.terminal.links off: error lines are no longer links', async () => {
    const probe = probeLinks();
    try {
      await vscode.workspace.getConfiguration('reuseDoctor').update('terminal.links', false, vscode.ConfigurationTarget.Global);
      // The extension re-reads its settings when the extension host hears of the change.
      await waitFor('the setting to reach the extension host', () => vscode.workspace.getConfiguration('reuseDoctor').get('terminal.links') === false);
      assert.equal((await hoverOn(ERROR_LINE, 3)).hover, `${PROBE} (ctrl + click)`);
    } finally {
      probe.dispose();
      await vscode.workspace.getConfiguration('reuseDoctor').update('terminal.links', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
