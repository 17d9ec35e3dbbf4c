// The debugger, as a person uses it: debug a Python script that raises a reuse-style error; the
// session stops on the exception, Reuse Doctor offers the diagnosis in a notification, and
// "Show Diagnosis" shows it in the sidebar. The debugging is real: Debian's debugpy (apt
// python3-debugpy) runs the script, behind the debug type "debugpy" that a test-only extension
// contributes (test/fixtures/extensions/debugpy-adapter: the Python extension cannot be
// installed offline). Debugpy stops on uncaught exceptions by default ("uncaught" is its default
// exception breakpoint filter).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ui } from './ui';
import { waitFor } from './wait';

const SESSION = 'Python: train_debug.py';

const SCRIPT = [
  '# Fails the way transformers does without accelerate installed.',
  'def from_pretrained(name, device_map=None):',
  '    raise ImportError(',
  '        "Using `low_cpu_mem_usage=True` or a `device_map` requires Accelerate: `pip install accelerate`"',
  '    )',
  '',
  '',
  'model = from_pretrained("Qwen/Qwen1.5-7B-Chat", device_map="auto")',
  '',
].join('\n');

suite('debugger (real UI, debugpy)', () => {
  let session: vscode.DebugSession | undefined;

  suiteSetup(async function () {
    if (!ui.available()) this.skip();
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
  });

  teardown(async () => {
    if (!session) return;
    const ended = new Promise<void>((resolve) => {
      const l = vscode.debug.onDidTerminateDebugSession((s) => {
        if (s.id === session?.id) {
          l.dispose();
          resolve();
        }
      });
    });
    await vscode.debug.stopDebugging(session);
    await ended;
    session = undefined;
    // The session opened the Debug Console; later suites expect the editor at its full height.
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });

  test('an exception stop offers the diagnosis; Show Diagnosis shows it in the sidebar', async function () {
    this.timeout(90_000);
    const ws = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(ws, 'needs a workspace folder');
    const program = path.join(ws, 'train_debug.py');
    fs.writeFileSync(program, SCRIPT);

    const started = new Promise<vscode.DebugSession>((resolve) => {
      const l = vscode.debug.onDidStartDebugSession((s) => {
        l.dispose();
        resolve(s);
      });
    });
    const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'debugpy',
      request: 'launch',
      name: SESSION,
      program,
      cwd: ws,
      // Output in the Debug Console: no terminal to run the script in.
      console: 'internalConsole',
      justMyCode: true,
    });
    assert.ok(ok, 'the debug session started');
    session = await started;

    // Our offer, as a notification toast.
    const toast = '.notifications-toasts .notification-toast:has-text("Reuse Doctor: likely")';
    await ui.waitFor(toast, { timeoutMs: 30_000 });
    assert.match(await ui.text(`${toast} .notification-list-item-message`),
      /^Reuse Doctor: likely .*Accelerate.* \((very likely|likely|possible) 0\.\d\d\)\.$/i);
    await ui.screenshot('debugger/offer');

    await ui.click(`${toast} .monaco-button:has-text("Show Diagnosis")`);
    const head = '#result .result-head';
    await ui.webviewWaitFor(`${head}:has-text("debug: ")`, { timeoutMs: 20_000 });
    assert.match(await ui.webviewText(head), new RegExp(`^Diagnostic · debug: ${SESSION.replace('.', '\\.')} · `));
    assert.match(await ui.webviewText('#result .card .card-title'), /Accelerate/i);
  });
});
