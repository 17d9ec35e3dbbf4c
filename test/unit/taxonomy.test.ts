import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose, defaultTaxonomy, firstCandidate } from '../../src/core/diagnose';
import type { Pattern } from '../../src/core/types';
import { FIXTURES, readFixture, ROOT, sourcePatterns } from '../helpers/fixtures';

// The build's own checker, run as a process: the test checks exactly what the build checks.
function check(...args: string[]): { code: number; output: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-taxonomy.mjs'), ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, output: r.stdout + r.stderr };
}

/** The source patterns with their example texts, read straight from taxonomy/ and test/fixtures/. */
function patternsWithTexts(): { pattern: Pattern; texts: { fixture: string; text: string }[] }[] {
  return sourcePatterns().map((pattern) => ({
    pattern,
    texts: pattern.examples.map((e) => ({ fixture: e.fixture, text: readFixture(join(FIXTURES, 'patterns', e.fixture)).text })),
  }));
}

describe('taxonomy', () => {
  it('validates against the schema and the vocabulary with no problem', () => {
    const r = check();
    assert.equal(r.code, 0, r.output);
    const count = sourcePatterns().length;
    assert.ok(count >= 80, `${count} patterns`);
  });

  it('covers every root cause of the vocabulary', () => {
    const tax = defaultTaxonomy();
    for (const rc of tax.vocabulary.rootCauses) {
      if (rc.id === 'none') continue;
      assert.ok(tax.patterns.some((p) => p.rootCause === rc.id), `no pattern for ${rc.id}`);
    }
  });

  it('reports a malformed pattern with its file, id and reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-tax-'));
    mkdirSync(join(dir, 'patterns'));
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'patterns', 'broken.json'), JSON.stringify({ patterns: [{ id: 'bad-one', title: 'A title long enough', summary: 'A summary that is long enough.', rootCause: 'cosmic-rays', bugType: 'api', impacts: ['crash'], signals: { messagePatterns: [{ regex: '(a+)+$' }, { regex: 'Target -?\\d+ is out of [^\\]]{0,20}\\w{2,}' }] }, explanation: 'An explanation that is long enough to pass the schema.', fixes: [{ title: 'Do it' }], references: [{ url: 'https://example.org/x' }], examples: [{ fixture: 'bad-one.1.txt', source: 'https://example.org/x' }] }] }));
    writeFileSync(join(dir, 'patterns', 'syntax.json'), '{ "patterns": [ ');
    writeFileSync(join(dir, 'patterns', 'schema.json'), JSON.stringify({ patterns: [{ id: 'no-fixes', title: 'short' }] }));
    const r = check('--patterns', join(dir, 'patterns'), '--fixtures', join(dir, 'fixtures'));
    assert.equal(r.code, 1);
    const all = r.output;
    assert.match(all, /broken\.json: pattern bad-one: rootCause "cosmic-rays" is not a root cause/);
    assert.match(all, /broken\.json: pattern bad-one: regex \/\(a\+\)\+\$\/ has a quantified group containing a quantifier/);
    // Both unbounded repeats are named; the bounded {0,20} and the escaped "]" inside the class are not.
    assert.match(all, /pattern bad-one: regex \/Target -\?\\d\+ is out of \[\^\\\]\]\{0,20\}\\w\{2,\}\/ has an unbounded repeat \("\\d\+", "\\w\{2,\}"\)/);
    assert.match(all, /regex \/\(a\+\)\+\$\/ has an unbounded repeat \("a\+", "\(a\+\)\+"\)/);
    assert.match(all, /broken\.json: pattern bad-one: example fixture test\/fixtures\/patterns\/bad-one\.1\.txt is missing/);
    assert.match(all, /syntax\.json: not valid JSON/);
    assert.match(all, /schema\.json: pattern no-fixes: \/ must have required property 'fixes'/);
    assert.match(all, /schema\.json: pattern no-fixes: \/title must NOT have fewer than 10 characters/);
  });

  it('names a pattern file out of the one JSON form, and format:taxonomy rewrites it without escaping its text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-fmt-'));
    mkdirSync(join(dir, 'patterns'));
    mkdirSync(join(dir, 'fixtures'));
    const data = { patterns: [{ id: 'cjk-one', title: '中文分词 title long enough', impacts: ['crash'] }] };
    // Inline arrays and no final newline: valid JSON, but not the form every other file has.
    const hand = JSON.stringify(data, null, 2).replace('[\n        "crash"\n      ]', '["crash"]');
    writeFileSync(join(dir, 'patterns', 'hand.json'), hand);
    writeFileSync(join(dir, 'patterns', 'broken.json'), '{ "patterns": [ ');
    const before = check('--patterns', join(dir, 'patterns'), '--fixtures', join(dir, 'fixtures'));
    assert.match(before.output, /hand\.json: not in the form JSON\.stringify\(data, null, 2\) \+ newline: run npm run format:taxonomy/);
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'format-taxonomy.mjs'), '--patterns', join(dir, 'patterns')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /formatted 1 pattern file/);
    assert.equal(readFileSync(join(dir, 'patterns', 'hand.json'), 'utf8'), JSON.stringify(data, null, 2) + '\n');
    assert.equal(readFileSync(join(dir, 'patterns', 'broken.json'), 'utf8'), '{ "patterns": [ ', 'invalid JSON is left for the check to report');
    const after = check('--patterns', join(dir, 'patterns'), '--fixtures', join(dir, 'fixtures'));
    assert.doesNotMatch(after.output, /not in the form/);
    assert.match(after.output, /broken\.json: not valid JSON/);
  });

  it('gives a clear error, not a crash, for a damaged compiled bundle', () => {
    assert.throws(() => diagnose('ValueError: x', { taxonomy: { version: 1 } as never }), /taxonomy bundle is malformed/);
    const bad = { version: 1, vocabulary: defaultTaxonomy().vocabulary, patterns: [{ ...defaultTaxonomy().patterns[0]!, id: 'x', signals: { messagePatterns: [{ regex: '(' }] } }] };
    assert.throws(() => diagnose('ValueError: x', { taxonomy: bad as never }), /pattern x: invalid regex/);
  });

  describe('every real example ranks its own pattern first', () => {
    for (const { pattern, texts } of patternsWithTexts()) {
      for (const { fixture, text } of texts) {
        it(`${fixture} → ${pattern.id}`, () => {
          const top = firstCandidate(text);
          assert.equal(top?.id, pattern.id, `ranked first: ${top ? `${top.id} (${top.confidence})` : 'no confident match'}`);
        });
      }
    }
  });
});
