/**
 * The palette commands (category "Reuse Doctor"). Each takes an optional first argument, text
 * to diagnose or a pattern id, so hovers, links, lenses and status items reuse them; menus may
 * pass other things (an editor's URI), which are ignored.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { Command } from './commands';
import type { Diagnosis, Origin } from './doctor';
import type { Services } from './services';
import type { SourceKind } from './sidebar/protocol';
import { createPatternSearch } from './patternSearch';
import { toPatternSummary } from './sidebar/viewModel';
import { defaultTaxonomy } from '../core/diagnose';
import { looksLikeError } from './text';

/** The input box is one line: long prefills are cut (the text still reaches the core whole). */
const MAX_PREFILL = 20_000;
/** Matches shown for a query in Search Taxonomy… (about what the list shows without scrolling). */
const QUICK_PICK_HITS = 12;

const SOURCES: readonly SourceKind[] = ['paste', 'input', 'selection', 'clipboard', 'terminal', 'terminal-link', 'notebook', 'log', 'diagnostic', 'history'];

function textArg(arg: unknown): string | undefined {
  return typeof arg === 'string' && arg.trim() !== '' ? arg : undefined;
}

/** The optional second argument: where the text came from (a lens, a link, a status item). */
function originArg(arg: unknown, fallback: SourceKind): Origin {
  const o = arg as { source?: unknown; label?: unknown } | null;
  const source = o && typeof o.source === 'string' && (SOURCES as readonly string[]).includes(o.source) ? (o.source as SourceKind) : fallback;
  const origin: Origin = { source };
  if (o && typeof o.label === 'string') origin.label = o.label.slice(0, 300);
  return origin;
}

/** Shows a diagnosis in the sidebar; without a sidebar, as a notification. */
export async function present(s: Services, d: Diagnosis): Promise<void> {
  if (s.sidebar) {
    await s.sidebar.showDiagnosis(d, true);
    return;
  }
  const best = d.best?.candidate;
  const text = best ? `${best.title} (${confidenceWord(best.confidence)} ${best.confidence.toFixed(2)}). ${best.fixes[0] ?? ''}` : d.report.findings.length ? 'No confident match.' : 'No error found in the text.';
  void vscode.window.showInformationMessage(`Reuse Doctor: ${text}`);
}

function selectionText(): { text: string; label?: string } {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { text: '' };
  const text = editor.selections
    .filter((sel) => !sel.isEmpty)
    .map((sel) => editor.document.getText(sel))
    .join('\n');
  return { text, label: vscode.workspace.asRelativePath(editor.document.uri) };
}

async function runAndPresent(s: Services, text: string, origin: Origin): Promise<void> {
  const d = await s.doctor.run(text, origin);
  await present(s, d);
}

async function diagnoseError(s: Services, arg?: unknown, origin?: unknown): Promise<void> {
  const given = textArg(arg);
  if (given) return runAndPresent(s, given, originArg(origin, 'input'));
  let value = selectionText().text;
  if (!value.trim()) {
    const clip = await vscode.env.clipboard.readText().then(undefined, () => '');
    if (looksLikeError(clip)) value = clip;
  }
  const text = await vscode.window.showInputBox({
    title: 'Reuse Doctor: Diagnose Error',
    prompt: 'Paste an error message or a traceback',
    placeHolder: 'e.g. RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB',
    value: value.length > MAX_PREFILL ? value.slice(-MAX_PREFILL) : value,
    ignoreFocusOut: true,
  });
  if (!text?.trim()) return;
  return runAndPresent(s, text, { source: 'input' });
}

async function diagnoseSelection(s: Services, arg?: unknown): Promise<void> {
  const given = textArg(arg);
  if (given) return runAndPresent(s, given, { source: 'selection' });
  const sel = selectionText();
  if (!sel.text.trim()) {
    void vscode.window.showInformationMessage('Reuse Doctor: select the error text in an editor first.');
    return;
  }
  return runAndPresent(s, sel.text, { source: 'selection', ...(sel.label ? { label: sel.label } : {}) });
}

async function diagnoseClipboard(s: Services, arg?: unknown): Promise<void> {
  const text = textArg(arg) ?? (await vscode.env.clipboard.readText());
  if (!text.trim()) {
    void vscode.window.showInformationMessage('Reuse Doctor: the clipboard is empty.');
    return;
  }
  return runAndPresent(s, text, { source: 'clipboard' });
}

