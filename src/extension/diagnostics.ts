/**
 * Our own diagnostics: when a diagnosed traceback ends in a file of the workspace, a diagnostic
 * at that line says what went wrong and the likely cause (pattern id as its code, the user's
 * other frames as related information). Editing that code, the same terminal command
 * succeeding, or "Clear Diagnostics" removes it.
 */
import * as vscode from 'vscode';
import { confidenceWord } from '../cli/format';
import type { Finding } from '../core/types';
import { Command, DIAGNOSTIC_SOURCE } from './commands';
import type { Diagnosis } from './doctor';
import type { Services } from './services';
import { clip } from './text';

interface Entry {
  diagnostic: vscode.Diagnostic;
  /** The producer key (terminal command) that can later resolve it. */
  key?: string;
  /** The traceback it came from (redacted), for "Explain" and the hover link. */
  text: string;
}

/** What the hover and the code actions need from the producer. */
export interface DiagnosticsApi {
  /** The traceback behind one of our diagnostics. */
  textFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string | undefined;
}

const MAX_PER_DIAGNOSIS = 5;
const MAX_TEXT = 64 * 1024;

function linesOf(text: string, [from, to]: [number, number]): string {
  const lines = text.split('\n');
  return lines.slice(Math.max(0, from - 1), to).join('\n').slice(-MAX_TEXT);
}

/** The change ends before line `line` starts (whole lines inserted or removed above it). */
function endsBefore(change: vscode.TextDocumentContentChangeEvent, line: number): boolean {
  return change.range.end.line < line || (change.range.end.line === line && change.range.end.character === 0 && (change.text === '' || change.text.endsWith('\n')));
}

/** The change edits the text of the lines `r` spans (not just moves them). */
function touches(change: vscode.TextDocumentContentChangeEvent, r: vscode.Range): boolean {
  if (change.range.start.line > r.end.line) return false;
  return !endsBefore(change, r.start.line);
}

function sameLine(a: vscode.Diagnostic, b: vscode.Diagnostic): boolean {
  return a.range.start.line === b.range.start.line && String(a.code) === String(b.code);
}

export class DiagnosticsProducer implements DiagnosticsApi, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('reuseDoctor');
  private readonly entries = new Map<string, Entry[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly s: Services) {
    this.disposables.push(
      s.doctor.onDidDiagnose((d) => void s.log.guard('diagnostics: publish', () => this.produce(d))),
      s.doctor.onDidResolve((key) => this.removeWhere((e) => e.key === key)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      s.config.onDidChange(({ config }) => {
        if (!config.diagnosticsEnabled) this.clear();
      }),
      vscode.commands.registerCommand(Command.ClearDiagnostics, () => {
        this.clear();
        s.log.info('diagnostics: cleared by command');
      }),
    );
  }

  textFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): string | undefined {
    return this.entries.get(uri.toString())?.find((e) => sameLine(e.diagnostic, diagnostic))?.text;
  }

  private async produce(d: Diagnosis): Promise<void> {
    if (!this.s.config.get().diagnosticsEnabled) return;
    const findings = d.report.findings.filter((f) => f.candidates.length > 0 && f.error.location?.line).slice(0, MAX_PER_DIAGNOSIS);
    let added = 0;
    for (const f of findings) {
      const loc = f.error.location!;
      const uri = d.files.get(loc.file);
      if (!uri) continue;
      const diagnostic = await this.diagnosticFor(f, uri, loc.line!, d);
      if (!diagnostic) continue;
      const entry: Entry = { diagnostic, text: linesOf(d.text, f.error.lines) };
      if (d.origin.key) entry.key = d.origin.key;
      const key = uri.toString();
      const list = (this.entries.get(key) ?? []).filter((e) => !sameLine(e.diagnostic, diagnostic));
      list.push(entry);
      this.entries.set(key, list);
      this.publish(uri);
      added++;
    }
    if (added) this.s.log.info(`diagnostics: ${added} published from ${d.origin.source}`);
  }

  private async diagnosticFor(f: Finding, uri: vscode.Uri, line: number, d: Diagnosis): Promise<vscode.Diagnostic | undefined> {
    const doc = await vscode.workspace.openTextDocument(uri);
    if (line < 1 || line > doc.lineCount) return undefined;
    const text = doc.lineAt(line - 1);
    const range = new vscode.Range(line - 1, text.firstNonWhitespaceCharacterIndex, line - 1, Math.max(text.range.end.character, text.firstNonWhitespaceCharacterIndex + 1));
    const c = f.candidates[0]!;
    const head = clip(f.error.type ? `${f.error.type}: ${f.error.message.split('\n')[0]}` : f.error.message.split('\n')[0] ?? '', 300);
    const message = `${head}\nLikely: ${c.title} (${confidenceWord(c.confidence)} ${c.confidence.toFixed(2)})`;
    const diagnostic = new vscode.Diagnostic(range, message, f.error.kind === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = c.id;
    const related: vscode.DiagnosticRelatedInformation[] = [];
    for (const frame of f.error.frames ?? []) {
      if (!frame.user || !frame.line) continue;
      const other = d.files.get(frame.file);
      if (!other || (other.toString() === uri.toString() && frame.line === line)) continue;
      const where = new vscode.Location(other, new vscode.Position(frame.line - 1, 0));
      related.push(new vscode.DiagnosticRelatedInformation(where, frame.function ? `called from ${frame.function}` : 'called from here'));
    }
    if (related.length) diagnostic.relatedInformation = related.slice(0, 20);
    return diagnostic;
  }

  private publish(uri: vscode.Uri): void {
    const list = this.entries.get(uri.toString()) ?? [];
    if (list.length === 0) {
      this.entries.delete(uri.toString());
      this.collection.delete(uri);
    } else this.collection.set(uri, list.map((e) => e.diagnostic));
  }

  /** An edit touching a diagnostic's line removes it; edits above move it with its code. */
  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const list = this.entries.get(key);
    if (!list?.length || e.contentChanges.length === 0) return;
    let kept = list;
    for (const change of e.contentChanges) {
      const delta = (change.text.match(/\n/g)?.length ?? 0) - (change.range.end.line - change.range.start.line);
      kept = kept.filter((entry) => !touches(change, entry.diagnostic.range));
      if (delta === 0) continue;
      for (const entry of kept) {
        const r = entry.diagnostic.range;
        if (endsBefore(change, r.start.line)) entry.diagnostic.range = new vscode.Range(r.start.translate(delta), r.end.translate(delta));
      }
    }
    if (kept.length !== list.length) this.s.log.info(`diagnostics: ${list.length - kept.length} cleared by an edit`);
    this.entries.set(key, kept);
    this.publish(e.document.uri);
  }

  private removeWhere(pred: (e: Entry) => boolean): void {
    for (const [key, list] of [...this.entries]) {
      const kept = list.filter((e) => !pred(e));
      if (kept.length === list.length) continue;
      this.entries.set(key, kept);
      this.publish(vscode.Uri.parse(key));
    }
  }

  clear(): void {
    this.entries.clear();
    this.collection.clear();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export function registerDiagnostics(s: Services): void {
  const producer = new DiagnosticsProducer(s);
  s.diagnostics = producer;
  s.context.subscriptions.push(producer);
}
