/**
 * Fuzzy ranking with fuse.js over short keys (titles, phrases, normalised example lines), never
 * over whole tracebacks: long queries make Bitap slow and its scores meaningless. It ranks what
 * the signals leave open and catches paraphrased symptoms.
 *
 * Bitap costs (key length × query length × error levels) per entry, ~10–70 ms over the whole
 * taxonomy per query; so an inverted word index first picks the entries that share a word with
 * the query, and fuse.js ranks only those.
 */
import Fuse from 'fuse.js';
import { messageKey } from './keys';
import { perTaxonomy, type RuntimeTaxonomy } from './taxonomy';

interface Entry {
  id: string;
  key: string;
}

interface Index {
  entries: Entry[];
  byWord: Map<string, number[]>;
}

/** Fuse scores run from 0 (identical) to 1; beyond this a hit is noise. */
export const FUZZY_CUTOFF = 0.3;
/** One Bitap word: longer queries are split into chunks, each costing a full pass. */
export const MAX_QUERY_CHARS = 32;
const MAX_ENTRY_CHARS = 64;
/** At most this many entries reach fuse.js for one query. */
const MAX_CANDIDATE_ENTRIES = 120;

const STOP = new Set(['the', 'and', 'for', 'not', 'with', 'this', 'that', 'from', 'have', 'your', 'path', 'error', 'when', 'will', 'been', 'into', 'file', 'line', 'self', 'none', 'true', 'false', 'must', 'should', 'could', 'found', 'there']);

function words(key: string): string[] {
  return [...new Set(key.split(/[^a-z_]+/).filter((w) => w.length >= 4 && !STOP.has(w)))];
}

const fuzzyIndex = perTaxonomy((tax): Index => {
  const entries: Entry[] = [];
  for (const p of tax.patterns) {
    const pat = p.pattern;
    entries.push({ id: pat.id, key: messageKey(pat.title) });
    for (const k of pat.exampleKeys) entries.push({ id: pat.id, key: k.replace(/^[\w.]{1,200}:\s/, '') });
    for (const ph of pat.signals.phrases ?? []) if (ph.length >= 12) entries.push({ id: pat.id, key: messageKey(ph) });
  }
  const byWord = new Map<string, number[]>();
  entries.forEach((e, i) => {
    e.key = e.key.slice(0, MAX_ENTRY_CHARS);
    for (const w of words(e.key)) {
      const list = byWord.get(w);
      if (list) list.push(i);
      else byWord.set(w, [i]);
    }
  });
  return { entries, byWord };
});

/** Best fuzzy score per pattern id for this subject (lower is closer). */
export function fuzzyMatches(tax: RuntimeTaxonomy, subject: string, limit = 8): Map<string, { score: number; key: string }> {
  // The message without its exception type: types are scored as signals already.
  const key = messageKey(subject.replace(/^[\w.]{1,200}:\s/, ''));
  const query = key.slice(0, MAX_QUERY_CHARS).trim();
  const out = new Map<string, { score: number; key: string }>();
  if (query.length < 8) return out;
  const index = fuzzyIndex(tax);
  const hits = new Map<number, number>();
  for (const w of words(key)) for (const i of index.byWord.get(w) ?? []) hits.set(i, (hits.get(i) ?? 0) + 1);
  if (hits.size === 0) return out;
  const chosen = [...hits].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATE_ENTRIES).map(([i]) => index.entries[i]!);
  const fuse = new Fuse(chosen, { keys: ['key'], includeScore: true, ignoreLocation: true, threshold: FUZZY_CUTOFF, minMatchCharLength: 4, shouldSort: true });
  for (const r of fuse.search(query, { limit: limit * 3 })) {
    const score = r.score ?? 1;
    const prev = out.get(r.item.id);
    if (!prev || score < prev.score) out.set(r.item.id, { score, key: r.item.key });
    if (out.size >= limit) break;
  }
  return out;
}
