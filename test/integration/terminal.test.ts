// The terminal, as a person uses it: run a script that fails with a traceback in a real shell
// (shell integration on), see the status bar item, the badge on the sidebar and the diagnostic;
// open the last failure; fix it, run the same command again, and see it all go away.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ACCELERATE_SCRIPT, accelerateTraceback } from './tracebacks';
import { ui } from './ui';
import { sleep, waitFor } from './wait';

const SOURCE = 'Reuse Doctor';

function script(ws: string): string {
  const user = path.join(ws, 'train_term.py');
  return [
    '#!/bin/sh',
    '# Fails with a real-looking traceback while fail.flag exists.',
    'echo "loading model..."',
    'if [ -f fail.flag ]; then',
    "cat >&2 <<'EOF'",
    accelerateTraceback(user),
    'EOF',
    // VS Code (up to at least 1.100) batches a command's output for 50 ms and drops what is
    // still batched when the command ends: a traceback printed in the last 50 ms is not seen by
    // extensions. A Python process with torch loaded takes longer than that to exit; so does this.
    'sleep 0.3',
    'exit 1',
    'fi',
    'echo "done"',
    '',
  ].join('\n');
}

async function withShellIntegration(terminal: vscode.Terminal): Promise<boolean> {
  if (terminal.shellIntegration) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(false);
    }, 20_000);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((e) => {
      if (e.terminal === terminal) {
        clearTimeout(timer);
        listener.dispose();
        resolve(true);
      }
    });
  });
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

