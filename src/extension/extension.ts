import * as vscode from 'vscode';
import { diagnose } from '../core/diagnose';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('reuseDoctor.diagnoseError', async () => {
    const editor = vscode.window.activeTextEditor;
    const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const text = await vscode.window.showInputBox({ prompt: 'Paste an error message or traceback', value: selection });
    if (!text) return;
    const top = diagnose(text).findings[0]?.candidates[0];
    void vscode.window.showInformationMessage(top ? `${top.title} (${top.confidence})` : 'No confident match.');
  }));
}

export function deactivate(): void {}
