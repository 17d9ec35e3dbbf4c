/**
 * Word-level ranking (BM25) of a whole message against each pattern's own words: title, summary,
 * explanation, phrases, tags and example keys. Regexes catch a tool's exact wording and fuse.js
 * catches near-identical short messages; neither helps when a user describes a symptom in their
 * own words ("after adding tokens the model crashes with index out of range"). Shared rare words
 * do, so this stage only ever adds a bounded bonus where the signals leave the answer open.
 */
import { perTaxonomy } from './taxonomy';
import type { CompiledPattern } from './types';

/** Words that say nothing about which bug it is. */
const STOP = new Set(
  ('the and for not with this that from have has had your you are was were when will been into but can ' +
    'cannot could should would there their then than them they what which while where who how why also ' +
    'any all some such only just very more most other same does did doing done get got gets getting use ' +
    'used uses using try tried trying run running runs ran work works working worked issue issues problem ' +
    'error errors bug bugs fail failed fails failing please thanks thank help hello anyone here like know ' +
    'one two able after before about because file line self none true false see seems seem still even ' +
    'now new out our its it’s let make made want need code python follow following below above way ' +
    'http https www com org html github')
    .split(' '),
);

/** At most this much of a message is read: bounded work whatever the input. */
export const MAX_LEXICAL_CHARS = 4000;
const K1 = 1.2;
const B = 0.6;

/** Crude suffix folding so "tokens"/"token" and "padded"/"padding"/"pad" meet. */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Terms of a text: stemmed words (identifiers also split at `_` and `.`), with the word each came from. */
export function termsOf(text: string): { term: string; word: string }[] {
  const out: { term: string; word: string }[] = [];
  // URLs are addresses, not words of the report.
  const lower = text.slice(0, MAX_LEXICAL_CHARS).toLowerCase().replace(/https?:\/\/\S{1,300}/g, ' ');
  for (const raw of lower.split(/[^a-z0-9_.]+/)) {
    const word = raw.replace(/^[._]+|[._]+$/g, '');
    if (!word) continue;
    const parts = /[._]/.test(word) ? [word, ...word.split(/[._]+/)] : [word];
    for (const p of parts) {
      if (p.length < 3 || p.length > 40 || STOP.has(p) || /^\d/.test(p)) continue;
      out.push({ term: stem(p), word: p });
    }
  }
  return out;
}

export function terms(text: string): string[] {
  return termsOf(text).map((t) => t.term);
}

export interface LexicalIndex {
  ids: string[];
  /** term → [pattern index, term frequency] pairs. */
  postings: Map<string, [number, number][]>;
  lengths: number[];
  avgLength: number;
  idf: Map<string, number>;
}

/** What a pattern says about itself: its title, summary, explanation and tags. */
export function describingText(p: CompiledPattern): string {
  return [p.title, p.summary, p.explanation, ...(p.tags ?? [])].join('\n');
}

/** Everything the words stage indexes for a pattern: its own words, phrases and example keys. */
export function patternText(p: CompiledPattern): string {
  return [describingText(p), ...(p.signals.phrases ?? []), ...p.exampleKeys].join('\n');
}

/** Each pattern's terms, in taxonomy order: worked out once per taxonomy for every index built on them. */
export const patternTerms = perTaxonomy((tax) => tax.patterns.map((p) => terms(patternText(p.pattern))));

export function buildLexicalIndex(entries: { id: string; terms: string[] }[]): LexicalIndex {
  const postings = new Map<string, [number, number][]>();
  const lengths = entries.map((e, i) => {
    const tf = new Map<string, number>();
    for (const t of e.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, f] of tf) {
      const list = postings.get(t);
      if (list) list.push([i, f]);
      else postings.set(t, [[i, f]]);
    }
    return e.terms.length;
  });
  const n = entries.length;
  const idf = new Map<string, number>();
  for (const [t, list] of postings) idf.set(t, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
  const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  return { ids: entries.map((e) => e.id), postings, lengths, avgLength, idf };
}

export interface LexicalHit {
  id: string;
  score: number;
  /** The shared words that scored most, for the evidence line. */
  words: string[];
}

/** One term's BM25 contribution to pattern i: both rankings below add these up. */
function termScore(index: LexicalIndex, i: number, tf: number, idf: number): number {
  const norm = K1 * (1 - B + (B * index.lengths[i]!) / index.avgLength);
  return (idf * tf * (K1 + 1)) / (tf + norm);
}

/** BM25 of the message's distinct terms against every pattern, best first. */
export function lexicalRank(index: LexicalIndex, text: string, limit = 5): LexicalHit[] {
  const scores = new Map<number, { score: number; shared: [string, number][] }>();
  const surface = new Map<string, string>();
  for (const { term, word } of termsOf(text)) if (!surface.has(term)) surface.set(term, word);
  for (const t of surface.keys()) {
    const list = index.postings.get(t);
    if (!list) continue;
    const idf = index.idf.get(t)!;
    for (const [i, tf] of list) {
      const s = termScore(index, i, tf, idf);
      const acc = scores.get(i);
      if (acc) {
        acc.score += s;
        acc.shared.push([t, s]);
      } else scores.set(i, { score: s, shared: [[t, s]] });
    }
  }
  return [...scores]
    .sort((a, b) => b[1].score - a[1].score)
    .slice(0, limit)
    .map(([i, { score, shared }]) => ({ id: index.ids[i]!, score, words: shared.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t]) => surface.get(t)!) }));
}

/** BM25 of the message's distinct terms against the chosen patterns only (by index), 0 where none is shared. */
export function lexicalScores(index: LexicalIndex, text: string, chosen: number[]): number[] {
  const at = new Map(chosen.map((i, k) => [i, k]));
  const out = chosen.map(() => 0);
  for (const t of new Set(terms(text))) {
    const list = index.postings.get(t);
    if (!list) continue;
    const idf = index.idf.get(t)!;
    for (const [i, tf] of list) {
      const k = at.get(i);
      if (k !== undefined) out[k]! += termScore(index, i, tf, idf);
    }
  }
  return out;
}
