/**
 * Scores one finding against every pattern. Signals first (exception type, message regexes,
 * phrases, frame and library hints, negative evidence); fuzzy similarity of short normalised
 * keys only adds to what the signals leave open. Every point of score is recorded as evidence.
 */
import type { ErrorInfo, Evidence, Frame } from './types';
import { requiredLiterals } from './literals';
import type { RuntimePattern, RuntimeRegex, RuntimeTaxonomy } from './taxonomy';

/** Regexes see at most this much of a message: bounded work whatever the input. */
export const MAX_MATCH_CHARS = 3000;

/** Exception types that say little on their own: most Python errors are one of these. */
const GENERIC_TYPES = new Set([
  'exception', 'error', 'runtimeerror', 'valueerror', 'typeerror', 'keyerror', 'indexerror',
  'attributeerror', 'oserror', 'ioerror', 'assertionerror', 'notimplementederror', 'importerror',
  'modulenotfounderror', 'filenotfounderror', 'userwarning', 'futurewarning', 'deprecationwarning',
  'warning', 'systemexit', 'nameerror', 'environmenterror', 'panic', 'pip',
]);

/** The last dotted segment of a lower-cased type name: `torch.cuda.OutOfMemoryError` → `outofmemoryerror`. */
const lastSegment = (lowerType: string) => lowerType.split('.').pop()!;

/** Whether a finding's exception type is one that most Python errors share (TypeError, KeyError …). */
export function hasGenericType(error: ErrorInfo): boolean {
  return !!error.type && GENERIC_TYPES.has(lastSegment(error.type.toLowerCase()));
}

export interface Scored {
  pattern: RuntimePattern;
  score: number;
  /** Score from content (message regexes, phrases, fuzzy): a type alone never makes a diagnosis. */
  content: number;
  evidence: Evidence[];
  /** Required context is missing: never reported as confident. */
  capped?: boolean;
  /** One of the pattern's regexes matched the message or the text around it. */
  regexMatched?: boolean;
}

const literalCache = new WeakMap<RuntimeRegex, string[] | null>();

function mayMatch(r: RuntimeRegex, lower: string): boolean {
  let lits = literalCache.get(r);
  if (lits === undefined) {
    lits = requiredLiterals(r.source) ?? null;
    literalCache.set(r, lits);
  }
  return lits === null || lits.some((l) => lower.includes(l));
}

/** The text signals are matched against: `Type: message`, then the exceptions it chained from. */
export function subjectOf(error: ErrorInfo): string {
  let s = error.type ? (error.message ? `${error.type}: ${error.message}` : error.type) : error.message;
  for (const c of error.causes ?? []) s += `\n${c.type ? c.type + ': ' : ''}${c.message}`;
  return s.length > MAX_MATCH_CHARS ? s.slice(0, MAX_MATCH_CHARS) : s;
}

function typeMatches(p: RuntimePattern, error: ErrorInfo): { name: string; generic: boolean } | undefined {
  const names = [error.type, ...(error.causes ?? []).map((c) => c.type)].filter((t): t is string => !!t);
  for (const raw of names) {
    const t = raw.toLowerCase();
    const last = lastSegment(t);
    for (const pt of p.types) {
      if (t === pt.name || last === pt.last && (pt.name === pt.last || t.endsWith(pt.name))) {
        return { name: raw, generic: GENERIC_TYPES.has(last) };
      }
    }
  }
  return undefined;
}

/** A frame as frame hints see it: lower case, and `/` for every path separator (Windows too). */
interface HintableFrame {
  frame: Frame;
  path: string;
  fn: string;
}

/** Evidence against a pattern: its negative regexes that the message matches. */
export function negativesOf(p: RuntimePattern, subject: string, lower?: string): Evidence[] {
  // Most patterns have none; the similarity stages ask about many, so lower-case only when needed.
  if (!p.negatives.length) return [];
  const low = lower ?? subject.toLowerCase();
  const out: Evidence[] = [];
  for (const r of p.negatives) {
    if (mayMatch(r, low) && r.re.test(subject)) out.push({ kind: 'negative', text: `against: message matches /${r.source}/`, weight: -r.weight });
  }
  return out;
}

