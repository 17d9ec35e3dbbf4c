// Development measurement at today's scale, without the held-out eval corpus: each sampled
// pattern is left out of today's taxonomy in turn, and its own examples are ranked by the rest.
// That is a bug the taxonomy does not know, as a held-out case with no fitting pattern is, but
// against the whole of today's taxonomy rather than an old commit's (`dev:since --novel`). The
// right outcome is the bug's root cause (through another pattern of it) or silence; the harm is a
// confident wrong root cause.
//
//   npm run dev:without -- [--every N] [--offset K] [-v]   (every Nth pattern by id, default 5)
import { join } from 'node:path';
import { FIXTURE_DIR, argValue, loadTaxonomy, compileTaxonomy, readFixture, requireBuilt } from './taxonomy-lib.mjs';

const every = Number(argValue('--every') ?? 5);
const offset = Number(argValue('--offset') ?? 0);
const verbose = process.argv.includes('-v');
if (!(every >= 1) || !(offset >= 0)) {
  console.error('usage: npm run dev:without -- [--every N] [--offset K] [-v]');
  process.exit(2);
}
const { keysOfText } = requireBuilt('example-keys.cjs');
const { diagnose, leadCandidates } = requireBuilt('diagnose.cjs');

const compiled = compileTaxonomy(loadTaxonomy({}), keysOfText);
const sorted = [...compiled.patterns].sort((a, b) => a.id.localeCompare(b.id));
const sample = sorted.filter((_, i) => i % every === offset % every);
let n = 0, r1 = 0, r3 = 0, none = 0;
const perRootCause = new Map();
const misses = [];
for (const left of sample) {
  // A taxonomy object of its own, so each stage's index is built without the pattern.
  const taxonomy = { ...compiled, patterns: compiled.patterns.filter((p) => p !== left) };
  for (const ex of left.examples) {
    const fx = readFixture(join(FIXTURE_DIR, ex.fixture));
    if (fx.malformed) continue;
    const cands = leadCandidates(diagnose(fx.text, { top: 5, taxonomy }));
    const causes = [...new Set(cands.map((c) => c.rootCause))];
    const want = left.rootCause;
    const r = perRootCause.get(want) ?? { n: 0, top1: 0 };
    n++;
    r.n++;
    if (!cands.length) none++;
    if (causes[0] === want) {
      r1++;
      r.top1++;
    } else if (cands.length) misses.push(`  ${ex.fixture.padEnd(64)} got ${cands[0].id} ${cands[0].confidence.toFixed(2)} (${cands[0].rootCause})`);
    if (causes.slice(0, 3).includes(want)) r3++;
    perRootCause.set(want, r);
  }
}
const pct = (x, d = n) => `${((100 * x) / d).toFixed(1)}%`;
console.log(`${sample.length} patterns left out in turn (every ${every}th by id, offset ${offset % every}), ${n} examples ranked by the rest of today's taxonomy`);
console.log(`  root cause top-1 ${pct(r1)}, top-3 ${pct(r3)}; no confident match ${pct(none)}; a wrong root cause first ${pct(n - r1 - none)}`);
console.log('Per root cause: n, root cause top-1');
for (const [rc, r] of [...perRootCause].sort((a, b) => a[1].top1 / a[1].n - b[1].top1 / b[1].n)) console.log(`  ${rc.padEnd(34)} ${String(r.n).padStart(4)} ${pct(r.top1, r.n).padStart(7)}`);
if (verbose) console.log(`Wrong first answers:\n${misses.join('\n')}`);
