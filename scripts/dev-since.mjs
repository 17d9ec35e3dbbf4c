// Development measurement on reports the taxonomy was not written from, without touching the
// held-out eval corpus: the fixtures added after commit REV to patterns that already existed at
// REV are ranked by today's core with REV's taxonomy. Each taxonomy round adds such examples
// (another thread's report of a known bug), so they show how well the core generalises, and a
// change to the core can be measured on them before the eval is run.
//
// With --novel it asks the other question: the fixtures of patterns written after REV are bugs
// REV's taxonomy did not know at all, as a held-out case with no fitting pattern is. There the
// right outcomes are the bug's root cause (named through another pattern of it) or silence, and
// the harm is a confident wrong root cause.
//
//   npm run dev:since -- REV [-v] [--novel]      (-v lists the misses)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, FIXTURE_DIR, RootCauseTally, loadTaxonomy, compileTaxonomy, percent, readFixture, requireBuilt } from './taxonomy-lib.mjs';

const rev = process.argv[2];
const verbose = process.argv.includes('-v');
const novel = process.argv.includes('--novel');
if (!rev || rev.startsWith('-')) {
  console.error('usage: npm run dev:since -- REV [-v] [--novel]   (REV: the commit whose taxonomy is measured)');
  process.exit(2);
}
const { keysOfText } = requireBuilt('example-keys.cjs');
const { diagnose, leadCandidates, isWordGuess, stageOf, threadOf } = requireBuilt('diagnose.cjs');

// REV's taxonomy and fixtures, compiled below exactly as the build compiles today's.
let tar;
try {
  tar = execFileSync('git', ['-C', ROOT, 'archive', rev, 'taxonomy/patterns', 'test/fixtures/patterns'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
} catch {
  console.error(`${rev} is not a commit of this clone with a taxonomy (a shallow clone lacks old commits: git fetch --unshallow)`);
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'reuse-doctor-since-'));
try {
  execFileSync('tar', ['-x', '-C', tmp], { input: tar });
  const old = loadTaxonomy({ boundedRepeats: false, patternDir: join(tmp, 'taxonomy/patterns'), fixtureDir: join(tmp, 'test/fixtures/patterns') });
  if (old.errors.length) throw new Error(`the taxonomy at ${rev} does not load:\n  ${old.errors.slice(0, 5).join('\n  ')}`);
  const compiled = compileTaxonomy(old, keysOfText);
  // Today's core (the build's unbundled copy), told to use REV's taxonomy: the candidates a user sees first.
  const lead = (text, options = {}) => leadCandidates(diagnose(text, { ...options, taxonomy: compiled }));

  // The cases: new fixtures of old patterns (--novel: of new patterns, with today's root cause),
  // from threads none of REV's examples came from.
  const oldCause = new Map(compiled.patterns.map((p) => [p.id, p.rootCause]));
  const rootCause = novel
    ? new Map(loadTaxonomy({ fixtures: false }).patterns.filter((x) => !oldCause.has(x.pattern.id)).map((x) => [x.pattern.id, x.pattern.rootCause]))
    : oldCause;
  const oldFixtures = new Set(readdirSync(join(tmp, 'test/fixtures/patterns')));
  const oldSources = new Set(compiled.patterns.flatMap((p) => p.examples.map((e) => threadOf(e.source))));
  const cases = [];
  let sameThread = 0;
  for (const f of readdirSync(FIXTURE_DIR).sort()) {
    if (oldFixtures.has(f) || !f.endsWith('.txt')) continue;
    const fx = readFixture(join(FIXTURE_DIR, f));
    if (fx.malformed || !rootCause.has(fx.header.pattern)) continue;
    if (oldSources.has(threadOf(fx.header.source ?? ''))) { sameThread++; continue; }
    cases.push({ fixture: f, pattern: fx.header.pattern, text: fx.text });
  }
  if (!cases.length) console.log(`No fixtures were added since ${rev} to patterns that ${novel ? 'did not exist' : 'existed'} then.`);
  else report(lead, cases, rootCause, sameThread);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** Ranks the cases with today's core and REV's taxonomy, and prints the figures. */
function report(lead, cases, rootCause, sameThread) {
  let p1 = 0, p3 = 0, r1 = 0, r3 = 0, none = 0;
  const misses = [];
  const perRootCause = new RootCauseTally();
  for (const c of cases) {
    const cands = lead(c.text, { top: 5 });
    const ids = cands.map((x) => x.id);
    const causes = [...new Set(cands.map((x) => x.rootCause))];
    const want = rootCause.get(c.pattern);
    perRootCause.add(want, causes[0] === want);
    if (!cands.length) none++;
    if (ids[0] === c.pattern) p1++;
    if (ids.slice(0, 3).includes(c.pattern)) p3++;
    if (causes[0] === want) r1++;
    else misses.push({ stage: cands[0] && stageOf(cands[0]), line: `  ${c.fixture.padEnd(60)} got ${ids[0] ?? 'none'} ${cands[0] ? `${cands[0].confidence.toFixed(2)} (${evidenceKinds(cands[0])})` : ''}` });
    if (causes.slice(0, 3).includes(want)) r3++;
  }
  const pct = (x) => percent(x, cases.length);
  console.log(`${cases.length} fixtures added since ${rev} to ${new Set(cases.map((c) => c.pattern)).size} patterns that ${novel ? 'did not exist' : 'existed'} then (${sameThread} more left out: same thread as an older example)`);
  if (novel) {
    // No pattern can be right: what counts is the root cause, or silence, against a confident wrong answer.
    const wrong = cases.length - r1 - none;
    console.log(`  root cause top-1 ${pct(r1)}, top-3 ${pct(r3)}; no confident match ${pct(none)}; a wrong root cause first ${pct(wrong)}`);
    const stages = new Map();
    for (const m of misses) if (m.stage) stages.set(m.stage, (stages.get(m.stage) ?? 0) + 1);
    console.log(`  the wrong first answers rested on: ${[...stages].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  } else console.log(`  pattern top-1 ${pct(p1)}, top-3 ${pct(p3)}; root cause top-1 ${pct(r1)}, top-3 ${pct(r3)}; no confident match ${pct(none)}`);
  perRootCause.print();
  // The other side of the trade: non-NLP training reports (vision, tabular, RL) that should get
  // no word-based guess; signals may still rightly name a generic CUDA OOM among them.
  const adjacent = join(ROOT, 'test/fixtures/ml-adjacent');
  if (existsSync(adjacent)) {
    let answered = 0, guessed = 0, total = 0;
    for (const f of readdirSync(adjacent).filter((x) => x.endsWith('.txt'))) {
      total++;
      const top = lead(readFixture(join(adjacent, f)).text)[0];
      if (top) answered++;
      if (top && isWordGuess(top)) guessed++;
    }
    console.log(`Non-NLP training reports (test/fixtures/ml-adjacent): ${answered}/${total} answered, ${guessed} of them by a word guess`);
  }
  if (verbose) console.log(`Misses (root cause):\n${misses.map((m) => m.line).join('\n')}`);
}

/** What a candidate rests on, e.g. "regex+context+words": which stage a wrong answer came from. */
function evidenceKinds(c) {
  return [...new Set(c.evidenceDetail.filter((e) => e.weight > 0).map((e) => e.kind))].join('+');
}
