/**
 * Log files (`*.log`, `*.out`, `*.txt`, configurable): a code lens above each recognised
 * error or traceback, "Reuse Doctor: <title> (confidence)", that opens the diagnosis. Work is
 * bounded: only the last `logFiles.maxScanBytes` characters are read, once per document
 * version.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import { Command, DOCUMENT_SCHEMES } from './commands';
import type { Services } from './services';
import { clip, looksLikeError, Lru } from './text';

const MAX_LENSES = 20;

interface Scan {
  /** Document lines [first, last] that were read. */
  first: number;
  lines: string[];
}

/** The tail of the document, as VS Code splits its lines (so line numbers map one to one). */
function scanTail(doc: vscode.TextDocument, maxChars: number): Scan {
  const lines: string[] = [];
  let size = 0;
  let first = doc.lineCount;
  while (first > 0) {
    const text = doc.lineAt(first - 1).text;
    if (size + text.length + 1 > maxChars && lines.length > 0) break;
    size += text.length + 1;
    lines.push(text.length > maxChars ? text.slice(-maxChars) : text);
    first--;
  }
  return { first, lines: lines.reverse() };
}

class LogLensProvider implements vscode.CodeLensProvider {
  private readonly cache = new Lru<string, vscode.CodeLens[]>(50);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly s: Services) {}

  refresh(): void {
    this.cache.clear();
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    const config = this.s.config.get();
    if (!config.logFilesEnabled) return [];
    const key = `${doc.uri.toString()}@${doc.version}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const started = Date.now();
    const scan = scanTail(doc, config.logFilesMaxScanBytes);
    const text = scan.lines.join('\n');
    let lenses: vscode.CodeLens[] = [];
    if (!token.isCancellationRequested && looksLikeError(text)) {
      const { report } = this.s.doctor.analyse(text);
      const name = vscode.workspace.asRelativePath(doc.uri);
      lenses = report.findings
        .filter((f) => f.candidates.length > 0)
        .slice(0, MAX_LENSES)
        .map((f) => {
          const c = f.candidates[0]!;
          const line = Math.min(doc.lineCount - 1, scan.first + f.error.lines[0] - 1);
          const errorText = scan.lines.slice(f.error.lines[0] - 1, f.error.lines[1]).join('\n');
          return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
            title: `Reuse Doctor: ${clip(c.title, 80)} (${confidenceWord(c.confidence)} ${c.confidence.toFixed(2)})`,
            tooltip: 'Open the diagnosis in the Reuse Doctor sidebar',
            command: Command.DiagnoseError,
            arguments: [errorText, { source: 'log', label: `${name}:${line + 1}` }],
          });
        });
    }
    const ms = Date.now() - started;
    if (ms > 200) this.s.log.info(`log files: scanned ${text.length} characters of ${vscode.workspace.asRelativePath(doc.uri)} in ${ms} ms`);
    this.cache.set(key, lenses);
    return lenses;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerLogFiles(s: Services): void {
  const provider = new LogLensProvider(s);
  let registration: vscode.Disposable | undefined;
  const register = (globs: string[]): void => {
    registration?.dispose();
    registration = vscode.languages.registerCodeLensProvider(
      globs.flatMap((pattern) => DOCUMENT_SCHEMES.filter((scheme) => scheme !== 'vscode-notebook-cell').map((scheme) => ({ scheme, pattern }))),
      provider,
    );
  };
  register(s.config.get().logFilesInclude);
  s.context.subscriptions.push(
    provider,
    { dispose: () => registration?.dispose() },
    s.config.onDidChange(({ config, previous }) => {
      if (config.logFilesInclude.join('\n') !== previous.logFilesInclude.join('\n')) register(config.logFilesInclude);
      if (config.logFilesEnabled !== previous.logFilesEnabled || config.minConfidence !== previous.minConfidence || config.logFilesMaxScanBytes !== previous.logFilesMaxScanBytes) provider.refresh();
    }),
  );
}
