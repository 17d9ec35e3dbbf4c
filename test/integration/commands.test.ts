// The palette commands, run as a person would (palette, input box, quick pick) or with the
// argument hovers, links and lenses pass; their result is read from the sidebar page.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ui } from './ui';
import type { WebviewTarget } from './ui';
import { waitFor } from './wait';

const VIEW: WebviewTarget = { timeoutMs: 15_000 };
const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_FIELD = `${QUICK_INPUT} .quick-input-box input`;
const OOM = 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.10 GiB already allocated)';
const PAD = 'ValueError: Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` `(tokenizer.pad_token = tokenizer.eos_token e.g.)` or add a new pad token via `tokenizer.add_special_tokens({\'pad_token\': \'[PAD]\'})`.';

const EXPECTED_COMMANDS = [
  'reuseDoctor.diagnoseError',
  'reuseDoctor.diagnoseSelection',
  'reuseDoctor.diagnoseClipboard',
  'reuseDoctor.diagnoseLastTerminalFailure',
  'reuseDoctor.searchTaxonomy',
  'reuseDoctor.showSidebar',
  'reuseDoctor.clearHistory',
  'reuseDoctor.clearDiagnostics',
];

async function firstCardPattern(): Promise<string> {
  return waitFor('a result card', async () => {
    const ids = await ui.webviewEvaluate<string[]>(`[...document.querySelectorAll('#result .card')].map(c => c.dataset.pattern)`, VIEW).catch(() => []);
    return ids[0];
  }, 15_000);
}

async function waitForResultChange(before: string | null): Promise<void> {
  await waitFor('a new result', async () => {
    const id = await ui.webviewEvaluate<string | null>(`document.querySelector('#result .result')?.dataset.result ?? null`, VIEW).catch(() => before);
    return id !== before && id !== null;
  }, 15_000);
}

async function currentResultId(): Promise<string | null> {
  return ui.webviewEvaluate<string | null>(`document.querySelector('#result .result')?.dataset.result ?? null`, VIEW).catch(() => null);
}

