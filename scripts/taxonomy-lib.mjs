// Loads, validates and compiles the taxonomy. Used by the build, by check-taxonomy.mjs and by
// the schema test. Every problem names the file, the pattern id and the reason.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { regexesOf, unboundedRepeats } from './regex-rules.mjs';

export const ROOT = new URL('..', import.meta.url).pathname;
export const TAXONOMY_DIR = join(ROOT, 'taxonomy');
export const PATTERN_DIR = join(TAXONOMY_DIR, 'patterns');
export const FIXTURE_DIR = join(ROOT, 'test', 'fixtures', 'patterns');

/** `# source:` / `# pattern:` header, then `# ---`, then the verbatim text. */
/**
 * A module the build emits in out/tools/ (diagnose.cjs, example-keys.cjs), for the scripts that
 * run today's core; a clear message instead of a stack trace when the build has not run.
 */
export function requireBuilt(name) {
  const path = join(ROOT, 'out', 'tools', name);
  if (!existsSync(path)) {
    console.error(`run \`node scripts/build.mjs\` first (${relative(ROOT, path)} is missing)`);
    process.exit(2);
  }
  return createRequire(import.meta.url)(path);
}

/** The value after `--name` on the command line of a dev script, or undefined. */
export function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A share as the dev scripts print it: one decimal and a percent sign. */
export const percent = (x, n) => `${((100 * x) / n).toFixed(1)}%`;

/** Root cause top-1 per expected root cause, counted case by case and printed worst first. */
export class RootCauseTally {
  rows = new Map();
  add(rootCause, right) {
    const r = this.rows.get(rootCause) ?? { n: 0, top1: 0 };
    r.n++;
    if (right) r.top1++;
    this.rows.set(rootCause, r);
  }
  print() {
    console.log('Per root cause: n, root cause top-1');
    for (const [rc, r] of [...this.rows].sort((a, b) => a[1].top1 / a[1].n - b[1].top1 / b[1].n)) console.log(`  ${rc.padEnd(34)} ${String(r.n).padStart(4)} ${percent(r.top1, r.n).padStart(7)}`);
  }
}

export function readFixture(path) {
  const raw = readFileSync(path, 'utf8');
  const sep = raw.indexOf('\n# ---');
  if (!raw.startsWith('#') || sep < 0) return { header: {}, text: raw, malformed: true };
  const header = {};
  for (const line of raw.slice(0, sep).split('\n')) {
    const m = /^#\s*([a-z]+):\s*(.+?)\s*$/.exec(line);
    if (m) header[m[1]] = m[2];
  }
  const bodyStart = raw.indexOf('\n', sep + 1);
  return { header, text: bodyStart < 0 ? '' : raw.slice(bodyStart + 1), malformed: false };
}

// Cheap structural screen for super-linear regexes; the ReDoS test runs a real checker (recheck).
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*{]/;
const BACKREFERENCE = /\\[1-9]|\\k</;

/**
 * `boundedRepeats: false` is for measuring an old commit's taxonomy (dev:since): those predate the
 * bounded-repeat rule, and their regexes are only matched, never shipped. `unformatted` lists the
 * files not in the one form `format:taxonomy` writes (`JSON.stringify(data, null, 2)` and a
 * newline), with the text they should have: the check reports them, the build does not care.
 */
