// The editor surfaces: our diagnostics at the user's line, the hover on diagnostics of any
// source, "Explain with Reuse Doctor" and the quick fixes, applied to a real file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { ui } from './ui';
import { waitFor } from './wait';

const SOURCE = 'Reuse Doctor';

const CLASSIFY = [
  'import torch', //                                                                    1
  'from transformers import AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments',
  'tokenizer = AutoTokenizer.from_pretrained("gpt2")', //                                3
  'model = AutoModelForSequenceClassification.from_pretrained("dslim/bert-base-NER", num_labels=15)',
  'texts = ["a long text"] * 8', //                                                      5
  'state = torch.load("ckpt.pt")',
  'args = TrainingArguments(output_dir="out", evaluation_strategy="epoch")', //           7
  'def run():',
  '    enc = tokenizer(texts, return_tensors="pt", padding=True)', //                     9
  '    out = model(**enc)',
  '    return out', //                                                                   11
  'run()',
  '',
].join('\n');

function tracebacks(file: string): Record<string, string> {
  const f = (line: number, fn: string, src: string): string => `  File "${file}", line ${line}, in ${fn}\n    ${src}`;
  const lib = (where: string, line: number, fn: string, src: string): string => `  File "/usr/lib/python3.10/site-packages/${where}", line ${line}, in ${fn}\n    ${src}`;
  const tb = (...lines: string[]): string => ['Traceback (most recent call last):', ...lines].join('\n');
  return {
    index: tb(
      f(12, '<module>', 'run()'),
      f(10, 'run', 'out = model(**enc)'),
      lib('torch/nn/modules/module.py', 1501, '_call_impl', 'return forward_call(*args, **kwargs)'),
      lib('transformers/models/bert/modeling_bert.py', 232, 'forward', 'position_embeddings = self.position_embeddings(position_ids)'),
      lib('torch/nn/functional.py', 2210, 'embedding', 'return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)'),
      'IndexError: index out of range in self',
    ),
    load: tb(
      f(6, '<module>', 'state = torch.load("ckpt.pt")'),
      lib('torch/serialization.py', 166, '_cuda_deserialize', 'raise RuntimeError(\'Attempting to deserialize object on a CUDA \''),
      "RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
    ),
    head: tb(
      f(4, '<module>', 'model = AutoModelForSequenceClassification.from_pretrained("dslim/bert-base-NER", num_labels=15)'),
      lib('transformers/modeling_utils.py', 3960, '_load_pretrained_model', 'raise RuntimeError(f"Error(s) in loading state_dict")'),
      'RuntimeError: Error(s) in loading state_dict for BertForTokenClassification:',
      '\tsize mismatch for classifier.weight: copying a param with shape torch.Size([9, 768]) from checkpoint, the shape in current model is torch.Size([15, 768]).',
      '\tsize mismatch for classifier.bias: copying a param with shape torch.Size([9]) from checkpoint, the shape in current model is torch.Size([15]).',
      '\tYou may consider adding `ignore_mismatched_sizes=True` in the model `from_pretrained` method.',
    ),
    evals: tb(
      f(7, '<module>', 'args = TrainingArguments(output_dir="out", evaluation_strategy="epoch")'),
      "TypeError: TrainingArguments.__init__() got an unexpected keyword argument 'evaluation_strategy'",
    ),
    pad: tb(
      f(12, '<module>', 'run()'),
      f(9, 'run', 'enc = tokenizer(texts, return_tensors="pt", padding=True)'),
      lib('transformers/tokenization_utils_base.py', 2620, '_get_padding_truncation_strategies', 'raise ValueError('),
      "ValueError: Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` `(tokenizer.pad_token = tokenizer.eos_token e.g.)` or add a new pad token via `tokenizer.add_special_tokens({'pad_token': '[PAD]'})`.",
    ),
  };
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

async function ourDiagnostic(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  return waitFor(`a ${code} diagnostic`, () => ours(uri).find((d) => d.code === code), 10_000);
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

suite('editor: diagnostics, hover, code actions', () => {
  let file: string;
  let uri: vscode.Uri;
  let tb: Record<string, string>;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
    const root = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'needs a workspace folder');
    file = path.join(root, 'classify.py');
    fs.writeFileSync(file, CLASSIFY);
    uri = vscode.Uri.file(file);
    tb = tracebacks(file);
    await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
  });

  test('a diagnosed traceback puts a diagnostic at the innermost user line, with the pattern id and the other frames', async () => {
    await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb.index);
    const d = await ourDiagnostic(uri, 'position-embeddings-index-out-of-range');
    assert.equal(d.range.start.line, 9, 'line 10: out = model(**enc)');
    assert.match(d.message, /^IndexError: index out of range in self\nLikely: /);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const related = d.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.uri.fsPath === file && r.location.range.start.line === 11), 'the run() call is related information');
  });

  test('the hover adds the root cause, the first fix and a trusted link to our command', async () => {
    if (!ours(uri).some((x) => x.code === 'position-embeddings-index-out-of-range')) await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb.index);
    const d = await ourDiagnostic(uri, 'position-embeddings-index-out-of-range');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, d.range.start.translate(0, 2));
    const text = hoverText(hovers);
    assert.match(text, /Likely root cause:/);
    assert.match(text, /First fix:/);
    assert.match(text, /\(command:reuseDoctor\.diagnoseError\?/);
    const md = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => c instanceof vscode.MarkdownString && c.value.includes('Reuse Doctor'));
    if (md) assert.deepEqual(md.isTrusted, { enabledCommands: ['reuseDoctor.diagnoseError', 'reuseDoctor.openDiagnosis', 'reuseDoctor.searchTaxonomy'] });
  });

  test('the hover, seen in the real editor: its link opens the diagnosis in the sidebar', async function () {
    ui.skipUnlessAvailable(this);
    // Runs on its own too (--grep): make sure the diagnostic is there.
    if (!ours(uri).some((x) => x.code === 'position-embeddings-index-out-of-range')) await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb.index);
    const d = await ourDiagnostic(uri, 'position-embeddings-index-out-of-range');
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(d.range.start.translate(0, 2), d.range.start.translate(0, 2));
    await vscode.commands.executeCommand('editor.action.showHover');
    await ui.waitFor('.monaco-hover:has-text("Likely root cause")');
    await ui.screenshot('editor/hover', { selector: '.monaco-hover' });
    await ui.click('.monaco-hover a:has-text("Open in Reuse Doctor")');
    await ui.webviewWaitFor('#result .card[data-pattern="position-embeddings-index-out-of-range"]', { timeoutMs: 15_000 });
  });

  test('quick fixes: five small edits applied to the file, each preferred, plus "Explain"', async () => {
    for (const key of ['index', 'load', 'head', 'evals', 'pad']) await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb[key]);
    const doc = await vscode.workspace.openTextDocument(uri);
    // The pad-token fix first: the truncation fix edits the line the pad diagnostic sits on,
    // and an edit of its line clears a diagnostic.
    const cases: [code: string, title: RegExp, expect: RegExp][] = [
      ['missing-pad-token-asking-to-pad', /pad token/, /from_pretrained\("gpt2"\)\ntokenizer\.pad_token = tokenizer\.eos_token\n/],
      ['position-embeddings-index-out-of-range', /truncation=True, max_length=512/, /tokenizer\(texts, return_tensors="pt", padding=True, truncation=True, max_length=512\)/],
      ['torch-load-cuda-checkpoint-on-cpu', /map_location/, /torch\.load\("ckpt\.pt", map_location='cpu'\)/],
      ['classifier-head-num-labels-mismatch', /ignore_mismatched_sizes/, /num_labels=15, ignore_mismatched_sizes=True\)/],
      ['transformers-evaluation-strategy-renamed', /eval_strategy/, /TrainingArguments\(output_dir="out", eval_strategy="epoch"\)/],
    ];
    for (const [code, title, expect] of cases) {
      const d = await ourDiagnostic(uri, code);
      const actions = await actionsAt(uri, d.range);
      const fix = actions.find((a) => title.test(a.title) && a.edit);
      assert.ok(fix, `${code}: quick fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.isPreferred, true, `${code}: preferred`);
      assert.ok(actions.some((a) => a.title.startsWith('Explain with Reuse Doctor') && a.command?.command === 'reuseDoctor.diagnoseError'), `${code}: Explain`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!), `${code}: edit applied`);
      assert.match(doc.getText(), expect, `${code}: the file after the fix`);
    }
    await doc.save();
  });

  test('editing the line of a diagnostic clears it; Clear Diagnostics clears the rest', async () => {
    const doc = await vscode.workspace.openTextDocument(uri);
    // Back to the original file (the quick fixes changed it), and two fresh diagnostics.
    const reset = new vscode.WorkspaceEdit();
    reset.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), CLASSIFY);
    await vscode.workspace.applyEdit(reset);
    for (const key of ['index', 'load']) await vscode.commands.executeCommand('reuseDoctor.diagnoseError', tb[key]);
    const d = await ourDiagnostic(uri, 'position-embeddings-index-out-of-range');
    await ourDiagnostic(uri, 'torch-load-cuda-checkpoint-on-cpu');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.lineAt(d.range.start.line).range.end, '  # fixed');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the edited line to lose its diagnostic', () => !ours(uri).some((x) => x.code === 'position-embeddings-index-out-of-range'));
    assert.ok(ours(uri).length > 0, 'diagnostics on other lines stay');
    await vscode.commands.executeCommand('reuseDoctor.clearDiagnostics');
    await waitFor('no diagnostics of ours', () => ours(uri).length === 0);
    await doc.save();
  });

  test("another tool's diagnostic whose message matches gets the hover and Explain, not a fix it cannot know", async () => {
    const other = vscode.languages.createDiagnosticCollection('some-linter');
    try {
      const range = new vscode.Range(4, 0, 4, 10);
      const d = new vscode.Diagnostic(range, 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.10 GiB already allocated)', vscode.DiagnosticSeverity.Error);
      d.source = 'some-linter';
      other.set(uri, [d]);
      const hovers = await waitFor('a hover', async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 2));
        return hoverText(h).includes('Reuse Doctor') ? h : undefined;
      });
      assert.match(hoverText(hovers), /out of memory/i);
      const actions = await actionsAt(uri, range);
      assert.ok(actions.some((a) => a.title.startsWith('Explain with Reuse Doctor')), actions.map((a) => a.title).join(' | '));
      // A diagnostic the core does not recognise gets nothing from us.
      d.message = 'Import "foo" could not be resolved';
      other.set(uri, [d]);
      const quiet = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(4, 2));
      assert.ok(!hoverText(quiet).includes('Likely root cause'), 'no hover for an unrelated message');
    } finally {
      other.dispose();
    }
  });
});
