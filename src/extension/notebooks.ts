/**
 * Notebook cells whose outputs hold an error (`application/vnd.code.notebook.error`), saved or
 * freshly produced, get a cell status-bar item "Likely: <title>" that opens the diagnosis. A
 * new error from a run is also an automatic diagnosis (history, badge, a diagnostic at the
 * cell's line when the traceback names the cell).
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { Command } from './commands';
import type { Services } from './services';
import { clip } from './text';

const ERROR_MIME = 'application/vnd.code.notebook.error';
const NOTEBOOK_TYPES = ['jupyter-notebook', 'interactive'];
const decoder = new TextDecoder();

/** The error outputs of a cell as text: the stack (ANSI and all; the core cleans it) or "Name: message". */
export function errorTexts(cell: vscode.NotebookCell): string[] {
  const out: string[] = [];
  for (const output of cell.outputs) {
    for (const item of output.items) {
      if (item.mime !== ERROR_MIME) continue;
      try {
        const e = JSON.parse(decoder.decode(item.data)) as { name?: unknown; message?: unknown; stack?: unknown };
        const head = `${typeof e.name === 'string' ? e.name : 'Error'}: ${typeof e.message === 'string' ? e.message : ''}`;
        const stack = typeof e.stack === 'string' ? e.stack : '';
        // A stack normally ends with "Name: message"; add it when it does not.
        out.push(stack.includes(head.trim()) || !stack ? (stack || head) : `${stack}\n${head}`);
      } catch {
        // Not JSON: not an error output we can read.
      }
    }
  }
  return out;
}

function cellLabel(cell: vscode.NotebookCell): string {
  const name = cell.notebook.uri.path.split('/').pop() ?? 'notebook';
  return `${name} · cell ${cell.index + 1}`;
}

/**
 * "Cell In[3]" / "<ipython-input-3-…>" in a traceback → the cell that ran as execution 3. The
 * first one named is the cell that was run: it is `current` even before its execution order
 * reaches us.
 */
function cellFiles(notebook: vscode.NotebookDocument, text: string, current: vscode.NotebookCell): Map<string, vscode.Uri> {
  const byOrder = new Map<number, vscode.Uri>();
  for (const c of notebook.getCells()) {
    const order = c.executionSummary?.executionOrder;
    if (order !== undefined) byOrder.set(order, c.document.uri);
  }
  const files = new Map<string, vscode.Uri>();
  let first = true;
  for (const m of text.matchAll(/Cell (?:\u001b\[[0-9;]*m)*In\[(\d+)\]|<ipython-input-(\d+)-[0-9a-f]+>/g)) {
    const uri = byOrder.get(Number(m[1] ?? m[2])) ?? (first ? current.document.uri : undefined);
    first = false;
    if (uri) files.set(m[2] ? m[0] : `Cell In[${m[1]}]`, uri);
  }
  return files;
}

export function registerNotebooks(s: Services): void {
  const changed = new vscode.EventEmitter<void>();
  /** The last error text diagnosed per cell, so repeated output events do not repeat it. */
  const seen = new Map<string, string>();

  const provider: vscode.NotebookCellStatusBarItemProvider = {
    onDidChangeCellStatusBarItems: changed.event,
    provideCellStatusBarItems(cell) {
      if (!s.config.get().notebooksEnabled) return [];
      const text = errorTexts(cell)[0];
      if (!text) return [];
      const best = s.log.guard('notebooks: analyse', () => s.doctor.analyse(text).best);
      if (!best) return [];
      const c = best.candidate;
      const item = new vscode.NotebookCellStatusBarItem(`$(lightbulb) Likely: ${clip(c.title, 60)}`, vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = `Reuse Doctor: ${c.title} (${confidenceWord(c.confidence)} ${c.confidence.toFixed(2)}). Click for the diagnosis.`;
      item.command = { title: 'Open in Reuse Doctor', command: Command.DiagnoseError, arguments: [text, { source: 'notebook', label: cellLabel(cell) }] };
      item.accessibilityInformation = { label: `Reuse Doctor: likely ${c.title}` };
      return [item];
    },
  };

  const onNotebookChange = async (e: vscode.NotebookDocumentChangeEvent): Promise<void> => {
    const touched = e.cellChanges.filter((c) => c.outputs !== undefined);
    if (touched.length === 0) return;
    changed.fire();
    if (!s.config.get().notebooksEnabled) return;
    for (const change of touched) {
      const cell = change.cell;
      const key = `notebook:${cell.document.uri.toString()}`;
      const text = errorTexts(cell)[0];
      if (!text) {
        if (seen.delete(key)) s.doctor.resolve(key);
        continue;
      }
      if (seen.get(key) === text) continue;
      seen.set(key, text);
      await s.doctor.run(text, { source: 'notebook', label: cellLabel(cell), automatic: true, key }, cellFiles(cell.notebook, text, cell));
    }
  };

  s.context.subscriptions.push(
    changed,
    ...NOTEBOOK_TYPES.map((type) => vscode.notebooks.registerNotebookCellStatusBarItemProvider(type, provider)),
    vscode.workspace.onDidChangeNotebookDocument((e) => void s.log.guard('notebooks: outputs changed', () => onNotebookChange(e))),
    vscode.workspace.onDidCloseNotebookDocument((nb) => {
      for (const c of nb.getCells()) seen.delete(`notebook:${c.document.uri.toString()}`);
    }),
    s.config.onDidChange(({ config, previous }) => {
      if (config.notebooksEnabled !== previous.notebooksEnabled || config.minConfidence !== previous.minConfidence) changed.fire();
    }),
  );
}
