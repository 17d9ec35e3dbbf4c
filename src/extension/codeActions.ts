/**
 * Code actions on recognised diagnostics (ours or another tool's): "Explain with Reuse Doctor"
 * and, where the pattern's fix is a small safe edit, that edit as a quick fix.
 */
import * as vscode from 'vscode';
import { Command, DOCUMENT_SCHEMES } from './commands';
import { matchDiagnostic } from './diagnosticMatch';
import { quickFixesFor } from './quickFixes';
import type { Services } from './services';

/** Larger documents get "Explain" only: the edits scan the text. */
const MAX_FIX_DOCUMENT = 2 * 1024 * 1024;
const MAX_DIAGNOSTICS = 5;

export function registerCodeActions(s: Services): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context, token) {
      if (!s.config.get().codeActionsEnabled) return [];
      const actions: vscode.CodeAction[] = [];
      let text: string | undefined;
      for (const d of context.diagnostics.slice(0, MAX_DIAGNOSTICS)) {
        if (token.isCancellationRequested) break;
        const m = s.log.guard('code actions: match', () => matchDiagnostic(s, document.uri, d));
        if (!m) continue;
        if (document.getText().length <= MAX_FIX_DOCUMENT) {
          text ??= document.getText();
          for (const { fix, edits } of quickFixesFor(m.pattern.id, text, d.range.start.line)) {
            const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            const edit = new vscode.WorkspaceEdit();
            for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
            action.edit = edit;
            action.diagnostics = [d];
            action.isPreferred = fix.preferred;
            actions.push(action);
          }
        }
        const explain = new vscode.CodeAction(`Explain with Reuse Doctor: ${m.pattern.title}`, vscode.CodeActionKind.QuickFix);
        explain.command = {
          command: Command.DiagnoseError,
          title: 'Explain with Reuse Doctor',
          arguments: [m.text, { source: 'diagnostic', label: `${vscode.workspace.asRelativePath(document.uri)}:${d.range.start.line + 1}` }],
        };
        explain.diagnostics = [d];
        actions.push(explain);
      }
      return actions;
    },
  };
  s.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SCHEMES.map((scheme) => ({ scheme })), provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}
