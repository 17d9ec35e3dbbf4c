/**
 * The extension's settings, typed. Mirrors `contributes.configuration` in package.json: every
 * key read here is declared there and vice versa (the integration test `settings.test.ts`
 * checks it). To add a setting: declare it in package.json, add it to `SETTINGS` and `Config`,
 * and react to it where `ConfigStore.onDidChange` is handled.
 */
import * as vscode from 'vscode';

export const SECTION = 'reuseDoctor';

export type TerminalNotify = 'off' | 'statusBar' | 'notification';

export interface Config {
  minConfidence: number;
  historySize: number;
  hoverEnabled: boolean;
  diagnosticsEnabled: boolean;
  codeActionsEnabled: boolean;
  terminalCapture: boolean;
  terminalNotify: TerminalNotify;
  terminalLinks: boolean;
  notebooksEnabled: boolean;
  logFilesEnabled: boolean;
  logFilesInclude: string[];
  logFilesMaxScanBytes: number;
  debuggerEnabled: boolean;
  searchOnlineUrl: string;
}

type Reader<T> = (raw: unknown) => T;

const bool = (fallback: boolean): Reader<boolean> => (raw) => (typeof raw === 'boolean' ? raw : fallback);
const num = (fallback: number, min: number, max: number, integer = false): Reader<number> => (raw) => {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return fallback;
  const v = Math.min(max, Math.max(min, raw));
  return integer ? Math.round(v) : v;
};
const oneOf = <T extends string>(fallback: T, values: readonly T[]): Reader<T> => (raw) =>
  typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as T) : fallback;
const strings = (fallback: string[]): Reader<string[]> => (raw) =>
  Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : fallback;
const searchUrl = (fallback: string): Reader<string> => (raw) =>
  typeof raw === 'string' && /^https:\/\/[^\s]+$/.test(raw) && raw.includes('%s') ? raw : fallback;

/** Setting key (under `reuseDoctor.`) → the `Config` field it fills and how to read it. */
export const SETTINGS: { [K in keyof Config]: { key: string; read: Reader<Config[K]> } } = {
  minConfidence: { key: 'minConfidence', read: num(0.5, 0, 1) },
  historySize: { key: 'history.size', read: num(20, 0, 200, true) },
  hoverEnabled: { key: 'hover.enabled', read: bool(true) },
  diagnosticsEnabled: { key: 'diagnostics.enabled', read: bool(true) },
  codeActionsEnabled: { key: 'codeActions.enabled', read: bool(true) },
  terminalCapture: { key: 'terminal.capture', read: bool(true) },
  terminalNotify: { key: 'terminal.notify', read: oneOf<TerminalNotify>('statusBar', ['off', 'statusBar', 'notification']) },
  terminalLinks: { key: 'terminal.links', read: bool(true) },
  notebooksEnabled: { key: 'notebooks.enabled', read: bool(true) },
  logFilesEnabled: { key: 'logFiles.enabled', read: bool(true) },
  logFilesInclude: { key: 'logFiles.include', read: strings(['**/*.log', '**/*.out', '**/*.txt']) },
  logFilesMaxScanBytes: { key: 'logFiles.maxScanBytes', read: num(2 * 1024 * 1024, 64 * 1024, 64 * 1024 * 1024, true) },
  debuggerEnabled: { key: 'debugger.enabled', read: bool(true) },
  searchOnlineUrl: { key: 'searchOnline.url', read: searchUrl('https://www.google.com/search?q=%s') },
};

/** Every setting key this reader knows, fully qualified (`reuseDoctor.…`). */
export function settingKeys(): string[] {
  return Object.values(SETTINGS).map((s) => `${SECTION}.${s.key}`);
}

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(SECTION);
  const out: Partial<Record<keyof Config, unknown>> = {};
  for (const [field, s] of Object.entries(SETTINGS) as [keyof Config, { key: string; read: Reader<unknown> }][]) {
    out[field] = s.read(c.get(s.key));
  }
  return out as Config;
}

/** The current settings, re-read once per change; surfaces subscribe to `onDidChange`. */
export class ConfigStore implements vscode.Disposable {
  private current = readConfig();
  private readonly emitter = new vscode.EventEmitter<{ config: Config; previous: Config }>();
  readonly onDidChange = this.emitter.event;
  private readonly listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SECTION)) return;
    const previous = this.current;
    this.current = readConfig();
    this.emitter.fire({ config: this.current, previous });
  });

  get(): Config {
    return this.current;
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
