// Signals that read like topic words: a pattern's phrase or message regex that the examples of
// many OTHER patterns also contain. A signal every error of a library shows (its name, a frame
// every call passes, a config key) lets the pattern claim bugs it knows nothing about: the wrong
// confident answers on unknown bugs (`dev:without`, `dev:since --novel`) that rest on signals
// alone, not on shared words, mostly come from such signals. This lists them for review; it
// changes nothing, and a broad signal can still be right (a weight-1 phrase under a weight-3
// message), so each needs a look.
//
//   node scripts/dev-broad.mjs [--min N] [--file round33-x.json]   (default: shared by ≥ 8 other patterns)
import { join } from 'node:path';
import { FIXTURE_DIR, argValue, loadTaxonomy, readFixture } from './taxonomy-lib.mjs';

const min = Number(argValue('--min') ?? 8);
const onlyFile = argValue('--file');
if (!(min >= 1)) {
  console.error('usage: npm run dev:broad -- [--min N] [--file round33-x.json]');
  process.exit(2);
}

const { patterns } = loadTaxonomy({ fixtures: false });
// One text per pattern: all its examples joined, so "patterns containing" is one test each.
const texts = patterns.map(({ pattern: p }) =>
  p.examples.map((e) => readFixture(join(FIXTURE_DIR, e.fixture))).filter((f) => !f.malformed).map((f) => f.text).join('\n'),
);
const lowers = texts.map((t) => t.toLowerCase());

// Many patterns share a phrase or a regex: each distinct signal is matched against every text once.
const matched = new Map();
function patternsMatching(kind, signal) {
  const key = `${kind}\u0000${signal}`;
  let hits = matched.get(key);
  if (!hits) {
    const re = kind === 'regex' ? new RegExp(signal, 'i') : undefined;
    hits = [];
    patterns.forEach((_, j) => {
      if (re ? re.test(texts[j]) : lowers[j].includes(signal)) hits.push(j);
    });
    matched.set(key, hits);
  }
  return hits;
}

const rows = [];
patterns.forEach(({ pattern: p, file }, i) => {
  if (onlyFile && !file.endsWith(onlyFile)) return;
  const report = (kind, signal, weight) => {
    const others = patternsMatching(kind, signal).filter((j) => j !== i).map((j) => patterns[j].pattern);
    if (others.length < min) return;
    const causes = new Set(others.map((q) => q.rootCause)).size;
    rows.push({ n: others.length, line: `${p.id}  ${kind} ${JSON.stringify(signal)} w${weight}  in ${others.length} other patterns (${causes} root causes), e.g. ${others.slice(0, 3).map((q) => q.id).join(', ')}` });
  };
  for (const ph of p.signals.phrases ?? []) {
    report('phrase', (typeof ph === 'string' ? ph : ph.text).toLowerCase(), typeof ph === 'string' ? 1 : ph.weight ?? 1);
  }
  for (const m of p.signals.messagePatterns ?? []) report('regex', m.regex, m.weight ?? 1);
});
rows.sort((a, b) => b.n - a.n);
for (const r of rows) console.log(r.line);
console.log(`${rows.length} signals found in the examples of at least ${min} other patterns`);
