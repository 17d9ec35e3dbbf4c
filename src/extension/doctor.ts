/**
 * The one place the extension calls the core. Every surface hands text to `run` (a diagnosis
 * the user will see: recorded in history, announced to the other surfaces) or to `analyse`
 * (a quiet look, cached: hovers, links, lenses, notebook cells).
 */
import * as vscode from 'vscode';
import { defaultTaxonomy, diagnose } from '../core/diagnose';
import { normalise } from '../core/normalize';
import type { Candidate, CompiledPattern, Finding, Report } from '../core/types';
import type { ConfigStore } from './config';
import { History, MAX_ENTRY_CHARS } from './history';
import { resolveFiles } from './locations';
import type { Log } from './log';
import type { SourceKind } from './sidebar/protocol';
import { firstLine, Lru, tail } from './text';

export interface Origin {
  source: SourceKind;
  /** Shown with the result: the terminal command, the log file, the notebook. */
  label?: string;
  /** Found by a surface on its own (terminal, notebook), not asked for by the user. */
  automatic?: boolean;
  /** Identifies a repeatable producer (a terminal command line) so its results can be cleared. */
  key?: string;
}

export interface Diagnosis {
  id: string;
  time: number;
  origin: Origin;
  /** The normalised, redacted text that was analysed. */
  text: string;
  report: Report;
  /** The most relevant finding with a confident candidate, and that candidate. */
  best?: { finding: Finding; candidate: Candidate };
  /** File names in the report (frames, locations) that are files of the workspace. */
  files: Map<string, vscode.Uri>;
}

export interface Analysis {
  text: string;
  report: Report;
  best?: { finding: Finding; candidate: Candidate };
}

const MAX_CACHED_CHARS = 64 * 1024;

let counter = 0;
export function newId(): string {
  return `${Date.now().toString(36)}-${(++counter).toString(36)}`;
}

export function bestOf(report: Report): { finding: Finding; candidate: Candidate } | undefined {
  for (const finding of report.findings) {
    const candidate = finding.candidates[0];
    if (candidate) return { finding, candidate };
  }
  return undefined;
}

/** The lines of the text the findings span, so a long log's history entry keeps the errors. */
function textForHistory(text: string, report: Report): string {
  if (text.length <= MAX_ENTRY_CHARS) return text;
  const relevant = report.findings.filter((f) => f.candidates.length > 0);
  const spans = (relevant.length ? relevant : report.findings).slice(0, 5).map((f) => f.error.lines);
  if (spans.length === 0) return tail(text, MAX_ENTRY_CHARS);
  const lines = text.split('\n');
  const from = Math.max(0, Math.min(...spans.map((s) => s[0])) - 1);
  const to = Math.max(...spans.map((s) => s[1]));
  return tail(lines.slice(from, to).join('\n'), MAX_ENTRY_CHARS);
}

export class Doctor implements vscode.Disposable {
  readonly history: History;
  private readonly patternsById = new Map<string, CompiledPattern>();
  private readonly cache = new Lru<string, Analysis>(500);
  private lastFailureValue: Diagnosis | undefined;