suite('commands', () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension('reuse-doctor.reuse-doctor')?.activate();
  });

  teardown(async () => {
    if (ui.available()) await ui.press('Escape');
  });

  suiteTeardown(async () => {
    // Leave no error text on the clipboard: Diagnose Error… would prefill it for later suites.
    await vscode.env.clipboard.writeText('');
  });

  test('every command is registered and contributed with the "Reuse Doctor" category', async () => {
    const registered = await vscode.commands.getCommands(true);
    const ext = vscode.extensions.getExtension('reuse-doctor.reuse-doctor')!;
    const contributed = (ext.packageJSON as { contributes: { commands: { command: string; category?: string }[] } }).contributes.commands;
    for (const id of EXPECTED_COMMANDS) {
      assert.ok(registered.includes(id), `${id} is not registered`);
      assert.equal(contributed.find((c) => c.command === id)?.category, 'Reuse Doctor', `${id} category`);
    }
  });

  test('Diagnose Error… with an argument diagnoses it and shows the sidebar', async function () {
    ui.skipUnlessAvailable(this);
    const before = await currentResultId();
    await vscode.commands.executeCommand('reuseDoctor.diagnoseError', OOM);
    await waitForResultChange(before);
    assert.match(await firstCardPattern(), /^cuda-oom/);
  });

  test('Diagnose Error… from the palette: the input box is prefilled from the selection', async function () {
    ui.skipUnlessAvailable(this);
    const doc = await vscode.workspace.openTextDocument({ content: `log line\n${PAD}\nanother line\n`, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, PAD.length);
    await ui.press('F1');
    await ui.waitFor(QUICK_INPUT_FIELD);
    await ui.type('Reuse Doctor: Diagnose Error');
    await ui.waitFor(`${QUICK_INPUT} .monaco-list-row[aria-label*="Reuse Doctor: Diagnose Error"]`);
    await ui.press('Enter');
    const value = await waitFor('the prefilled input box', async () => {
      const v = await ui.evaluate<string | null>(`document.querySelector(${JSON.stringify(QUICK_INPUT_FIELD)})?.value ?? null`);
      return v && !v.startsWith('>') ? v : undefined;
    });
    assert.equal(value, PAD);
    const before = await currentResultId();
    await ui.press('Enter');
    await waitForResultChange(before);
    assert.equal(await firstCardPattern(), 'missing-pad-token-asking-to-pad');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Diagnose Selection diagnoses the editor selection', async function () {
    ui.skipUnlessAvailable(this);
    const doc = await vscode.workspace.openTextDocument({ content: `x\n${OOM}\n`, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 0, 1, OOM.length);
    const before = await currentResultId();
    await vscode.commands.executeCommand('reuseDoctor.diagnoseSelection');
    await waitForResultChange(before);
    assert.match(await firstCardPattern(), /^cuda-oom/);
    assert.match(await ui.webviewText('#result .result-head', VIEW), /Editor selection/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('Diagnose Clipboard diagnoses what was copied', async function () {
    ui.skipUnlessAvailable(this);
    await vscode.env.clipboard.writeText(PAD);
    const before = await currentResultId();
    await vscode.commands.executeCommand('reuseDoctor.diagnoseClipboard');
    await waitForResultChange(before);
    assert.equal(await firstCardPattern(), 'missing-pad-token-asking-to-pad');
    assert.match(await ui.webviewText('#result .result-head', VIEW), /Clipboard/);
  });

  test('Search Taxonomy… finds a pattern by a misspelt query and opens it in the sidebar', async function () {
    ui.skipUnlessAvailable(this);
    void vscode.commands.executeCommand('reuseDoctor.searchTaxonomy');
    await ui.waitFor(QUICK_INPUT_FIELD);
    await ui.type('tokenizr pad token');
    // The items follow the typed value through the extension host, one round trip per key: the
    // list first shows the matches of a shorter prefix ("tokenizr"). Wait for the whole query's.
    const rows = await waitFor('a pad token row for the whole query', async () => {
      const labels = await ui.evaluate<string[]>(`[...document.querySelectorAll('${QUICK_INPUT} .monaco-list-row')].map(r => r.getAttribute('aria-label') ?? '')`);
      return labels.some((r) => /pad[ _]token/i.test(r)) && labels;
    });
    // Root cause as the description.
    assert.ok(rows.some((r) => /Tokenizer/i.test(r)), 'the root cause is shown');
    await ui.press('Enter');
    await ui.webviewWaitFor('.card.pattern', VIEW);
    assert.ok((await ui.webviewText('.card.pattern .card-title', VIEW)).length > 0);
  });

  test('Search Taxonomy with a pattern id opens it directly; Show Sidebar too', async function () {
    ui.skipUnlessAvailable(this);
    await vscode.commands.executeCommand('reuseDoctor.searchTaxonomy', 'cuda-oom-training');
    await ui.webviewWaitFor('.card.pattern[data-pattern="cuda-oom-training"]', VIEW);
    await vscode.commands.executeCommand('reuseDoctor.showSidebar', 'missing-pad-token-asking-to-pad');
    await ui.webviewWaitFor('.card.pattern[data-pattern="missing-pad-token-asking-to-pad"]', VIEW);
  });

  test('Clear History with an id forgets that entry; without, everything', async function () {
    ui.skipUnlessAvailable(this);
    await vscode.commands.executeCommand('reuseDoctor.diagnoseError', OOM);
    await ui.webviewClick('#tab-history', VIEW);
    await ui.webviewWaitFor('.history-item', VIEW);
    const first = await ui.webviewEvaluate<string>(`document.querySelector('.history-item').dataset.id`, VIEW);
    await vscode.commands.executeCommand('reuseDoctor.clearHistory', first);
    await waitFor('the entry to go', async () => !(await ui.webviewEvaluate<string[]>(`[...document.querySelectorAll('.history-item')].map(b => b.dataset.id)`, VIEW)).includes(first));
    await vscode.commands.executeCommand('reuseDoctor.clearHistory');
    await ui.webviewWaitFor('.history-list .empty', VIEW);
  });

  test('Diagnose Last Terminal Failure with no failure yet says so instead of failing', async () => {
    // The terminal suite covers the real case; here only that the command is safe to run.
    await vscode.commands.executeCommand('reuseDoctor.diagnoseLastTerminalFailure');
  });
});
