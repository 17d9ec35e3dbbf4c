// `npm run eval`: accuracy of the core on the held-out corpus, beside a plain fuse.js search.
import { join } from 'node:path';
import { figures, loadAllCases, loadCases, loadExposed, runCore, runNaiveFuse, type Figures, type Outcome } from './evaluate';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const dir = join(__dirname, '..', '..', 'test', 'eval', 'cases');
const cases = loadCases(dir);
const exposed = loadExposed(dir);

function time<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const r = f();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

const [core, coreMs] = time(() => runCore(cases));
// `--core-only` skips the naive search (minutes) while iterating; the figures need both.
const coreOnly = process.argv.includes('--core-only');
const naive = coreOnly ? undefined : time(() => runNaiveFuse(cases));
const a = figures(core);
// The same figures without the cases whose topic reached pattern writers (test/eval/exposed.json).
const u = figures(core.filter((o) => !exposed.has(o.c.id)));
const b = naive && figures(naive[0]);
// `--summary` prints the figures without the case-by-case lists, for whoever briefs pattern writers.
const summary = process.argv.includes('--summary');

const row = (name: string, f: (x: Figures) => string): string =>
  `  ${name.padEnd(34)} ${f(a).padStart(10)} ${f(u).padStart(12)} ${(b ? f(b) : 'skipped').padStart(12)}`;
const dropped = loadAllCases(dir).length - cases.length;
console.log(`Evaluation corpus: ${a.reuse} reuse cases, ${a.unrelated} unrelated cases (test/eval/cases; ${dropped} left out because a pattern example or reference comes from the same thread)`);
// Most exposed cases were misses when exposed, so the column is higher than "core" by
// construction: compare it with itself before and after a change, never with "core".
console.log(`"unexposed": without the ${cases.length - u.reuse - u.unrelated} cases whose topic or repository reached pattern writers (test/eval/exposed.json);`);
console.log('most were misses when exposed, so compare this column with itself across changes, not with "core"\n');
console.log(`  ${''.padEnd(34)} ${'core'.padStart(10)} ${'unexposed'.padStart(12)} ${'naive fuse'.padStart(12)}`);
console.log(row('root cause top-1', (x) => pct(x.top1)));
console.log(row('root cause top-3', (x) => pct(x.top3)));
console.log(row(`pattern top-1 (${a.patternCases} labelled)`, (x) => (x.patternCases ? pct(x.patternTop1) : 'n/a')));
console.log(row(`pattern top-3 (${a.patternCases} labelled)`, (x) => (x.patternCases ? pct(x.patternTop3) : 'n/a')));
console.log(row('reuse cases with no confident match', (x) => pct(x.noMatch)));
console.log(row('false positives on unrelated', (x) => pct(x.falsePositive)));
console.log(`  ${'time for the corpus'.padEnd(34)} ${(coreMs.toFixed(0) + ' ms').padStart(10)} ${''.padStart(12)} ${(naive ? naive[1].toFixed(0) + ' ms' : 'skipped').padStart(12)}`);

console.log('\nPer root cause (core): n, top-1, top-3; labelled with a pattern, pattern top-1');
for (const [rc, r] of [...a.perRootCause].sort((x, y) => x[1].top1 / x[1].n - y[1].top1 / y[1].n)) {
  const pattern = r.labelled ? pct(r.patternTop1 / r.labelled) : '-';
  console.log(`  ${rc.padEnd(34)} ${String(r.n).padStart(4)} ${pct(r.top1 / r.n).padStart(8)} ${pct(r.top3 / r.n).padStart(8)} ${String(r.labelled).padStart(6)} ${pattern.padStart(8)}`);
}

// A case without a fitting pattern can only be right through another pattern of its root cause
// (`npm run dev:since -- REV --novel` measures that situation on development data).
console.log('\nReuse cases with and without a labelled pattern (none fitted, or it was ambiguous; core): n, top-1, top-3, no confident match');
for (const [name, labelled] of [['labelled with a pattern', true], ['no pattern label', false]] as const) {
  const f = figures(core.filter((o) => o.c.kind === 'reuse' && Boolean(o.c.expectedPattern) === labelled));
  console.log(`  ${name.padEnd(34)} ${String(f.reuse).padStart(4)} ${pct(f.top1).padStart(8)} ${pct(f.top3).padStart(8)} ${pct(f.noMatch).padStart(8)}`);
}

console.log('\nCalibration (core, top candidate): confidence bin → cases, share right');
for (const [lo, hi] of [[0.5, 0.6], [0.6, 0.7], [0.7, 0.8], [0.8, 0.9], [0.9, 1.01]] as const) {
  const inBin = core.filter((o) => o.confidence >= lo && o.confidence < hi);
  const right = inBin.filter((o) => o.rootCauses[0] === o.c.expectedRootCause).length;
  console.log(`  [${lo.toFixed(1)}, ${Math.min(hi, 1).toFixed(1)})  ${String(inBin.length).padStart(4)}  ${inBin.length ? pct(right / inBin.length) : '-'}`);
}

if (summary) process.exit(0);

console.log(`\nMisses (core): ${a.misses.length}`);
const short = (o: Outcome): string => o.c.text.replace(/\s+/g, ' ').slice(0, 90);
for (const o of a.misses) console.log(`  ${o.c.id.padEnd(6)} expected ${o.c.expectedRootCause.padEnd(30)} got ${o.rootCauses.slice(0, 2).join(', ').padEnd(40)} ${short(o)}`);

console.log(`\nPattern-level misses (core): ${a.patternMisses.length} of ${a.patternCases} labelled`);
for (const o of a.patternMisses) console.log(`  ${o.c.id.padEnd(6)} expected ${o.c.expectedPattern!.padEnd(44)} got ${(o.patterns[0] ?? 'none').padEnd(44)}`);