  private readonly diagnosed = new vscode.EventEmitter<Diagnosis>();
  /** Fires after every `run`: automatic sources announce themselves, producers publish. */
  readonly onDidDiagnose = this.diagnosed.event;
  private readonly failureChanged = new vscode.EventEmitter<Diagnosis | undefined>();
  readonly onDidChangeLastFailure = this.failureChanged.event;
  private readonly cleared = new vscode.EventEmitter<string>();
  /** A producer key (e.g. a terminal command) whose earlier results no longer hold. */
  readonly onDidResolve = this.cleared.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext, private readonly config: ConfigStore, private readonly log: Log) {
    this.history = new History(context.globalState, config.get().historySize);
    for (const p of defaultTaxonomy().patterns) this.patternsById.set(p.id, p);
    this.disposables.push(
      this.history,
      this.diagnosed,
      this.failureChanged,
      this.cleared,
      config.onDidChange(({ config: c, previous }) => {
        if (c.minConfidence !== previous.minConfidence) this.cache.clear();
        if (c.historySize !== previous.historySize) this.history.resize(c.historySize);
      }),
    );
  }

  pattern(id: string): CompiledPattern | undefined {
    return this.patternsById.get(id);
  }

  patterns(): CompiledPattern[] {
    return [...this.patternsById.values()];
  }

  /** A quiet, cached diagnosis (no history, no events). */
  analyse(raw: string): Analysis {
    // Only short texts are cached: a log's megabytes should not stay in memory as keys.
    const cacheable = raw.length <= MAX_CACHED_CHARS;
    const hit = cacheable ? this.cache.get(raw) : undefined;
    if (hit) return hit;
    const started = Date.now();
    const norm = normalise(raw);
    const report = diagnose(norm.text, {
      minConfidence: this.config.get().minConfidence,
      source: { bytes: raw.length, truncated: norm.truncated },
    });
    if (norm.redactions) report.input.redactions = norm.redactions;
    if (norm.binary) report.input.binary = true;
    const analysis: Analysis = { text: norm.text, report };
    const best = bestOf(report);
    if (best) analysis.best = best;
    const ms = Date.now() - started;
    if (ms > 300) this.log.info(`diagnosis of ${raw.length} characters took ${ms} ms`);
    if (cacheable) this.cache.set(raw, analysis);
    return analysis;
  }

  /** A diagnosis the user sees: recorded in history and announced to the other surfaces. */
  async run(raw: string, origin: Origin, extraFiles?: ReadonlyMap<string, vscode.Uri>): Promise<Diagnosis> {
    const a = this.analyse(raw);
    const files = await resolveFiles(a.report, this.log);
    // Names only the caller can place, e.g. a notebook's "Cell In[3]".
    for (const [name, uri] of extraFiles ?? []) files.set(name, uri);
    const d: Diagnosis = { id: newId(), time: Date.now(), origin, text: a.text, report: a.report, files };
    if (a.best) d.best = a.best;
    this.log.info(
      `diagnosed ${origin.source}${origin.label ? ` (${origin.label})` : ''}: ${a.report.findings.length} error(s), ` +
        (a.best ? `best ${a.best.candidate.id} ${a.best.candidate.confidence.toFixed(2)}` : 'no confident match'),
    );
    // Automatic sources record only what they are confident about: a quiet tool.
    if (a.report.findings.length > 0 && (!origin.automatic || a.best)) this.record(d);
    this.diagnosed.fire(d);
    return d;
  }

  private record(d: Diagnosis): void {
    const first = d.report.findings[0];
    const title = d.best?.candidate.title ?? (first ? firstLine(first.error.type ? `${first.error.type}: ${first.error.message}` : first.error.message, 140) : 'Diagnosis');
    this.history.add({
      id: d.id,
      time: d.time,
      source: d.origin.source,
      ...(d.origin.label !== undefined ? { label: d.origin.label } : {}),
      title,
      ...(d.best ? { confidence: d.best.candidate.confidence, patternId: d.best.candidate.id } : {}),
      text: textForHistory(d.text, d.report),
      unseen: !!d.origin.automatic,
    });
  }

  /** Re-diagnoses a history entry (the stored text is already redacted). */
  async reopen(id: string): Promise<Diagnosis | undefined> {
    const entry = this.history.get(id);
    if (!entry) return undefined;
    this.history.markSeen(id);
    const a = this.analyse(entry.text);
    const files = await resolveFiles(a.report, this.log);
    const d: Diagnosis = { id: entry.id, time: entry.time, origin: { source: entry.source, ...(entry.label !== undefined ? { label: entry.label } : {}) }, text: a.text, report: a.report, files };
    if (a.best) d.best = a.best;
    return d;
  }

  get lastFailure(): Diagnosis | undefined {
    return this.lastFailureValue;
  }

  setLastFailure(d: Diagnosis | undefined): void {
    this.lastFailureValue = d;
    this.failureChanged.fire(d);
  }

  /** Announces that what `key` produced before is fixed (the same command now succeeds). */
  resolve(key: string): void {
    this.cleared.fire(key);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