export function scorePattern(p: RuntimePattern, error: ErrorInfo, subject: string, lower: string, context: string, frames: HintableFrame[]): Scored | undefined {
  const evidence: Evidence[] = [];
  let score = 0;
  let content = 0;
  let regexMatched = false;

  for (const r of p.regexes) {
    if (mayMatch(r, lower)) {
      const m = r.re.exec(subject);
      if (m) {
        score += r.weight;
        content += r.weight;
        evidence.push({ kind: 'regex', text: `message matches /${r.source}/`, weight: r.weight, spans: [{ start: m.index, end: m.index + m[0].length }] });
        regexMatched = true;
        continue;
      }
    }
    // The words around the error (an issue's description, earlier warnings) count half.
    if (context && mayMatch(r, context) && r.re.test(context)) {
      const w = r.weight / 2;
      score += w;
      content += w;
      evidence.push({ kind: 'context', text: `the surrounding text matches /${r.source}/`, weight: w });
      regexMatched = true;
    }
  }
  let phraseScore = 0;
  for (const { text: ph, weight } of p.phrases) {
    const at = lower.indexOf(ph);
    if (at >= 0) {
      const w = phraseScore < 3 ? weight : 0;
      phraseScore += w;
      evidence.push({ kind: 'phrase', text: `mentions "${ph}"`, weight: w, spans: [{ start: at, end: at + ph.length }] });
    } else if (context && context.includes(ph) && phraseScore < 3) {
      const w = weight / 2;
      phraseScore += w;
      evidence.push({ kind: 'context', text: `the surrounding text mentions "${ph}"`, weight: w });
    }
  }
  score += phraseScore;
  content += phraseScore;
  if (content === 0) return undefined;

  const type = typeMatches(p, error);
  if (type) {
    const w = type.generic ? 0.5 : 2;
    score += w;
    evidence.unshift({ kind: 'exception', text: `exception ${type.name}`, weight: w });
  }
  if (p.frameHints.length && frames.length) {
    let fw = 0;
    for (const hint of p.frameHints) {
      const f = frames.find((fr) => fr.path.includes(hint) || fr.fn.includes(hint))?.frame;
      if (f && fw < 1) {
        fw += 0.5;
        evidence.push({ kind: 'frame', text: `frame in ${f.function ? f.function + ' (' + f.file + ')' : f.file}`, weight: 0.5 });
      }
    }
    score += fw;
  }
  if (p.libraries.size && error.libraries?.some((l) => p.libraries.has(l.name))) {
    const lib = error.libraries.find((l) => p.libraries.has(l.name))!;
    score += 0.5;
    evidence.push({ kind: 'library', text: `involves ${lib.name}${lib.version ? ' ' + lib.version : ''}`, weight: 0.5 });
  }
  for (const ev of negativesOf(p, subject, lower)) {
    score += ev.weight;
    evidence.push(ev);
  }
  if (p.requires.length && !p.requires.some((r) => r.re.test(subject) || (context !== '' && r.re.test(context)))) {
    evidence.push({ kind: 'negative', text: `missing required context /${p.requires.map((r) => r.source).join('|')}/`, weight: 0 });
    return { pattern: p, score, content, evidence, capped: true, regexMatched };
  }
  return { pattern: p, score, content, evidence, regexMatched };
}

/** All patterns with any content evidence for this finding, best first. */
export function scoreFinding(tax: RuntimeTaxonomy, error: ErrorInfo, subject: string, context: string): Scored[] {
  const lower = subject.toLowerCase();
  const frames = (error.frames ?? []).map((frame) => ({ frame, path: frame.file.toLowerCase().replace(/\\/g, '/'), fn: (frame.function ?? '').toLowerCase() }));
  const out: Scored[] = [];
  for (const p of tax.patterns) {
    const s = scorePattern(p, error, subject, lower, context, frames);
    if (s && s.score > 0) out.push(s);
  }
  return out.sort((a, b) => b.score - a.score || b.content - a.content || a.pattern.pattern.id.localeCompare(b.pattern.pattern.id));
}
