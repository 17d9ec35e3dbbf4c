// Signals that read like topic words: a pattern's phrase or message regex that the examples of
// many OTHER patterns also contain. A signal every error of a library shows (its name, a frame
// every call passes, a config key) lets the pattern claim bugs it knows nothing about: the wrong
// confident answers on unknown bugs (`dev:without`, `dev:since --novel`) that rest on signals
// alone, not on shared words, mostly come from such signals. This lists them for review; it changes nothing, and a broad signal can still be right
// (a weight-1 phrase under a weight-3 message), so each needs a look.
//
//   node scripts/dev-broad.mjs [--min N] [--file round33-x.json]   (default: shared by ≥ 8 other patterns)
import { join } from 'node:path';
import { FIXTURE_DIR, loadTaxonomy, readFixture } from './taxonomy-lib.mjs';

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const min = Number(arg('--min') ?? 8);
const onlyFile = arg('--file');
if (!(min >= 1)) {
  console.error('usage: npm run dev:broad -- [--min N] [--file round33-x.json]');
  process.exit(2);
}

const { patterns } = loadTaxonomy({ fixtures: false });
// One lower-cased text per pattern: all its examples joined, so "patterns containing" is one test each.
const texts = patterns.map(({ pattern: p }) =>
  p.examples.map((e) => readFixture(join(FIXTURE_DIR, e.fixture))).filter((f) => !f.malformed).map((f) => f.text).join('\n'),
);
const lowers = texts.map((t) => t.toLowerCase());

const rows = [];
patterns.forEach(({ pattern: p, file }, i) => {
  if (onlyFile && !file.endsWith(onlyFile)) return;
  const others = (test) => {
    const ids = [];
    const causes = new Set();
    patterns.forEach(({ pattern: q }, j) => {
      if (j !== i && test(j)) {
        ids.push(q.id);
        causes.add(q.rootCause);
      }
    });
    return { ids, causes };
  };
  const report = (kind, signal, weight, hit) => {
    if (hit.ids.length >= min) rows.push({ n: hit.ids.length, line: `${p.id}  ${kind} ${JSON.stringify(signal)} w${weight}  in ${hit.ids.length} other patterns (${hit.causes.size} root causes), e.g. ${hit.ids.slice(0, 3).join(', ')}` });
  };
  for (const ph of p.signals.phrases ?? []) {
    const text = (typeof ph === 'string' ? ph : ph.text).toLowerCase();
    report('phrase', text, typeof ph === 'string' ? 1 : ph.weight ?? 1, others((j) => lowers[j].includes(text)));
  }
  for (const m of p.signals.messagePatterns ?? []) {
    const re = new RegExp(m.regex, 'i');
    report('regex', m.regex, m.weight ?? 1, others((j) => re.test(texts[j])));
  }
});
rows.sort((a, b) => b.n - a.n);
for (const r of rows) console.log(r.line);
console.log(`${rows.length} signals found in the examples of at least ${min} other patterns`);
