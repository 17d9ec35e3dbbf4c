/**
 * The last diagnoses, persisted in globalState so they survive reloads. Only the normalised
 * text is stored: the core has already removed escape codes and redacted secrets (hf_ tokens,
 * API keys) from it, so nothing here holds what the redaction took out.
 */
import * as vscode from 'vscode';
import type { HistoryItemView } from './sidebar/protocol';

/** What the sidebar lists (title: best candidate's, or the error line), plus what reopening needs. */
export interface HistoryEntry extends HistoryItemView {
  patternId?: string;
  /** Normalised, redacted text (capped): re-diagnosed when the entry is opened. */
  text: string;
}

const KEY = 'reuseDoctor.history.v1';
/** Per entry: enough for any traceback, small enough for globalState. */
export const MAX_ENTRY_CHARS = 64 * 1024;

function isEntry(v: unknown): v is HistoryEntry {
  const e = v as Partial<HistoryEntry> | null;
  return !!e && typeof e.id === 'string' && typeof e.time === 'number' && typeof e.text === 'string' && typeof e.title === 'string' && typeof e.source === 'string';
}

export class History implements vscode.Disposable {
  private entries: HistoryEntry[];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento, private size: number) {
    const raw = state.get<unknown>(KEY);
    this.entries = Array.isArray(raw) ? raw.filter(isEntry).slice(0, size) : [];
  }

  list(): readonly HistoryEntry[] {
    return this.entries;
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Adds at the top; the same text seen again moves its entry up instead of repeating it. */
  add(entry: HistoryEntry): void {
    if (this.size === 0) return;
    this.entries = [entry, ...this.entries.filter((e) => e.text !== entry.text)].slice(0, this.size);
    this.save();
  }

  remove(id: string): void {
    this.entries = this.entries.filter((e) => e.id !== id);
    this.save();
  }

  clear(): void {
    this.entries = [];
    this.save();
  }

  unseenCount(): number {
    return this.entries.filter((e) => e.unseen).length;
  }

  markSeen(id?: string): void {
    let changed = false;
    for (const e of this.entries) {
      if (e.unseen && (id === undefined || e.id === id)) {
        e.unseen = false;
        changed = true;
      }
    }
    if (changed) this.save();
  }

  resize(size: number): void {
    this.size = size;
    if (this.entries.length > size) {
      this.entries = this.entries.slice(0, size);
      this.save();
    }
  }

  views(): HistoryItemView[] {
    return this.entries.map((e) => {
      const v: HistoryItemView = { id: e.id, time: e.time, source: e.source, title: e.title, unseen: e.unseen };
      if (e.label !== undefined) v.label = e.label;
      if (e.confidence !== undefined) v.confidence = e.confidence;
      return v;
    });
  }

  private save(): void {
    void this.state.update(KEY, this.entries);
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
