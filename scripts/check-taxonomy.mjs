#!/usr/bin/env node
// Checks the taxonomy: schema, vocabulary ids, unique ids, fixtures, regex screens, and that each
// pattern file is in the one form `npm run format:taxonomy` writes.
//   --redos  also run the recheck ReDoS checker on every regex (slower)
//   --rank   also build and check that every example ranks its own pattern first
//   --file F only report problems of taxonomy/patterns/F
//   --patterns DIR --fixtures DIR  check another taxonomy (tests)
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { ROOT, loadTaxonomy, requireBuilt } from './taxonomy-lib.mjs';

const args = process.argv.slice(2);
const only = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
const keep = (msg) => !only || msg.includes(only);
const dirArg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const loaded = loadTaxonomy({
  ...(dirArg('--patterns') ? { patternDir: dirArg('--patterns') } : {}),
  ...(dirArg('--fixtures') ? { fixtureDir: dirArg('--fixtures') } : {}),
});
const problems = loaded.errors.filter(keep);
// Hand edits and scripted ones must give the same bytes (a Python json.dumps once escaped a file's
// Chinese text); the formatter fixes every file this names.
for (const { file } of loaded.unformatted) {
  if (keep(file)) problems.push(`${file}: not in the form JSON.stringify(data, null, 2) + newline: run npm run format:taxonomy`);
}

if (args.includes('--redos')) {
  // The same rule as the unit test; with --file only that file's regexes are checked (it is slow).
  const { regexesOf, regexProblem } = await import('./regex-safety.mjs');
  for (const { pattern, file } of loaded.patterns) {
    if (only && basename(file) !== only) continue;
    for (const regex of regexesOf(pattern)) {
      const problem = regexProblem(regex);
      if (problem) problems.push(`${file}: pattern ${pattern.id}: regex /${regex}/ is ${problem}`);
    }
  }
}

if (args.includes('--rank') && loaded.errors.length === 0) {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  const { firstCandidate } = requireBuilt('diagnose.cjs');
  for (const { pattern, file, texts } of loaded.patterns) {
    for (const { fixture, text } of texts) {
      const top = firstCandidate(text);
      if (!top || top.id !== pattern.id) {
        const got = top ? `${top.id} (${top.confidence})` : 'no confident match';
        problems.push(`${file}: pattern ${pattern.id}: example ${fixture} ranks ${got} first`);
      }
    }
  }
}

if (problems.length) {
  console.error(`${problems.length} problem(s):\n` + problems.map((p) => '  ' + p).join('\n'));
  process.exit(1);
}
console.log(`taxonomy ok: ${loaded.patterns.length} patterns`);
