/**
 * The accuracy evaluation, shared by `npm run eval` (prints the figures) and the unit test that
 * keeps them from sliding back. Cases live in test/eval/cases/*.jsonl; they were collected by
 * people who never saw the taxonomy, and no signal was written from them.
 */
import Fuse from 'fuse.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose, defaultTaxonomy, leadCandidates } from '../../src/core/diagnose';
import { threadOf } from '../../src/core/sources';

export interface EvalCase {
  id: string;
  source: string;
  kind: 'reuse' | 'unrelated';
  text: string;
  expectedRootCause: string;
  expectedPattern?: string;
  why?: string;
}

export interface Outcome {
  c: EvalCase;
  /** Distinct root causes of the confident candidates, best first ('none' when there is none). */
  rootCauses: string[];
  patterns: string[];
  confidence: number;
}

/**
 * The threads the taxonomy's writers read: its examples' sources and its references. A case from
 * one of them is not held out, since a signal may have been written from its text.
 */
export function taxonomyThreads(): Set<string> {
  return new Set(defaultTaxonomy().patterns.flatMap((p) => [...p.examples.map((e) => e.source), ...p.references.map((r) => r.url)]).map(threadOf));
}

/** The held-out cases, minus any from a thread a pattern was written from (counted apart). */
export function loadCases(dir: string): EvalCase[] {
  const seen = taxonomyThreads();
  return loadAllCases(dir).filter((c) => !seen.has(threadOf(c.source)));
}

/**
 * Ids of cases whose topic or repository reached pattern writers (exposed.json beside the cases,
 * with how). They stay in the corpus; the eval also reports figures without them.
 */
export function loadExposed(dir: string): Set<string> {
  const doc = JSON.parse(readFileSync(join(dir, '..', 'exposed.json'), 'utf8')) as { cases: Record<string, unknown> };
  return new Set(Object.keys(doc.cases));
}

export function loadAllCases(dir: string): EvalCase[] {
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) =>
    readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalCase));
}

function outcomeOf(c: EvalCase, cands: { rootCause: string; id: string; confidence: number }[]): Outcome {
  const rootCauses: string[] = [];
  for (const x of cands) if (!rootCauses.includes(x.rootCause)) rootCauses.push(x.rootCause);
  return { c, rootCauses: rootCauses.length ? rootCauses : ['none'], patterns: cands.map((x) => x.id), confidence: cands[0]?.confidence ?? 0 };
}

export function runCore(cases: EvalCase[]): Outcome[] {
  return cases.map((c) => outcomeOf(c, leadCandidates(diagnose(c.text, { top: 5 }))));
}

/**
 * The naive approach, for comparison: one fuse.js search over the same taxonomy's patterns
 * (title, summary, phrases, example keys), queried with the error's last line. Whole-text
 * queries would be slower still and no better.
 */
export function runNaiveFuse(cases: EvalCase[]): Outcome[] {
  const tax = defaultTaxonomy();
  const fuse = new Fuse(tax.patterns, {
    keys: ['title', 'summary', 'signals.phrases', 'exampleKeys'],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.6,
  });
  return cases.map((c) => {
    const lines = c.text.split('\n').map((l) => l.trim()).filter(Boolean);
    const query = (lines[lines.length - 1] ?? '').slice(0, 200);
    const hits = query ? fuse.search(query, { limit: 5 }) : [];
    return outcomeOf(c, hits.map((h) => ({ rootCause: h.item.rootCause, id: h.item.id, confidence: 1 - (h.score ?? 1) })));
  });
}

export interface Figures {
  reuse: number;
  unrelated: number;
  top1: number;
  top3: number;
  patternCases: number;
  patternTop1: number;
  patternTop3: number;
  noMatch: number;
  falsePositive: number;
  perRootCause: Map<string, RootCauseFigures>;
  misses: Outcome[];
  /** Labelled cases whose expected pattern is not the first one. */
  patternMisses: Outcome[];
}

export interface RootCauseFigures {
  n: number;
  top1: number;
  top3: number;
  /** Cases with an expected pattern, and how many of them have it first. */
  labelled: number;
  patternTop1: number;
}

export function figures(outcomes: Outcome[]): Figures {
  const reuse = outcomes.filter((o) => o.c.kind === 'reuse');
  const unrelated = outcomes.filter((o) => o.c.kind === 'unrelated');
  const ratio = (n: number, d: number): number => (d ? n / d : 0);
  const perRootCause = new Map<string, RootCauseFigures>();
  for (const o of reuse) {
    const r = perRootCause.get(o.c.expectedRootCause) ?? { n: 0, top1: 0, top3: 0, labelled: 0, patternTop1: 0 };
    r.n++;
    if (o.rootCauses[0] === o.c.expectedRootCause) r.top1++;
    if (o.rootCauses.slice(0, 3).includes(o.c.expectedRootCause)) r.top3++;
    if (o.c.expectedPattern) {
      r.labelled++;
      if (o.patterns[0] === o.c.expectedPattern) r.patternTop1++;
    }
    perRootCause.set(o.c.expectedRootCause, r);
  }
  const withPattern = reuse.filter((o) => o.c.expectedPattern);
  return {
    reuse: reuse.length,
    unrelated: unrelated.length,
    top1: ratio(reuse.filter((o) => o.rootCauses[0] === o.c.expectedRootCause).length, reuse.length),
    top3: ratio(reuse.filter((o) => o.rootCauses.slice(0, 3).includes(o.c.expectedRootCause)).length, reuse.length),
    patternCases: withPattern.length,
    patternTop1: ratio(withPattern.filter((o) => o.patterns[0] === o.c.expectedPattern).length, withPattern.length),
    patternTop3: ratio(withPattern.filter((o) => o.patterns.slice(0, 3).includes(o.c.expectedPattern!)).length, withPattern.length),
    noMatch: ratio(reuse.filter((o) => o.rootCauses[0] === 'none').length, reuse.length),
    falsePositive: ratio(unrelated.filter((o) => o.rootCauses[0] !== 'none').length, unrelated.length),
    perRootCause,
    misses: outcomes.filter((o) => o.rootCauses[0] !== o.c.expectedRootCause),
    patternMisses: withPattern.filter((o) => o.patterns[0] !== o.c.expectedPattern),
  };
}