async function diagnoseLastTerminalFailure(s: Services, arg?: unknown, origin?: unknown): Promise<void> {
  const given = textArg(arg);
  if (given) return runAndPresent(s, given, originArg(origin, 'terminal'));
  const d = s.doctor.lastFailure;
  if (!d) {
    void vscode.window.showInformationMessage(
      'Reuse Doctor: no failed terminal command yet. Commands run in a terminal with shell integration are watched (setting reuseDoctor.terminal.capture).',
    );
    return;
  }
  await present(s, d);
}

async function showPatternOrSay(s: Services, id: string): Promise<void> {
  if (s.sidebar && (await s.sidebar.showPattern(id))) return;
  const p = s.doctor.pattern(id);
  if (p) void vscode.window.showInformationMessage(`${p.title}: ${p.summary}`);
}

interface PatternItem extends vscode.QuickPickItem {
  id: string;
}

async function searchTaxonomy(s: Services, arg?: unknown): Promise<void> {
  const given = textArg(arg);
  if (given && s.doctor.pattern(given)) return showPatternOrSay(s, given);
  const patterns = s.doctor.patterns();
  const rootNames = new Map(defaultTaxonomy().vocabulary.rootCauses.map((r) => [r.id, r.name]));
  const search = createPatternSearch(patterns.map(toPatternSummary));
  const base: PatternItem[] = patterns.map((p) => ({ id: p.id, label: p.title, description: rootNames.get(p.rootCause) ?? p.rootCause, detail: p.id }));
  const byId = new Map(base.map((i) => [i.id, i]));
  const qp = vscode.window.createQuickPick<PatternItem>();
  qp.title = 'Reuse Doctor: Search Taxonomy';
  qp.placeholder = `Search ${patterns.length} patterns: a symptom, a library, an error message…`;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  // With a query, the items are fuse.js's best matches (typos and word order forgiven), kept
  // visible with alwaysShow; VS Code's looser letter-subsequence filter would otherwise bury
  // them under incidental matches. Without a query, every pattern.
  const update = (value: string): void => {
    qp.items = value.trim() ? search.search(value, QUICK_PICK_HITS).map((p) => ({ ...byId.get(p.id)!, alwaysShow: true })) : base;
  };
  update(given ?? '');
  if (given) qp.value = given;
  const picked = await new Promise<PatternItem | undefined>((resolve) => {
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (picked) await showPatternOrSay(s, picked.id);
}

async function showSidebar(s: Services, arg?: unknown): Promise<void> {
  const given = textArg(arg);
  if (given && s.doctor.pattern(given)) return showPatternOrSay(s, given);
  if (given) return runAndPresent(s, given, { source: 'paste' });
  if (s.sidebar) await s.sidebar.reveal(true);
}

async function clearHistory(s: Services, arg?: unknown): Promise<void> {
  const id = textArg(arg);
  if (id) s.doctor.history.remove(id);
  else s.doctor.history.clear();
  s.log.info(id ? 'history: removed one entry' : 'history: cleared');
}

async function openDiagnosis(s: Services, arg?: unknown): Promise<void> {
  const id = textArg(arg);
  const d = id ? await s.doctor.reopen(id) : undefined;
  if (d) await present(s, d);
  else void vscode.window.showInformationMessage('Reuse Doctor: that diagnosis is no longer in the history.');
}

type Handler = (s: Services, ...args: unknown[]) => Promise<void>;

const HANDLERS: [Command, Handler][] = [
  [Command.DiagnoseError, diagnoseError],
  [Command.DiagnoseSelection, diagnoseSelection],
  [Command.DiagnoseClipboard, diagnoseClipboard],
  [Command.DiagnoseLastTerminalFailure, diagnoseLastTerminalFailure],
  [Command.SearchTaxonomy, searchTaxonomy],
  [Command.ShowSidebar, showSidebar],
  [Command.ClearHistory, clearHistory],
  [Command.OpenDiagnosis, openDiagnosis],
  [Command.ShowLog, async (s) => s.log.show()],
];

export function registerCommands(s: Services): void {
  for (const [id, handler] of HANDLERS) {
    s.context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          await handler(s, ...args);
        } catch (err) {
          s.log.error(`command ${id}`, err);
          void vscode.window.showErrorMessage(`Reuse Doctor: ${id} failed (details in the "Reuse Doctor" output).`);
        }
      }),
    );
  }
}
