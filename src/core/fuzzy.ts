/**
 * Fuzzy ranking with fuse.js over short keys (titles, phrases, normalised example lines), never
 * over whole tracebacks: long queries make Bitap slow and its scores meaningless. It ranks what
 * the signals leave open and catches paraphrased symptoms.
 */
import Fuse from 'fuse.js';
import { messageKey } from './keys';
import type { RuntimeTaxonomy } from './taxonomy';

interface Entry {
  id: string;
  key: string;
}

/** Fuse scores run from 0 (identical) to 1; beyond this a hit is noise. */
export const FUZZY_CUTOFF = 0.3;
/** Queries are cut to this many characters (Bitap cost grows with pattern length). */
export const MAX_QUERY_CHARS = 96;

const cache = new WeakMap<RuntimeTaxonomy, Fuse<Entry>>();

export function fuzzyIndex(tax: RuntimeTaxonomy): Fuse<Entry> {
  let fuse = cache.get(tax);
  if (fuse) return fuse;
  const entries: Entry[] = [];
  for (const p of tax.patterns) {
    const pat = p.pattern;
    entries.push({ id: pat.id, key: messageKey(pat.title) });
    for (const k of pat.exampleKeys) entries.push({ id: pat.id, key: k });
    for (const ph of pat.signals.phrases ?? []) if (ph.length >= 12) entries.push({ id: pat.id, key: messageKey(ph) });
  }
  fuse = new Fuse(entries, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: FUZZY_CUTOFF, minMatchCharLength: 4, shouldSort: true });
  cache.set(tax, fuse);
  return fuse;
}

/** Best fuzzy score per pattern id for this subject (lower is closer). */
export function fuzzyMatches(tax: RuntimeTaxonomy, subject: string, limit = 8): Map<string, { score: number; key: string }> {
  const query = messageKey(subject).slice(0, MAX_QUERY_CHARS);
  const out = new Map<string, { score: number; key: string }>();
  if (query.length < 8) return out;
  for (const r of fuzzyIndex(tax).search(query, { limit: limit * 3 })) {
    const score = r.score ?? 1;
    const prev = out.get(r.item.id);
    if (!prev || score < prev.score) out.set(r.item.id, { score, key: r.item.key });
    if (out.size >= limit) break;
  }
  return out;
}
