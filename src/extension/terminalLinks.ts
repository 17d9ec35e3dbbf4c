/**
 * Recognised error lines in any terminal (shell integration or not) become links
 * "Reuse Doctor: diagnose". Finding them costs one regex per line; the core runs only when a
 * link is clicked, on the captured output of that command when there is one.
 */
import * as vscode from 'vscode';
import { present } from './commandHandlers';
import type { Services } from './services';
import { isErrorLine } from './text';

interface ErrorLink extends vscode.TerminalLink {
  line: string;
  terminal: vscode.Terminal;
}

export function registerTerminalLinks(s: Services): void {
  const provider: vscode.TerminalLinkProvider<ErrorLink> = {
    provideTerminalLinks(context) {
      if (!s.config.get().terminalLinks || !isErrorLine(context.line)) return [];
      const startIndex = context.line.length - context.line.trimStart().length;
      const length = context.line.trim().length;
      if (length === 0) return [];
      return [{ startIndex, length, tooltip: 'Reuse Doctor: diagnose', line: context.line, terminal: context.terminal }];
    },
    async handleTerminalLink(link) {
      try {
        const capture = s.terminal?.outputContaining(link.terminal, link.line);
        const text = capture ? capture.buffer.text() : link.line;
        const d = await s.doctor.run(text, { source: 'terminal-link', ...(capture ? { label: capture.commandLine } : {}) });
        await present(s, d);
      } catch (err) {
        s.log.error('terminal link', err);
      }
    },
  };
  s.context.subscriptions.push(vscode.window.registerTerminalLinkProvider(provider));
}