export function loadTaxonomy({ fixtures = true, skipInvalid = false, boundedRepeats = true, patternDir = PATTERN_DIR, fixtureDir = FIXTURE_DIR } = {}) {
  const errors = [];
  const vocabulary = JSON.parse(readFileSync(join(TAXONOMY_DIR, 'vocabulary.json'), 'utf8'));
  const schema = JSON.parse(readFileSync(join(TAXONOMY_DIR, 'pattern.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const ids = (k) => new Set(vocabulary[k].map((t) => t.id));
  const rootCauses = ids('rootCauses');
  const bugTypes = ids('bugTypes');
  const impacts = ids('impacts');
  const patterns = [];
  const unformatted = [];
  const seen = new Map();
  const files = existsSync(patternDir) ? readdirSync(patternDir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of files) {
    const file = relative(ROOT, join(patternDir, f));
    const text = readFileSync(join(patternDir, f), 'utf8');
    let data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      errors.push(`${file}: not valid JSON: ${e.message}`);
      continue;
    }
    const formatted = JSON.stringify(data, null, 2) + '\n';
    if (text !== formatted) unformatted.push({ path: join(patternDir, f), file, formatted });
    if (!validate(data)) {
      for (const err of validate.errors) {
        const m = /^\/patterns\/(\d+)/.exec(err.instancePath);
        const p = m ? data.patterns?.[Number(m[1])] : undefined;
        const where = p ? `pattern ${p.id ?? '#' + m[1]}` : 'file';
        errors.push(`${file}: ${where}: ${err.instancePath.replace(/^\/patterns\/\d+/, '') || '/'} ${err.message}`);
      }
      continue;
    }
    for (const p of data.patterns) {
      const at = `${file}: pattern ${p.id}`;
      if (seen.has(p.id)) errors.push(`${at}: id already used in ${seen.get(p.id)}`);
      seen.set(p.id, file);
      if (!rootCauses.has(p.rootCause) || p.rootCause === 'none') errors.push(`${at}: rootCause "${p.rootCause}" is not a root cause of vocabulary.json (and never "none")`);
      if (!bugTypes.has(p.bugType)) errors.push(`${at}: bugType "${p.bugType}" is not in vocabulary.json`);
      for (const i of p.impacts) if (!impacts.has(i)) errors.push(`${at}: impact "${i}" is not in vocabulary.json`);
      for (const regex of regexesOf(p)) {
        try { new RegExp(regex, 'i'); } catch (e) { errors.push(`${at}: regex /${regex}/ does not compile: ${e.message}`); continue; }
        if (NESTED_QUANTIFIER.test(regex)) errors.push(`${at}: regex /${regex}/ has a quantified group containing a quantifier (possible catastrophic backtracking)`);
        if (BACKREFERENCE.test(regex)) errors.push(`${at}: regex /${regex}/ uses a backreference (not linear-time)`);
        const unbounded = boundedRepeats ? unboundedRepeats(regex) : [];
        if (unbounded.length) errors.push(`${at}: regex /${regex}/ has an unbounded repeat (${unbounded.map((u) => `"${u}"`).join(', ')}): bound it, e.g. [^\\n]{0,200} for .*, \\d{1,12} for \\d+, \\s{0,10} for \\s*`);
      }
      const texts = [];
      if (fixtures) {
        for (const ex of p.examples) {
          const path = join(fixtureDir, ex.fixture);
          if (!ex.fixture.startsWith(p.id + '.')) errors.push(`${at}: example ${ex.fixture} must be named ${p.id}.<n>.txt`);
          if (!existsSync(path)) { errors.push(`${at}: example fixture test/fixtures/patterns/${ex.fixture} is missing`); continue; }
          const fx = readFixture(path);
          if (fx.malformed) { errors.push(`${at}: fixture ${ex.fixture} lacks the "# source: … / # ---" header`); continue; }
          if (fx.header.source !== ex.source) errors.push(`${at}: fixture ${ex.fixture} says source ${fx.header.source ?? '(none)'} but the pattern says ${ex.source}`);
          if (fx.text.trim().length < 10) errors.push(`${at}: fixture ${ex.fixture} has no error text`);
          texts.push({ fixture: ex.fixture, text: fx.text });
        }
      }
      patterns.push({ pattern: p, file, texts });
    }
  }
  if (skipInvalid && errors.length) {
    const bad = new Set(errors.map((e) => /: pattern ([a-z0-9-]+)/.exec(e)?.[1]).filter(Boolean));
    return { vocabulary, patterns: patterns.filter((p) => !bad.has(p.pattern.id)), errors: [], skipped: errors, unformatted };
  }
  return { vocabulary, patterns, errors, unformatted };
}

/** The bundle the core ships: vocabulary + patterns + normalised example keys for fuzzy ranking. */
export function compileTaxonomy(loaded, keysOfText) {
  return {
    version: 1,
    vocabulary: loaded.vocabulary,
    patterns: loaded.patterns.map(({ pattern, texts }) => ({
      ...pattern,
      exampleKeys: [...new Set(texts.flatMap((t) => keysOfText(t.text)))].slice(0, 4),
    })),
  };
}
