/**
 * The types every surface shares. The JSON the CLI prints (`version: 1`) is built from these;
 * fields may be added, never renamed or removed (see DESIGN.md, "command line contract").
 */

/** A `vocabulary.json` entry: one root cause, bug type or impact. */
export interface VocabularyTerm {
  id: string;
  name: string;
  definition: string;
}

export interface Vocabulary {
  rootCauses: VocabularyTerm[];
  bugTypes: VocabularyTerm[];
  impacts: VocabularyTerm[];
  note: string;
}

export interface WeightedRegex {
  regex: string;
  weight?: number;
}

export interface PatternSignals {
  exceptionTypes?: string[];
  messagePatterns?: WeightedRegex[];
  phrases?: string[];
  frameHints?: string[];
  negativePatterns?: WeightedRegex[];
  /** When none matches the error or its surroundings, the pattern is held below the threshold. */
  requires?: WeightedRegex[];
}

export interface Fix {
  title: string;
  detail?: string;
  before?: string;
  after?: string;
}

export interface Reference {
  url: string;
  title?: string;
}

/** A taxonomy pattern as written in `taxonomy/patterns/*.json`. */
export interface Pattern {
  id: string;
  title: string;
  summary: string;
  rootCause: string;
  bugType: string;
  impacts: string[];
  libraries?: string[];
  models?: string[];
  tags?: string[];
  signals: PatternSignals;
  explanation: string;
  fixes: Fix[];
  references: Reference[];
  examples: { fixture: string; source: string }[];
}

/** A pattern as shipped in the compiled bundle: plus the normalised key lines of its examples. */
export interface CompiledPattern extends Pattern {
  exampleKeys: string[];
}

export interface CompiledTaxonomy {
  version: number;
  vocabulary: Vocabulary;
  patterns: CompiledPattern[];
}

/** One frame of a Python traceback (fields only when the text holds them). */
export interface Frame {
  file: string;
  line?: number;
  function?: string;
  source?: string;
  /** Outside site-packages, dist-packages and the Python install: code the user can change. */
  user: boolean;
  /** Pip name of the library the frame belongs to, when it is one we know. */
  library?: string;
}

export type ErrorKind =
  | 'traceback'
  | 'error-line'
  | 'warning'
  | 'log'
  | 'native'
  | 'panic'
  | 'build'
  | 'text';

export interface LibraryMention {
  name: string;
  version?: string;
}

/** One error found in the input. Unknown fields are omitted, never invented. */
export interface ErrorInfo {
  kind: ErrorKind;
  type?: string;
  message: string;
  location?: { file: string; line?: number };
  /** First and last line (1-based, in the normalised input) the error spans. */
  lines: [number, number];
  frames?: Frame[];
  /** Exceptions this one was raised while handling or from, innermost last. */
  causes?: { type?: string; message: string; relation: 'during-handling' | 'direct-cause' }[];
  libraries?: LibraryMention[];
  /** How often the same error repeats in the input (e.g. once per DDP rank). */
  occurrences?: number;
}

export interface Span {
  /** Offsets into the finding's `matchedText`. */
  start: number;
  end: number;
}

export interface Evidence {
  kind: 'exception' | 'regex' | 'phrase' | 'frame' | 'library' | 'fuzzy' | 'words' | 'context' | 'negative' | 'consensus' | 'root-cause-words' | 'message-words';
  /** A human sentence, e.g. "message matches /CUDA out of memory/". */
  text: string;
  weight: number;
  spans?: Span[];
}

export interface Candidate {
  id: string;
  title: string;
  summary: string;
  confidence: number;
  rootCause: string;
  bugType: string;
  impacts: string[];
  /** The evidence as sentences (contract field), and in detail for the UI. */
  evidence: string[];
  evidenceDetail: Evidence[];
  explanation: string;
  fixes: string[];
  fixSteps: Fix[];
  references: string[];
}

export interface Finding {
  error: ErrorInfo;
  /** The text the signals were matched against (spans point into it). */
  matchedText: string;
  candidates: Candidate[];
  /** When no candidate reaches the threshold: the closest patterns, clearly below it. */
  nearest: { id: string; title: string; confidence: number }[];
}

export interface InputInfo {
  bytes: number;
  truncated: boolean;
  binary?: boolean;
  redactions?: number;
}

export interface Report {
  version: 1;
  input: InputInfo;
  findings: Finding[];
}

export interface DiagnoseOptions {
  /** Candidates below this confidence are not reported (default {@link DEFAULT_MIN_CONFIDENCE}). */
  minConfidence?: number;
  /** At most this many candidates per finding (default 3). */
  top?: number;
  /** At most this many findings (default 20). */
  maxFindings?: number;
  /** Replace home-directory user names in paths with `~`. */
  redactPaths?: boolean;
  /** The caller read only part of a larger source (the CLI keeps a log's tail): its true size. */
  source?: { bytes: number; truncated: boolean };
  /** Use this taxonomy instead of the bundled one (tests, custom taxonomies). */
  taxonomy?: CompiledTaxonomy;
}
