/**
 * The messages between the sidebar's host (sidebar/provider.ts) and its page
 * (media/sidebar/main.ts), declared once so the two sides cannot drift. No `vscode` import:
 * the page bundle includes this file.
 *
 * The page says `ready` first; the host answers `init`, then pushes. Every message that
 * crosses is validated on arrival (`parsePageMessage`, `parseHostMessage`): a webview is a
 * browser page and the host treats it as untrusted input.
 */

/** A vocabulary term shown as a chip; its definition is the tooltip. */
export interface ChipView {
  id: string;
  name: string;
  definition: string;
}

export interface SpanView {
  start: number;
  end: number;
}

export interface EvidenceView {
  kind: string;
  text: string;
  weight: number;
  spans: SpanView[];
}

export interface FixView {
  title: string;
  detail?: string;
  before?: string;
  after?: string;
}

export interface ReferenceView {
  url: string;
  title?: string;
}

export interface CandidateView {
  id: string;
  title: string;
  summary: string;
  confidence: number;
  /** "very likely", "likely", "possible", "unlikely" (same words as the CLI). */
  confidenceWord: string;
  rootCause: ChipView;
  bugType: ChipView;
  impacts: ChipView[];
  evidence: EvidenceView[];
  explanation: string;
  fixes: FixView[];
  references: ReferenceView[];
}

/** A place in the user's code; `uri` only when the file is in the workspace. */
export interface LocationView {
  label: string;
  uri?: string;
  line?: number;
}

export interface FrameView {
  location: LocationView;
  function?: string;
  source?: string;
  library?: string;
}

export interface FindingView {
  kind: string;
  /** "Type: first line of the message", cut to a readable length. */
  errorLine: string;
  type?: string;
  message: string;
  location?: LocationView;
  userFrames: FrameView[];
  libraryFrames: FrameView[];
  occurrences?: number;
  /** The text the evidence spans point into. */
  matchedText: string;
  candidates: CandidateView[];
  nearest: { id: string; title: string; confidence: number; confidenceWord: string }[];
}

export type SourceKind =
  | 'paste'
  | 'input'
  | 'selection'
  | 'clipboard'
  | 'terminal'
  | 'terminal-link'
  | 'notebook'
  | 'log'
  | 'diagnostic'
  | 'history';

export interface ResultView {
  /** The history entry id (or a fresh id when the diagnosis is not recorded). */
  id: string;
  source: SourceKind;
  /** Where it came from, e.g. the terminal command or the log file. */
  label?: string;
  time: number;
  input: { bytes: number; truncated: boolean; redactions: number; binary: boolean };
  findings: FindingView[];
  /** Findings without a confident candidate, shown collapsed below the matched ones. */
  otherFindings: FindingView[];
  /** A query for the opt-in online search ("Type: message"), redacted like the input. */
  searchQuery: string;
}

export interface PatternView {
  id: string;
  title: string;
  summary: string;
  rootCause: ChipView;
  bugType: ChipView;
  impacts: ChipView[];
  explanation: string;
  fixes: FixView[];
  references: ReferenceView[];
  libraries: string[];
  tags: string[];
}

/** One taxonomy entry for browse mode and its fuzzy search. */
export interface PatternSummary {
  id: string;
  title: string;
  summary: string;
  rootCause: string;
  bugType: string;
  tags: string[];
  libraries: string[];
}

export interface HistoryItemView {
  id: string;
  time: number;
  source: SourceKind;
  label?: string;
  title: string;
  confidence?: number;
  /** Automatic (terminal, notebook) and not yet looked at. */
  unseen: boolean;
}

export interface InitData {
  patterns: PatternSummary[];
  rootCauses: ChipView[];
  bugTypes: ChipView[];
  impacts: ChipView[];
  history: HistoryItemView[];
  hasTerminalFailure: boolean;
  /** "⌘" on macOS, "Ctrl" elsewhere, for the paste box's hint. */
  modifierLabel: string;
}

export type Tab = 'diagnose' | 'browse' | 'history';

/** Host → page. */
export type HostMessage =
  | { type: 'init'; data: InitData }
  | { type: 'showResult'; result: ResultView }
  | { type: 'showPattern'; pattern: PatternView }
  | { type: 'showTab'; tab: Tab; query?: string }
  | { type: 'history'; items: HistoryItemView[] }
  | { type: 'terminalFailure'; available: boolean }
  | { type: 'busy'; busy: boolean }
  /** A problem to show; rendered as text only. */
  | { type: 'error'; message: string }
  /** A new automatic diagnosis arrived while the user looks at something else. */
  | { type: 'newAutomatic'; item: HistoryItemView }
  | { type: 'focusInput' };

