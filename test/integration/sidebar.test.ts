// The sidebar, driven as a person would: open it, paste a traceback into the paste box,
// press Ctrl+Enter, read the cards; follow the link to the file; browse the taxonomy; look
// at the history; hide and show the view. Everything is read from the real page.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testEnv } from './env';
import { accelerateTraceback } from './tracebacks';
import { ui } from './ui';
import type { WebviewTarget } from './ui';
import { sleep, waitFor } from './wait';

// Our only webview. (Not narrowed by `purpose=webviewView`: VS Code drops it from the iframe's
// src when a hidden view is shown again.)
const VIEW: WebviewTarget = { timeoutMs: 15_000 };

function workspaceFile(name: string, text: string): string {
  const root = testEnv.workspace ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(root, 'the test needs a workspace folder');
  const file = path.join(root, name);
  fs.writeFileSync(file, text);
  return file;
}

async function openSidebar(): Promise<void> {
  await vscode.commands.executeCommand('reuseDoctor.showSidebar');
  await ui.webviewWaitFor('#paste', VIEW);
}

async function pasteAndDiagnose(text: string): Promise<void> {
  await ui.webviewClick('#tab-diagnose', VIEW);
  await ui.webviewFill('#paste', text, VIEW);
  await ui.webviewPress('#paste', 'Control+Enter', VIEW);
}

