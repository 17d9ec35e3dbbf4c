// Development measurement of precision on ordinary prose, without touching the held-out eval
// corpus: the Markdown documentation of this project's own dependencies (READMEs, changelogs in
// node_modules, present on every clone after `npm ci`) is real text that has nothing to do with
// model reuse. Each paragraph is diagnosed; every confident answer is a false positive, listed
// by pattern with two of its paragraphs, so over-broad prose signals show up by name.
//
//   npm run dev:prose [-- --files N]     (N Markdown files, a fixed sample; default 250)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, requireBuilt } from './taxonomy-lib.mjs';

const at = process.argv.indexOf('--files');
const limit = at > 0 ? Number(process.argv[at + 1]) : 250;
if (!Number.isInteger(limit) || limit < 1) {
  console.error('usage: npm run dev:prose [-- --files N]');
  process.exit(2);
}
const { diagnose, leadCandidates } = requireBuilt('diagnose.cjs');

/** Every Markdown file of at least 1 KB under dir (symlinks are not followed). */
function markdown(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) markdown(p, out);
    else if (e.isFile() && /\.md$/i.test(e.name) && statSync(p).size >= 1024) out.push(p);
  }
  return out;
}

// A fixed sample, the same on every machine with the same lockfile: ordered by a hash of the path.
const hash = (s) => createHash('sha1').update(s).digest('hex');
const files = markdown(join(ROOT, 'node_modules'))
  .map((p) => ({ p, k: hash(p.slice(ROOT.length)) }))
  .sort((a, b) => (a.k < b.k ? -1 : 1))
  .slice(0, limit)
  .map((x) => x.p);

const seen = new Set();
const byPattern = new Map();
let paragraphs = 0;
let answered = 0;
for (const f of files) {
  for (const para of readFileSync(f, 'utf8').split(/\n\s*\n/)) {
    const text = para.trim();
    // Prose only: code blocks and tables are not what a person pastes as a symptom.
    if (text.length < 40 || text.length > 2000 || text.startsWith('```') || text.startsWith('|') || seen.has(text)) continue;
    seen.add(text);
    paragraphs++;
    const top = leadCandidates(diagnose(text))[0];
    if (!top) continue;
    answered++;
    const e = byPattern.get(top.id) ?? { n: 0, examples: [] };
    e.n++;
    if (e.examples.length < 2) e.examples.push(`${top.confidence.toFixed(2)}  ${text.slice(0, 150).replace(/\s+/g, ' ')}`);
    byPattern.set(top.id, e);
  }
}
console.log(`${paragraphs} prose paragraphs from ${files.length} Markdown files in node_modules: ${answered} confident answers (${((100 * answered) / Math.max(1, paragraphs)).toFixed(2)}%)`);
for (const [id, e] of [...byPattern].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) {
  console.log(`${String(e.n).padStart(4)}  ${id}`);
  for (const x of e.examples) console.log(`        ${x}`);
}
