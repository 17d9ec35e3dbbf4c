/**
 * From the core's report to what the sidebar page renders: vocabulary ids become chips with
 * their definitions, confidences get their words, frames are split into the user's and the
 * libraries'. Pure: no `vscode` import, the page does no lookups of its own.
 */
import { confidenceWord } from '../../cli/format';
import type { Candidate, CompiledPattern, Finding, Frame, Report, Vocabulary, VocabularyTerm } from '../../core/types';
import type { CandidateView, ChipView, FindingView, FrameView, LocationView, PatternSummary, PatternView, ResultView, SourceKind } from './protocol';

/** Links a file name from the report to a workspace file (a URI string), when it is one. */
export type FileLookup = (file: string) => string | undefined;

const MAX_FINDINGS_SHOWN = 10;
const MAX_MATCHED_TEXT = 4000;

function chip(terms: VocabularyTerm[], id: string): ChipView {
  const t = terms.find((x) => x.id === id);
  return t ? { id, name: t.name, definition: t.definition } : { id, name: id, definition: '' };
}

export function chips(vocab: Vocabulary, c: { rootCause: string; bugType: string; impacts: string[] }): Pick<CandidateView, 'rootCause' | 'bugType' | 'impacts'> {
  return {
    rootCause: chip(vocab.rootCauses, c.rootCause),
    bugType: chip(vocab.bugTypes, c.bugType),
    impacts: c.impacts.map((i) => chip(vocab.impacts, i)),
  };
}

function location(file: string, line: number | undefined, files: FileLookup): LocationView {
  const uri = files(file);
  const v: LocationView = { label: `${file}${line ? `:${line}` : ''}` };
  if (uri) v.uri = uri;
  if (line) v.line = line;
  return v;
}

function frame(f: Frame, files: FileLookup): FrameView {
  const v: FrameView = { location: location(f.file, f.line, files) };
  if (f.function) v.function = f.function;
  if (f.source) v.source = f.source;
  if (f.library) v.library = f.library;
  return v;
}

/** Reference titles live in the pattern; the candidate carries only the URLs. */
export type PatternLookup = (id: string) => CompiledPattern | undefined;

function candidate(c: Candidate, vocab: Vocabulary, textLength: number, patterns: PatternLookup): CandidateView {
  const titles = new Map((patterns(c.id)?.references ?? []).map((r) => [r.url, r.title]));
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    confidence: c.confidence,
    confidenceWord: confidenceWord(c.confidence),
    ...chips(vocab, c),
    evidence: c.evidenceDetail.map((e) => ({
      kind: e.kind,
      text: e.text,
      weight: e.weight,
      spans: (e.spans ?? []).filter((s) => s.start >= 0 && s.end > s.start && s.end <= textLength).map((s) => ({ start: s.start, end: s.end })),
    })),
    explanation: c.explanation,
    fixes: c.fixSteps.map((f) => ({ ...f })),
    references: c.references.map((url) => {
      const title = titles.get(url);
      return title ? { url, title } : { url };
    }),
  };
}

function errorLine(f: Finding): string {
  const head = f.error.message.split('\n')[0] ?? '';
  const line = f.error.type ? `${f.error.type}: ${head}` : head;
  return line.length > 300 ? line.slice(0, 299) + '…' : line;
}

function findingView(f: Finding, vocab: Vocabulary, files: FileLookup, patterns: PatternLookup): FindingView {
  const matchedText = f.matchedText.length > MAX_MATCHED_TEXT ? f.matchedText.slice(0, MAX_MATCHED_TEXT) : f.matchedText;
  const frames = f.error.frames ?? [];
  const v: FindingView = {
    kind: f.error.kind,
    errorLine: errorLine(f),
    message: f.error.message,
    userFrames: frames.filter((x) => x.user).map((x) => frame(x, files)).reverse(),
    libraryFrames: frames.filter((x) => !x.user).map((x) => frame(x, files)).reverse(),
    matchedText,
    candidates: f.candidates.map((c) => candidate(c, vocab, matchedText.length, patterns)),
    nearest: f.nearest.map((n) => ({ ...n, confidenceWord: confidenceWord(n.confidence) })),
  };
  if (f.error.type) v.type = f.error.type;
  if (f.error.location) v.location = location(f.error.location.file, f.error.location.line, files);
  if (f.error.occurrences && f.error.occurrences > 1) v.occurrences = f.error.occurrences;
  return v;
}

export interface ResultInput {
  id: string;
  source: SourceKind;
  label?: string;
  time: number;
  report: Report;
}

export function toResultView(d: ResultInput, vocab: Vocabulary, files: FileLookup, patterns: PatternLookup): ResultView {
  const all = d.report.findings.slice(0, MAX_FINDINGS_SHOWN * 2).map((f) => findingView(f, vocab, files, patterns));
  const matched = all.filter((f) => f.candidates.length > 0);
  // Nothing matched: the first error is the one to talk about ("no confident match"), the rest wait below.
  const shown = matched.length ? matched.slice(0, MAX_FINDINGS_SHOWN) : all.slice(0, 1);
  const other = all.filter((f) => !shown.includes(f)).slice(0, MAX_FINDINGS_SHOWN);
  const first = shown[0];
  const v: ResultView = {
    id: d.id,
    source: d.source,
    time: d.time,
    input: {
      bytes: d.report.input.bytes,
      truncated: d.report.input.truncated,
      redactions: d.report.input.redactions ?? 0,
      binary: d.report.input.binary ?? false,
    },
    findings: shown,
    otherFindings: other,
    searchQuery: first ? first.errorLine.slice(0, 200) : '',
  };
  if (d.label !== undefined) v.label = d.label;
  return v;
}

export function toPatternView(p: CompiledPattern, vocab: Vocabulary): PatternView {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    ...chips(vocab, p),
    explanation: p.explanation,
    fixes: p.fixes.map((f) => ({ ...f })),
    references: p.references.map((r) => ({ ...r })),
    libraries: [...(p.libraries ?? [])],
    tags: [...(p.tags ?? [])],
  };
}

export function toPatternSummary(p: CompiledPattern): PatternSummary {
  return { id: p.id, title: p.title, summary: p.summary, rootCause: p.rootCause, bugType: p.bugType, tags: [...(p.tags ?? [])], libraries: [...(p.libraries ?? [])] };
}
