// Notebooks: a saved .ipynb whose cell output is an error shows "Likely: …" in that cell's
// status bar; a new run producing an error does too, and is announced as an automatic
// diagnosis (with a diagnostic at the cell's line).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ui } from './ui';
import { waitFor } from './wait';

const PAD_MESSAGE =
  "Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` `(tokenizer.pad_token = tokenizer.eos_token e.g.)` or add a new pad token via `tokenizer.add_special_tokens({'pad_token': '[PAD]'})`.";

function notebookJson(): string {
  const cell = (source: string, outputs: unknown[], count: number | null) => ({ cell_type: 'code', execution_count: count, metadata: {}, source: [source], outputs });
  return JSON.stringify({
    cells: [
      cell('from transformers import AutoTokenizer\ntokenizer = AutoTokenizer.from_pretrained("gpt2")', [], 1),
      cell('batch = tokenizer(["a", "bb"], padding=True)', [
        {
          output_type: 'error',
          ename: 'ValueError',
          evalue: PAD_MESSAGE,
          traceback: [
            '\u001b[0;31m---------------------------------------------------------------------------\u001b[0m',
            '\u001b[0;31mValueError\u001b[0m                                Traceback (most recent call last)',
            'Cell \u001b[0;32mIn[2], line 1\u001b[0m\n\u001b[0;32m----> 1\u001b[0m batch \u001b[38;5;241m=\u001b[39m tokenizer([\u001b[38;5;124m"a"\u001b[39m, \u001b[38;5;124m"bb"\u001b[39m], padding\u001b[38;5;241m=\u001b[39m\u001b[38;5;28;01mTrue\u001b[39;00m)',
            'File \u001b[0;32m/usr/lib/python3/site-packages/transformers/tokenization_utils_base.py:2620\u001b[0m, in \u001b[0;36mPreTrainedTokenizerBase._get_padding_truncation_strategies\u001b[0;34m(self)\u001b[0m\n\u001b[1;32m   2618\u001b[0m     raise ValueError(',
            `\u001b[0;31mValueError\u001b[0m: ${PAD_MESSAGE}`,
          ],
        },
      ], 2),
      cell('model.generate(**batch)', [], null),
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}

suite('notebooks', () => {
  let uri: vscode.Uri;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
    const root = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'needs a workspace folder');
    const file = path.join(root, 'finetune.ipynb');
    fs.writeFileSync(file, notebookJson());
    uri = vscode.Uri.file(file);
  });

  test('a saved error output gets "Likely: …" in its cell status bar, which opens the diagnosis', async function () {
    ui.skipUnlessAvailable(this);
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    const item = '.cell-statusbar-container .cell-status-item:has-text("Likely:")';
    await ui.waitFor(item, { timeoutMs: 20_000 });
    const text = await ui.text(item);
    assert.match(text, /Likely: .*pad token/i);
    await ui.screenshot('notebooks/cell-status');
    await ui.click(item);
    await ui.webviewWaitFor('#result .card[data-pattern="missing-pad-token-asking-to-pad"]', { timeoutMs: 15_000 });
    assert.match(await ui.webviewText('#result .result-head'), /Notebook cell.*finetune\.ipynb · cell 2/s);
  });

  test('a new run that ends in an error is diagnosed on its own, with a diagnostic in the cell', async function () {
    this.timeout(60_000);
    const nb = await vscode.workspace.openNotebookDocument(uri);
    await vscode.window.showNotebookDocument(nb);
    // A stand-in kernel: running cell 3 replaces its outputs with an error, as ipykernel would.
    const controller = vscode.notebooks.createNotebookController('rd-test-kernel', 'jupyter-notebook', 'RD Test Kernel');
    controller.supportedLanguages = ['python'];
    let order = 3;
    controller.executeHandler = async (cells) => {
      for (const cell of cells) {
        const run = controller.createNotebookCellExecution(cell);
        run.executionOrder = order++;
        run.start(Date.now());
        const err = new Error("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.10 GiB already allocated; 1.2 GiB free)");
        err.name = 'OutOfMemoryError';
        // The shape ipykernel gives a traceback (colours left out).
        err.stack = [
          '---------------------------------------------------------------------------',
          'OutOfMemoryError                          Traceback (most recent call last)',
          `Cell In[${run.executionOrder}], line 1`,
          '----> 1 model.generate(**batch)',
          '',
          'File /usr/lib/python3/site-packages/transformers/generation/utils.py:1500, in GenerationMixin.generate(self, inputs)',
          '   1498     raise',
          '',
          `OutOfMemoryError: ${err.message}`,
        ].join('\n');
        await run.replaceOutput([new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(err)])]);
        run.end(false, Date.now());
      }
    };
    try {
      controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
      await vscode.commands.executeCommand('notebook.selectKernel', { id: controller.id, extension: 'reuse-doctor.reuse-doctor' }).then(undefined, () => undefined);
      await vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: 2, end: 3 }], document: uri });
      const cell = nb.cellAt(2);
      await waitFor('the error output of cell 3', () => cell.outputs.length > 0, 20_000);
      const d = await waitFor('a diagnostic on cell 3', () => vscode.languages.getDiagnostics(cell.document.uri).find((x) => x.source === 'Reuse Doctor'), 20_000);
      assert.match(String(d.code), /^cuda-oom/);
      assert.equal(d.range.start.line, 0);
      if (ui.available()) {
        await ui.waitFor('.cell-statusbar-container .cell-status-item:has-text("out of memory")', { timeoutMs: 20_000 });
        await vscode.commands.executeCommand('reuseDoctor.showSidebar');
        await ui.webviewClick('#tab-history', { timeoutMs: 15_000 });
        const titles = await ui.webviewTexts('.history-item .history-meta', { timeoutMs: 15_000 });
        assert.ok(titles.some((t) => /Notebook cell/.test(t)), titles.join(' | '));
      }
    } finally {
      controller.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
