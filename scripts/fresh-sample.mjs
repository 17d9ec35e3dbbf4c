// Figures of the fresh-report samples in test/dev/*-fresh-sample.tsv: real reports taken as a
// search returned them, each recorded with what the tool named BEFORE that round changed the
// taxonomy. So each file measures the taxonomy of its round's start on reports it had never
// seen, and successive files show whether coverage of the long tail grows.
// The reports' texts are not kept here: the ones a round used became pattern examples.
//
//   node scripts/fresh-sample.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadTaxonomy } from './taxonomy-lib.mjs';

const DIR = join(ROOT, 'test/dev');
const rootCause = new Map(loadTaxonomy({ fixtures: false }).patterns.map(({ pattern: p }) => [p.id, p.rootCause]));

/**
 * The pattern recorded as fitting a report: `id` (existed before the round), `new: id` (the
 * round wrote it), or words saying none was written (`new`, `one-off ...`).
 */
function fitting(column) {
  const written = /^new:\s*([\w.-]+)/i.exec(column);
  const id = written ? written[1] : /^new\b/i.test(column) ? '' : column.trim().split(/\s/)[0];
  const known = rootCause.has(id);
  return { id: known ? id : undefined, existed: known && !written };
}

const counts = () => ({ n: 0, first: 0, silent: 0, noPattern: 0, known: 0, causeRight: 0 });

const pct = (k, n) => (n ? `${((100 * k) / n).toFixed(0)}%` : '-').padStart(5);

for (const file of readdirSync(DIR).filter((f) => f.endsWith('-fresh-sample.tsv')).sort()) {
  const [header, ...rows] = readFileSync(join(DIR, file), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  const col = (name) => header.findIndex((h) => h.startsWith(name));
  const [eco, fit, first, firstCause] = [col('ecosystem'), col('pattern that fits'), col('first pattern'), col('its root cause')];
  const groups = new Map();
  for (const r of rows) {
    const fits = fitting(r[fit]);
    const named = r[first].trim().split(/\s/)[0];
    const g = groups.get(r[eco]) ?? counts();
    groups.set(r[eco], g);
    g.n++;
    if (named === 'none' || named === '-' || !named) g.silent++;
    if (!fits.existed) g.noPattern++;
    if (named === fits.id && fits.existed) g.first++;
    // The root cause is known where a pattern fits, whether it existed or the round wrote it.
    if (fits.id) {
      g.known++;
      if (r[firstCause].trim().split(/\s/)[0] === rootCause.get(fits.id)) g.causeRight++;
    }
  }
  const all = counts();
  for (const g of groups.values()) for (const k of Object.keys(all)) all[k] += g[k];
  console.log(`${file}: ${all.n} reports`);
  console.log('  ecosystem        n  fitting first  (of those it existed for)  silent  no pattern  root cause right (of those a pattern fits)');
  for (const [name, g] of [...[...groups].sort(), ['all', all]]) {
    console.log(`  ${name.padEnd(12)} ${String(g.n).padStart(5)}  ${pct(g.first, g.n)}          ${pct(g.first, g.n - g.noPattern)} of ${String(g.n - g.noPattern).padEnd(15)}    ${pct(g.silent, g.n)}   ${pct(g.noPattern, g.n)}       ${pct(g.causeRight, g.known)} of ${g.known}`);
  }
}