suite('sidebar (real UI)', () => {
  suiteSetup(async function () {
    if (!ui.available()) this.skip();
    await ui.setTheme('dark');
  });

  test('a pasted traceback shows the error line, the file link and the best card first', async () => {
    const file = workspaceFile('train_accelerate.py', 'from transformers import AutoModelForCausalLM\n\nmodel = AutoModelForCausalLM.from_pretrained("Qwen/Qwen1.5-7B-Chat", device_map="auto")\n');
    await openSidebar();
    await pasteAndDiagnose(accelerateTraceback(file));
    await ui.webviewWaitFor('.card[data-pattern="accelerate-missing-for-device-map"]', VIEW);

    const errorLine = await ui.webviewText('.finding .error-text', VIEW);
    assert.match(errorLine, /^ImportError: Using `low_cpu_mem_usage=True`/);
    const titles = await ui.webviewTexts('.card .card-title', VIEW);
    assert.match(titles[0] ?? '', /Accelerate/i, `first card: ${titles[0]}`);
    const confidence = await ui.webviewText('.card .confidence', VIEW);
    assert.match(confidence, /(very likely|likely|possible)\s+0\.\d\d/);

    // Chips carry the vocabulary definitions as their tooltips.
    const chipTitles = await ui.webviewEvaluate<string[]>(`[...document.querySelectorAll('.card')[0].querySelectorAll('.chip')].map(c => c.title)`, VIEW);
    assert.ok(chipTitles.length >= 3, 'root cause, bug type and at least one impact');
    assert.ok(chipTitles.every((t) => t.includes(': ') && t.length > 20), `chip tooltips: ${chipTitles.join(' | ')}`);

    // Why it matched: spans of the error text highlighted.
    const marks = await ui.webviewTexts('.card .matched-text mark', VIEW);
    assert.ok(marks.length > 0 && marks.some((m) => /accelerate|device_map/i.test(m)), `marks: ${marks.join(' | ')}`);

    // Fixes in order, references present, library frames collapsed, the user's frame shown.
    assert.ok((await ui.webviewTexts('.card .fixes > li', VIEW)).length > 0);
    assert.ok((await ui.webviewTexts('.card .references a', VIEW)).length > 0);
    const libOpen = await ui.webviewEvaluate<boolean>(`document.querySelector('.library-frames').open`, VIEW);
    assert.equal(libOpen, false, 'library frames start collapsed');
    await ui.screenshot('sidebar/result-dark', { selector: '#workbench\\.parts\\.sidebar' });

    // The location link opens the user's file at the line.
    await ui.webviewClick('.error-location .location-link', VIEW);
    const editor = await waitFor('train_accelerate.py to open', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.fsPath === file ? e : undefined;
    });
    assert.equal(editor.selection.active.line, 2);
  });

  test('error text is rendered as text, never as HTML', async () => {
    await openSidebar();
    const evil = 'ValueError: bad input <img src=x onerror="document.body.dataset.pwned=1"><script>document.body.dataset.pwned=2</script>';
    await pasteAndDiagnose(evil);
    await waitFor('the error line', async () => (await ui.webviewText('.finding .error-text', VIEW)).includes('<img'));
    const text = await ui.webviewText('.finding .error-text', VIEW);
    assert.ok(text.includes('<img src=x onerror='), text);
    const injected = await ui.webviewEvaluate<{ imgs: number; scripts: number; pwned: string | null }>(
      `({ imgs: document.querySelectorAll('#result img').length, scripts: document.querySelectorAll('#result script').length, pwned: document.body.dataset.pwned ?? null })`,
      VIEW,
    );
    assert.deepEqual(injected, { imgs: 0, scripts: 0, pwned: null });
  });

  test('an unrelated error says "No confident match" and offers a search', async () => {
    await openSidebar();
    await pasteAndDiagnose('Traceback (most recent call last):\n  File "app.py", line 1, in <module>\n    import flask_login_extra\nZeroDivisionError: division by zero in the shopping cart total');
    await ui.webviewWaitFor('.no-match', VIEW);
    assert.match(await ui.webviewText('.no-match-title', VIEW), /No confident match/);
    await ui.webviewWaitFor('.no-match .search-taxonomy', VIEW);
    await ui.webviewWaitFor('.no-match .search-online', VIEW);
    // The taxonomy search moves to Browse with the error type as the query.
    await ui.webviewClick('.no-match .search-taxonomy', VIEW);
    await ui.webviewWaitFor('#panel-browse:not([hidden])', VIEW);
    assert.equal(await ui.webviewEvaluate<string>(`document.getElementById('browse-search').value`, VIEW), 'ZeroDivisionError');
  });

  test('the result survives hiding and showing the view', async () => {
    await openSidebar();
    await pasteAndDiagnose(accelerateTraceback('/somewhere/else/train.py'));
    await ui.webviewWaitFor('.card[data-pattern="accelerate-missing-for-device-map"]', VIEW);
    await vscode.commands.executeCommand('workbench.view.explorer');
    await sleep(500);
    await openSidebar();
    await ui.webviewWaitFor('.card[data-pattern="accelerate-missing-for-device-map"]', VIEW);
    const pasted = await ui.webviewEvaluate<string>(`document.getElementById('paste').value`, VIEW);
    assert.match(pasted, /requires Accelerate/);
  });

  test('browse mode: root causes with counts, fuzzy search, a pattern card', async () => {
    await openSidebar();
    await ui.webviewClick('#tab-browse', VIEW);
    await ui.webviewFill('#browse-search', '', VIEW);
    await ui.webviewWaitFor('.group', VIEW);
    const groups = await ui.webviewTexts('.group > summary', VIEW);
    assert.ok(groups.length >= 5, `groups: ${groups.join(' | ')}`);
    assert.ok(groups.every((g) => /\d+\s*$/.test(g)), 'each root cause shows its count');

    // Fuzzy: a typo still finds the CUDA out-of-memory patterns.
    await ui.webviewType('#browse-search', 'cuda out of memroy', VIEW);
    await ui.webviewWaitFor('.pattern-item[data-pattern^="cuda-oom"]', VIEW);
    await ui.webviewClick('.pattern-item[data-pattern^="cuda-oom"]', VIEW);
    await ui.webviewWaitFor('.card.pattern', VIEW);
    assert.match(await ui.webviewText('.card.pattern .card-title', VIEW), /out of memory/i);
    // Keyboard: Escape goes back to the list.
    await ui.webviewPress('.card.pattern', 'Escape', VIEW);
    await ui.webviewWaitFor('.pattern-item', VIEW);
  });

  test('history lists past diagnoses, reopens one, and clears from the title bar command', async () => {
    await openSidebar();
    await pasteAndDiagnose('RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity; 13.1 GiB already allocated)');
    await ui.webviewWaitFor('.card[data-pattern^="cuda-oom"]', VIEW);
    await ui.webviewClick('#tab-history', VIEW);
    await ui.webviewWaitFor('.history-item', VIEW);
    const items = await ui.webviewTexts('.history-item .history-title', VIEW);
    assert.match(items[0] ?? '', /out of memory/i);
    await ui.webviewClick('.history-item', VIEW);
    await ui.webviewWaitFor('#panel-diagnose:not([hidden]) .card[data-pattern^="cuda-oom"]', VIEW);

    await vscode.commands.executeCommand('reuseDoctor.clearHistory');
    await ui.webviewClick('#tab-history', VIEW);
    await ui.webviewWaitFor('.history-list .empty', VIEW);
  });

  test('keyboard only: tabs with arrow keys, from the search box into the list, Enter opens, Escape goes back', async () => {
    await openSidebar();
    await ui.webviewClick('#tab-diagnose', VIEW);
    await ui.webviewPress('#tab-diagnose', 'ArrowRight', VIEW);
    const focused = await ui.webviewEvaluate<{ id: string; selected: string | null }>(`({ id: document.activeElement.id, selected: document.activeElement.getAttribute('aria-selected') })`, VIEW);
    assert.deepEqual(focused, { id: 'tab-browse', selected: 'true' });
    await ui.webviewFill('#browse-search', 'out of memory', VIEW);
    await ui.webviewWaitFor('.pattern-item', VIEW);
    await ui.webviewPress('#browse-search', 'ArrowDown', VIEW);
    await ui.webviewPress('.pattern-item:focus', 'ArrowDown', VIEW);
    const second = await ui.webviewEvaluate<string>(`document.activeElement.dataset.pattern ?? ''`, VIEW);
    const items = await ui.webviewEvaluate<string[]>(`[...document.querySelectorAll('.pattern-item')].map(b => b.dataset.pattern)`, VIEW);
    assert.equal(second, items[1], 'ArrowDown moves to the next pattern');
    await ui.webviewPress('.pattern-item:focus', 'Enter', VIEW);
    await ui.webviewWaitFor(`.card.pattern[data-pattern="${second}"]`, VIEW);
    await ui.webviewPress('.card.pattern', 'Escape', VIEW);
    await ui.webviewWaitFor('.pattern-item', VIEW);
    // ARIA roles a screen reader relies on.
    const roles = await ui.webviewEvaluate<string[]>(`['[role=tablist]', '[role=tab]', '[role=tabpanel]', '[role=status]'].filter(s => document.querySelector(s))`, VIEW);
    assert.equal(roles.length, 4);
  });

  test("a fix's code block is copied with its copy button", async () => {
    await openSidebar();
    await pasteAndDiagnose(accelerateTraceback('/x/train.py'));
    // The diagnosis card itself: an earlier test may have left a pattern card (with code blocks
    // of its own) in the hidden browse panel, and an earlier result may still be on screen.
    const card = '#panel-diagnose .card.candidate[data-pattern="accelerate-missing-for-device-map"]';
    await ui.webviewWaitFor(`${card} .code-block .copy`, VIEW);
    const code = await ui.webviewText(`${card} .code-block pre`, VIEW);
    await vscode.env.clipboard.writeText('');
    await ui.webviewClick(`${card} .code-block .copy`, VIEW);
    let held = '';
    await waitFor('the clipboard to hold the code', async () => (held = await vscode.env.clipboard.readText()) === code).catch((err: Error) => {
      throw new Error(`${err.message}; it holds ${JSON.stringify(held.slice(0, 120))}, expected ${JSON.stringify(code.slice(0, 120))}`);
    });
    await vscode.env.clipboard.writeText('');
  });

  test('secrets are redacted before anything is shown or kept in history', async () => {
    const token = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    await openSidebar();
    await pasteAndDiagnose(`OSError: You are trying to access a gated repo. Invalid token ${token} for meta-llama/Llama-2-7b-hf`);
    await ui.webviewWaitFor('#result .card', VIEW);
    assert.match(await ui.webviewText('#result .result-head', VIEW), /1 secret redacted/);
    const shown = await ui.webviewEvaluate<string>(`document.getElementById('result').innerText`, VIEW);
    assert.ok(!shown.includes(token) && shown.includes('hf_***'), 'the token is not in the result');
    // Reopened from history (the stored text): still redacted.
    await ui.webviewClick('#tab-history', VIEW);
    await ui.webviewClick('.history-item', VIEW);
    await ui.webviewWaitFor('#panel-diagnose:not([hidden]) #result .card', VIEW);
    const again = await ui.webviewEvaluate<string>(`document.getElementById('result').innerText`, VIEW);
    assert.ok(!again.includes(token), 'the history entry holds no token');
  });

  test('readable in light and high contrast themes', async () => {
    await openSidebar();
    await pasteAndDiagnose(accelerateTraceback('/x/train.py'));
    await ui.webviewWaitFor('.card', VIEW);
    for (const kind of ['light', 'high-contrast'] as const) {
      await ui.setTheme(kind);
      // The page's colours follow the theme: the foreground variable changes with it.
      const fg = await ui.webviewEvaluate<string>(`getComputedStyle(document.querySelector('.card-title')).color`, VIEW);
      assert.ok(fg && fg !== 'rgba(0, 0, 0, 0)', fg);
      await ui.screenshot(`sidebar/result-${kind}`, { selector: '#workbench\\.parts\\.sidebar' });
    }
    await ui.setTheme('dark');
  });
});
