/**
 * Development measurement for the word-level (BM25) stage, on the taxonomy's own examples and
 * the unrelated fixtures, never on the held-out eval corpus: each example is ranked against an
 * index built without anything from its own thread (its example keys and, for a fair test, all
 * phrases, which were written from the examples). Prints how often the right pattern / root cause
 * ranks first, and the score distributions that the stage's thresholds are chosen from.
 *
 *   node scripts/build.mjs && node out/dev/lexical-dev.js
 */
import { join } from 'node:path';
import { defaultTaxonomy } from '../../src/core/diagnose';
import { keysOfText } from '../../src/core/example-keys';
import { buildLexicalIndex, describingText, lexicalRank, terms } from '../../src/core/lexical';
import { subjectOf } from '../../src/core/match';
import { normalise } from '../../src/core/normalize';
import { parseErrors } from '../../src/core/parse/parse';
import { fixturesIn, readFixture, FIXTURES } from '../helpers/fixtures';

const tax = defaultTaxonomy();
const byId = new Map(tax.patterns.map((p) => [p.id, p]));
const examples = tax.patterns.flatMap((p) => p.examples.map((e) => ({ id: p.id, source: e.source, text: readFixture(join(FIXTURES, 'patterns', e.fixture)).text })));
// Worked out once: each pattern's own words, and the key terms of each of its examples.
const baseTerms = new Map(tax.patterns.map((p) => [p.id, terms(describingText(p))]));
const exampleTerms = new Map(tax.patterns.map((p) => [p.id, [] as { source: string; terms: string[] }[]]));
for (const e of examples) exampleTerms.get(e.id)!.push({ source: e.source, terms: terms(keysOfText(e.text).join('\n')) });

function indexWithout(source: string | undefined) {
  return buildLexicalIndex(tax.patterns.map((p) => ({
    id: p.id,
    terms: [...baseTerms.get(p.id)!, ...exampleTerms.get(p.id)!.filter((e) => e.source !== source).flatMap((e) => e.terms)],
  })));
}

function subjects(text: string): string[] {
  return parseErrors(normalise(text).text).slice(0, 3).map(subjectOf);
}

function best(index: ReturnType<typeof indexWithout>, text: string) {
  let top: ReturnType<typeof lexicalRank> = [];
  for (const s of subjects(text)) {
    const r = lexicalRank(index, s, 3);
    if (r.length && (!top.length || r[0]!.score > top[0]!.score)) top = r;
  }
  return top;
}

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0; };

// One index per thread, built when its examples are ranked and then dropped (memory stays flat).
const bySource = new Map<string, typeof examples>();
for (const e of examples) {
  const group = bySource.get(e.source);
  if (group) group.push(e);
  else bySource.set(e.source, [e]);
}
// One row per example: its top score, the lead over the second, and whether it was right.
const rows: { s: number; m: number; ok: boolean; in3: boolean; rootOk: boolean }[] = [];
for (const [source, group] of bySource) {
  const index = indexWithout(source);
  for (const e of group) {
    const top = best(index, e.text);
    if (!top.length) { rows.push({ s: 0, m: 0, ok: false, in3: false, rootOk: false }); continue; }
    rows.push({
      s: top[0]!.score,
      m: top[0]!.score / (top[1]?.score ?? 1),
      ok: top[0]!.id === e.id,
      in3: top.some((h) => h.id === e.id),
      rootOk: byId.get(top[0]!.id)!.rootCause === byId.get(e.id)!.rootCause,
    });
  }
}
const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
const p1 = count((r) => r.ok), p3 = count((r) => r.in3), r1 = count((r) => r.rootOk);
const right = rows.filter((r) => r.ok), wrong = rows.filter((r) => !r.ok);
const n = examples.length;
const pct = (x: number) => `${((100 * x) / n).toFixed(1)}%`;
console.log(`examples ${n}: pattern top-1 ${pct(p1)}, top-3 ${pct(p3)}, root cause top-1 ${pct(r1)} (leave-one-thread-out, no phrases)`);
const scores = (xs: typeof rows) => xs.map((r) => r.s), margins = (xs: typeof rows) => xs.filter((r) => r.s > 0).map((r) => r.m);
console.log(`top score when right: p10 ${quantile(scores(right), 0.1).toFixed(1)} p50 ${quantile(scores(right), 0.5).toFixed(1)}; when wrong: p50 ${quantile(scores(wrong), 0.5).toFixed(1)} p90 ${quantile(scores(wrong), 0.9).toFixed(1)}`);
console.log(`margin (top/second) when right: p25 ${quantile(margins(right), 0.25).toFixed(2)} p50 ${quantile(margins(right), 0.5).toFixed(2)}; when wrong: p50 ${quantile(margins(wrong), 0.5).toFixed(2)} p75 ${quantile(margins(wrong), 0.75).toFixed(2)}`);

const full = indexWithout(undefined);
const unrelated = fixturesIn('unrelated').map((f) => ({ name: f.name, top: best(full, f.text) }));
const us = unrelated.map((u) => u.top[0]?.score ?? 0);
console.log(`unrelated ${unrelated.length}: top score p50 ${quantile(us, 0.5).toFixed(1)} p90 ${quantile(us, 0.9).toFixed(1)} max ${Math.max(...us).toFixed(1)}`);
for (const u of unrelated.sort((a, b) => (b.top[0]?.score ?? 0) - (a.top[0]?.score ?? 0)).slice(0, 5)) {
  console.log(`  ${u.name}: ${u.top[0]?.id} ${u.top[0]?.score.toFixed(1)} margin ${((u.top[0]?.score ?? 0) / (u.top[1]?.score ?? 1)).toFixed(2)} [${u.top[0]?.words.join(' ')}]`);
}

// Precision and coverage of "top hit is right" by score and margin thresholds (for the bonus curve).
for (const S of [15, 20, 25, 30, 40]) {
  console.log(`score >= ${S}: ` + [1, 1.1, 1.2, 1.3, 1.5, 2].map((M) => {
    const sel = rows.filter((r) => r.s >= S && r.m >= M);
    const unrel = unrelated.filter((u) => (u.top[0]?.score ?? 0) >= S && (u.top[0]?.score ?? 0) / (u.top[1]?.score ?? 1) >= M).length;
    return `m>=${M}: ${((100 * sel.filter((r) => r.ok).length) / Math.max(1, sel.length)).toFixed(0)}%/${((100 * sel.length) / n).toFixed(0)}%/u${unrel}`;
  }).join('  '));
}