suite('terminal', () => {
  let ws: string;
  let terminal: vscode.Terminal | undefined;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
    const root = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'needs a workspace folder');
    ws = root;
    fs.writeFileSync(path.join(ws, 'train_term.py'), ACCELERATE_SCRIPT);
    fs.writeFileSync(path.join(ws, 'run.sh'), script(ws), { mode: 0o755 });
    await vscode.workspace.getConfiguration('reuseDoctor').update('terminal.notify', 'statusBar', vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(() => {
    terminal?.dispose();
  });

  test('a failing command is diagnosed: status bar item, badge, diagnostic, last failure; success clears it', async function () {
    this.timeout(90_000);
    fs.writeFileSync(path.join(ws, 'fail.flag'), '');
    // The sidebar was used before but is out of sight now, so the new diagnosis is announced by a
    // badge on its activity bar icon.
    await vscode.commands.executeCommand('reuseDoctor.showSidebar');
    if (ui.available()) await ui.webviewWaitFor('#paste', { timeoutMs: 15_000 });
    await vscode.commands.executeCommand('workbench.view.explorer');
    terminal = vscode.window.createTerminal({ name: 'rd-test', cwd: ws, shellPath: '/bin/bash' });
    terminal.show();
    if (!(await withShellIntegration(terminal))) {
      // Without shell integration only the link provider works; say so rather than pass silently.
      this.skip();
    }
    terminal.sendText('./run.sh');

    const userFile = vscode.Uri.file(path.join(ws, 'train_term.py'));
    const d = await waitFor('the diagnostic from the terminal run', () => ours(userFile)[0], 30_000);
    assert.equal(d.code, 'accelerate-missing-for-device-map');
    assert.equal(d.range.start.line, 2);

    if (ui.available()) {
      await ui.waitFor('.statusbar-item:has-text("device_map")', { timeoutMs: 10_000 });
      const badge = await waitFor('the badge on the Reuse Doctor view container', async () => {
        const text = await ui.evaluate<string | null>(
          `(() => { const item = [...document.querySelectorAll('.activitybar .action-item')].find(a => (a.getAttribute('aria-label') ?? a.querySelector('[aria-label]')?.getAttribute('aria-label') ?? '').includes('Reuse Doctor'));
            return item?.querySelector('.badge .badge-content')?.textContent ?? null; })()`,
        );
        return text && text.trim() !== '' ? text : undefined;
      });
      assert.equal(badge.trim(), '1');
      await ui.screenshot('terminal/status-and-badge');
    }

    // The last failure, as the palette command shows it.
    await vscode.commands.executeCommand('reuseDoctor.diagnoseLastTerminalFailure');
    if (ui.available()) {
      // The earlier pasted result showed the same pattern, so wait for the head to name the run.
      await ui.webviewWaitFor('#result .result-head:has-text("run.sh")', { timeoutMs: 15_000 });
      assert.match(await ui.webviewText('#result .result-head'), /Terminal.*run\.sh/s);
      await ui.webviewWaitFor('#result .card[data-pattern="accelerate-missing-for-device-map"]', { timeoutMs: 15_000 });
      // Looking at it clears the badge.
      await waitFor('the badge to go', async () =>
        (await ui.evaluate<boolean>(`![...document.querySelectorAll('.activitybar .action-item')].some(a => (a.getAttribute('aria-label') ?? '').includes('Reuse Doctor') && a.querySelector('.badge .badge-content')?.textContent?.trim())`)));
    }

    // Fixed: the same command now succeeds, and what it produced goes away.
    fs.rmSync(path.join(ws, 'fail.flag'));
    terminal.sendText('./run.sh');
    await waitFor('the diagnostic to be withdrawn', () => ours(userFile).length === 0, 30_000);
    if (ui.available()) await ui.waitFor('.statusbar-item:has-text("device_map")', { state: 'hidden', timeoutMs: 10_000 });
  });

  test('a command printing megabytes still ends promptly and a later failure is still caught', async function () {
    this.timeout(90_000);
    assert.ok(terminal, 'the previous test opened the terminal');
    if (!terminal.shellIntegration) this.skip();
    const started = Date.now();
    const ended = new Promise<number | undefined>((resolve) => {
      const l = vscode.window.onDidEndTerminalShellExecution((e) => {
        if (e.terminal === terminal && /head -c/.test(e.execution.commandLine.value)) {
          l.dispose();
          resolve(e.exitCode);
        }
      });
    });
    // ~8 MB of training-log lines.
    terminal.sendText('yes "epoch 1 | step 100 | loss 0.4321 | lr 2.0e-05 | 12.3 it/s" | head -c 8000000');
    assert.equal(await ended, 0);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 60, `took ${seconds} s`);
    fs.writeFileSync(path.join(ws, 'fail.flag'), '');
    await sleep(200);
    terminal.sendText('./run.sh');
    const userFile = vscode.Uri.file(path.join(ws, 'train_term.py'));
    await waitFor('the diagnostic after the big output', () => ours(userFile)[0], 30_000);
    fs.rmSync(path.join(ws, 'fail.flag'));
    await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
  });
  test('really running python3: the traceback it prints puts our diagnostic on the user\'s line', async function () {
    this.timeout(60_000);
    assert.ok(terminal, 'the first test opened the terminal');
    if (!terminal.shellIntegration) this.skip();
    const file = path.join(ws, 'train_real.py');
    fs.writeFileSync(file, [
      'import atexit, time',
      "# VS Code 1.100 drops a command's last ~50 ms of output: stay alive a moment after the traceback.",
      'atexit.register(time.sleep, 0.5)',
      'from transformers import AutoModelForSequenceClassification',
      '',
    ].join('\n'));
    // -I -S: no site-packages, so the import fails the same way on every machine, with a real
    // traceback printed by a real interpreter (the classic "not installed in this interpreter").
    terminal.sendText('python3 -I -S train_real.py');
    const uri = vscode.Uri.file(file);
    const d = await waitFor('the diagnostic from the python3 run', () => ours(uri)[0], 30_000);
    assert.equal(d.code, 'nlp-package-not-installed-in-interpreter');
    assert.equal(d.range.start.line, 3, 'on the import line');
    assert.match(d.message, /No module named 'transformers'/);
    // Hovering it explains it.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /Likely root cause:/);
    await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
  });
  test('terminal.notify = notification: a failure is announced by a toast whose button shows it', async function () {
    this.timeout(60_000);
    assert.ok(terminal, 'the first test opened the terminal');
    if (!terminal.shellIntegration || !ui.available()) this.skip();
    const config = vscode.workspace.getConfiguration('reuseDoctor');
    await config.update('terminal.notify', 'notification', vscode.ConfigurationTarget.Global);
    fs.writeFileSync(path.join(ws, 'fail.flag'), '');
    try {
      terminal.sendText('./run.sh');
      const toast = '.notifications-toasts .notification-toast:has-text("Reuse Doctor:")';
      await ui.waitFor(toast, { timeoutMs: 30_000 });
      assert.match(await ui.text(`${toast} .notification-list-item-message`), /^Reuse Doctor: "\.\/run\.sh" failed\. Likely: .*Accelerate/i);
      await ui.click(`${toast} .monaco-button:has-text("Show Diagnosis")`);
      await ui.webviewWaitFor('#result .result-head:has-text("run.sh")', { timeoutMs: 15_000 });
      assert.match(await ui.webviewText('#result .result-head'), /Terminal.*run\.sh/s);
      await ui.webviewWaitFor('#result .card[data-pattern="accelerate-missing-for-device-map"]', { timeoutMs: 15_000 });
    } finally {
      fs.rmSync(path.join(ws, 'fail.flag'), { force: true });
      await config.update('terminal.notify', 'statusBar', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
    }
  });
});
