// Development measurement at today's scale, without the held-out eval corpus: each sampled
// pattern is left out of today's taxonomy in turn, and its own examples are ranked by the rest.
// That is a bug the taxonomy does not know, as a held-out case with no fitting pattern is, but
// against the whole of today's taxonomy rather than an old commit's (`dev:since --novel`). The
// right outcome is the bug's root cause (through another pattern of it) or silence; the harm is a
// confident wrong root cause.
//
//   npm run dev:without -- [--every N] [--offset K] [-v] [--signals]   (every Nth pattern by id, default 5)
//
// -v lists each wrong first answer with the positive evidence it rested on. --signals tallies the
// phrases and regexes behind wrong answers that rested on signals alone (no words or likeness
// stage): with --every 1 that is the leave-one-out scan that finds topic words, repeatable.
import { join } from 'node:path';
import { FIXTURE_DIR, RootCauseTally, argValue, loadTaxonomy, compileTaxonomy, percent, readFixture, requireBuilt } from './taxonomy-lib.mjs';

const every = Number(argValue('--every') ?? 5);
const offset = Number(argValue('--offset') ?? 0);
const verbose = process.argv.includes('-v');
const tallySignals = process.argv.includes('--signals');
if (!(every >= 1) || !(offset >= 0)) {
  console.error('usage: npm run dev:without -- [--every N] [--offset K] [-v] [--signals]');
  process.exit(2);
}
const { keysOfText } = requireBuilt('example-keys.cjs');
const { diagnose, leadCandidates, stageOf } = requireBuilt('diagnose.cjs');

const compiled = compileTaxonomy(loadTaxonomy({}), keysOfText);
const sorted = [...compiled.patterns].sort((a, b) => a.id.localeCompare(b.id));
const sample = sorted.filter((_, i) => i % every === offset % every);
let n = 0, r1 = 0, r3 = 0, none = 0;
const perRootCause = new RootCauseTally();
const misses = [];
/**
 * Wrong answers by the stage they rest on and, for those resting on signals alone, how many each
 * (pattern, signal) pair was behind.
 */
const wrongBy = { words: 0, likeness: 0, signals: 0 };
const bySignal = new Map();
for (const left of sample) {
  // A taxonomy object of its own, so each stage's index is built without the pattern.
  const taxonomy = { ...compiled, patterns: compiled.patterns.filter((p) => p !== left) };
  for (const ex of left.examples) {
    const fx = readFixture(join(FIXTURE_DIR, ex.fixture));
    if (fx.malformed) continue;
    const cands = leadCandidates(diagnose(fx.text, { top: 5, taxonomy }));
    const causes = [...new Set(cands.map((c) => c.rootCause))];
    const want = left.rootCause;
    n++;
    perRootCause.add(want, causes[0] === want);
    if (!cands.length) none++;
    if (causes[0] === want) r1++;
    else if (cands.length) {
      const c = cands[0];
      const positive = c.evidenceDetail.filter((e) => e.weight > 0);
      const on = stageOf(c);
      wrongBy[on]++;
      if (on === 'signals') {
        for (const e of positive) {
          if (e.kind !== 'phrase' && e.kind !== 'regex' && e.kind !== 'context') continue;
          const key = `${c.id}\t${e.text}`;
          bySignal.set(key, (bySignal.get(key) ?? 0) + 1);
        }
      }
      misses.push(`  ${ex.fixture.padEnd(64)} got ${c.id} ${c.confidence.toFixed(2)} (${c.rootCause}) on ${on}: ${positive.map((e) => `${e.kind} ${e.text}`).join('; ')}`);
    }
    if (causes.slice(0, 3).includes(want)) r3++;
  }
}
const pct = (x) => percent(x, n);
console.log(`${sample.length} patterns left out in turn (every ${every}th by id, offset ${offset % every}), ${n} examples ranked by the rest of today's taxonomy`);
console.log(`  root cause top-1 ${pct(r1)}, top-3 ${pct(r3)}; no confident match ${pct(none)}; a wrong root cause first ${pct(n - r1 - none)}`);
console.log(`  wrong first answers rest on words ${wrongBy.words}, likeness ${wrongBy.likeness}, signals alone ${wrongBy.signals}`);
perRootCause.print();
if (verbose) console.log(`Wrong first answers:\n${misses.join('\n')}`);
if (tallySignals) {
  console.log('Signals behind wrong answers on signals alone (count, pattern that answered, signal):');
  for (const [key, k] of [...bySignal].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(k).padStart(3)} ${key}`);
}