export type PageSource = 'clipboard' | 'selection' | 'terminal';

/** Page → host. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'diagnose'; text: string }
  | { type: 'diagnoseSource'; source: PageSource }
  | { type: 'openPattern'; id: string }
  | { type: 'openHistory'; id: string }
  | { type: 'clearHistory' }
  | { type: 'openLocation'; uri: string; line?: number }
  | { type: 'openExternal'; url: string }
  | { type: 'searchOnline'; query: string }
  | { type: 'copy'; text: string }
  | { type: 'tabChanged'; tab: Tab };

/** Largest text the page may send (a pasted log): the core caps analysis anyway. */
export const MAX_PAGE_TEXT = 10 * 1024 * 1024;
const MAX_ID = 200;
const MAX_URL = 4096;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

const TABS: readonly Tab[] = ['diagnose', 'browse', 'history'];
const PAGE_SOURCES: readonly PageSource[] = ['clipboard', 'selection', 'terminal'];

/** Validates a message from the page; anything malformed is `undefined` (and ignored). */
export function parsePageMessage(raw: unknown): PageMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
    case 'clearHistory':
      return { type: raw.type };
    case 'diagnose':
      return str(raw.text, MAX_PAGE_TEXT) ? { type: 'diagnose', text: raw.text } : undefined;
    case 'diagnoseSource':
      return typeof raw.source === 'string' && (PAGE_SOURCES as readonly string[]).includes(raw.source)
        ? { type: 'diagnoseSource', source: raw.source as PageSource }
        : undefined;
    case 'openPattern':
    case 'openHistory':
      return str(raw.id, MAX_ID) ? { type: raw.type, id: raw.id } : undefined;
    case 'openLocation': {
      if (!str(raw.uri, MAX_URL)) return undefined;
      const line = raw.line;
      if (line !== undefined && !(typeof line === 'number' && Number.isInteger(line) && line >= 1)) return undefined;
      return line === undefined ? { type: 'openLocation', uri: raw.uri } : { type: 'openLocation', uri: raw.uri, line };
    }
    case 'openExternal':
      return str(raw.url, MAX_URL) ? { type: 'openExternal', url: raw.url } : undefined;
    case 'searchOnline':
      return str(raw.query, 2000) ? { type: 'searchOnline', query: raw.query } : undefined;
    case 'copy':
      return str(raw.text, 1024 * 1024) ? { type: 'copy', text: raw.text } : undefined;
    case 'tabChanged':
      return typeof raw.tab === 'string' && (TABS as readonly string[]).includes(raw.tab) ? { type: 'tabChanged', tab: raw.tab as Tab } : undefined;
    default:
      return undefined;
  }
}

/**
 * Validates a message from the host. The host is trusted, but the page checks the envelope
 * anyway: a message of another shape (another extension's, a future version's) is ignored
 * rather than half-rendered.
 */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'init':
      return isObject(raw.data) && Array.isArray(raw.data.patterns) && Array.isArray(raw.data.history) ? (raw as HostMessage) : undefined;
    case 'showResult':
      return isObject(raw.result) && Array.isArray(raw.result.findings) && Array.isArray(raw.result.otherFindings) ? (raw as HostMessage) : undefined;
    case 'showPattern':
      return isObject(raw.pattern) && typeof raw.pattern.id === 'string' ? (raw as HostMessage) : undefined;
    case 'showTab':
      return typeof raw.tab === 'string' && (TABS as readonly string[]).includes(raw.tab) && (raw.query === undefined || typeof raw.query === 'string')
        ? (raw as HostMessage)
        : undefined;
    case 'history':
      return Array.isArray(raw.items) ? (raw as HostMessage) : undefined;
    case 'terminalFailure':
    case 'busy':
      return typeof (raw.type === 'busy' ? raw.busy : raw.available) === 'boolean' ? (raw as HostMessage) : undefined;
    case 'error':
      return typeof raw.message === 'string' ? (raw as HostMessage) : undefined;
    case 'newAutomatic':
      return isObject(raw.item) && typeof raw.item.id === 'string' ? (raw as HostMessage) : undefined;
    case 'focusInput':
      return { type: 'focusInput' };
    default:
      return undefined;
  }
}
