/**
 * Hover on diagnostics of any source whose message the core recognises: the likely root cause,
 * the first fix and "Open in Reuse Doctor". The link is a command URI trusted only for our own
 * commands (isTrusted.enabledCommands), never for arbitrary ones.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { defaultTaxonomy } from '../core/diagnose';
import { Command, DOCUMENT_SCHEMES, LINKABLE_COMMANDS } from './commands';
import { matchDiagnostic } from './diagnosticMatch';
import type { DiagnosticMatch } from './diagnosticMatch';
import type { Services } from './services';
import { clip } from './text';

/** Command URIs carry their arguments; keep them to a sane length. */
const MAX_LINK_TEXT = 8 * 1024;
const MAX_DIAGNOSTICS = 3;

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

export function commandLink(command: Command, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

function section(md: vscode.MarkdownString, m: DiagnosticMatch, where: string): void {
  const p = m.pattern;
  const rootCause = defaultTaxonomy().vocabulary.rootCauses.find((r) => r.id === p.rootCause)?.name ?? p.rootCause;
  const fix = p.fixes[0];
  md.appendMarkdown(`$(lightbulb) **Reuse Doctor** · ${escape(confidenceWord(m.confidence))} ${m.confidence.toFixed(2)}\n\n`);
  md.appendMarkdown(`**Likely root cause:** ${escape(rootCause)}: ${escape(p.title)}\n\n`);
  if (fix) md.appendMarkdown(`**First fix:** ${escape(fix.title)}${fix.detail ? `: ${escape(clip(fix.detail, 300))}` : ''}\n\n`);
  if (fix?.after) md.appendCodeblock(fix.after, 'python');
  const args = [m.text.slice(-MAX_LINK_TEXT), { source: 'diagnostic', label: where }];
  md.appendMarkdown(`[Open in Reuse Doctor](${commandLink(Command.DiagnoseError, args)} "Show the full diagnosis in the Reuse Doctor sidebar")\n\n`);
}

export function registerHover(s: Services): void {
  const provider: vscode.HoverProvider = {
    provideHover(document, position, token) {
      if (!s.config.get().hoverEnabled) return undefined;
      const here = vscode.languages.getDiagnostics(document.uri).filter((d) => d.range.contains(position)).slice(0, MAX_DIAGNOSTICS);
      if (here.length === 0) return undefined;
      const md = new vscode.MarkdownString('', true);
      md.isTrusted = { enabledCommands: [...LINKABLE_COMMANDS] };
      let range: vscode.Range | undefined;
      const where = `${vscode.workspace.asRelativePath(document.uri)}:${position.line + 1}`;
      for (const d of here) {
        if (token.isCancellationRequested) return undefined;
        const m = s.log.guard('hover: match', () => matchDiagnostic(s, document.uri, d));
        if (!m) continue;
        section(md, m, where);
        range = range ? range.union(d.range) : d.range;
      }
      return range ? new vscode.Hover(md, range) : undefined;
    },
  };
  s.context.subscriptions.push(vscode.languages.registerHoverProvider(DOCUMENT_SCHEMES.map((scheme) => ({ scheme })), provider));
}
