// Log files: a code lens above each recognised error, that opens it; bounded work on a big log.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ui } from './ui';
import { waitFor } from './wait';

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/home/me/proj/train.py", line 88, in <module>',
  '    trainer.train()',
  '  File "/usr/lib/python3.10/site-packages/torch/cuda/memory.py", line 120, in _alloc',
  '    raise OutOfMemoryError(msg)',
  'torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.10 GiB already allocated; 1.21 GiB free; 13.40 GiB reserved in total by PyTorch)',
];

function progress(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `{'loss': ${(2 - (from + i) / 1e5).toFixed(4)}, 'learning_rate': 2e-05, 'epoch': ${((from + i) / 1000).toFixed(2)}}`);
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

suite('log files', () => {
  let root: string;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
    const r = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(r, 'needs a workspace folder');
    root = r;
  });

  test('a code lens above the traceback names the likely cause and opens the diagnosis', async () => {
    const lines = [...progress(40), ...TRACEBACK, 'wandb: Waiting for W&B process to finish... (failed 1).'];
    const file = path.join(root, 'train.log');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor('a Reuse Doctor lens', async () => {
      const l = (await lenses(uri)).filter((x) => x.command?.title.startsWith('Reuse Doctor:'));
      return l.length ? l : undefined;
    });
    assert.equal(found.length, 1);
    const lens = found[0]!;
    assert.equal(lens.range.start.line, 40, 'above "Traceback (most recent call last):"');
    assert.match(lens.command!.title, /^Reuse Doctor: .*out of memory.*\((very likely|likely|possible) 0\.\d\d\)$/i);
    if (ui.available()) {
      const selector = '.codelens-decoration a:has-text("Reuse Doctor:")';
      await ui.waitFor(selector, { timeoutMs: 15_000 });
      await ui.screenshot('logfiles/lens');
      await ui.click(selector);
      await ui.webviewWaitFor('#result .card[data-pattern^="cuda-oom"]', { timeoutMs: 15_000 });
      assert.match(await ui.webviewText('#result .result-head'), /Log file.*train\.log:41/s);
    }
  });

  test('a big training log stays fast: only its tail is scanned', async function () {
    this.timeout(120_000);
    // ~12 MB of progress lines, the crash at the end.
    const file = path.join(root, 'big-run.out');
    const fd = fs.openSync(file, 'w');
    const perChunk = 20_000;
    for (let k = 0; k < 8; k++) fs.writeSync(fd, progress(perChunk, k * perChunk).join('\n') + '\n');
    fs.writeSync(fd, TRACEBACK.join('\n') + '\n');
    fs.closeSync(fd);
    const total = 8 * perChunk;
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const started = Date.now();
    const found = (await lenses(uri)).filter((x) => x.command?.title.startsWith('Reuse Doctor:'));
    const ms = Date.now() - started;
    assert.equal(found.length, 1, `lenses: ${found.map((l) => l.command?.title).join(' | ')}`);
    assert.equal(found[0]!.range.start.line, total);
    assert.ok(ms < 10_000, `code lenses took ${ms} ms on ${doc.lineCount} lines`);
  });

  test('the file globs are a setting: a .txt file is left alone when only *.log is included', async () => {
    const file = path.join(root, 'notes.txt');
    fs.writeFileSync(file, TRACEBACK.join('\n') + '\n');
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    await waitFor('a lens on notes.txt', async () => (await lenses(uri)).some((x) => x.command?.title.startsWith('Reuse Doctor:')));
    const config = vscode.workspace.getConfiguration('reuseDoctor');
    await config.update('logFiles.include', ['**/*.log'], vscode.ConfigurationTarget.Global);
    try {
      await waitFor('no lens on notes.txt', async () => !(await lenses(uri)).some((x) => x.command?.title.startsWith('Reuse Doctor:')));
    } finally {
      await config.update('logFiles.include', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
