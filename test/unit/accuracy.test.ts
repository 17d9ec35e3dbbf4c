import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTaxonomy } from '../../src/core/diagnose';
import { threadOf } from '../../src/core/sources';
import { figures, loadAllCases, loadCases, loadExposed, runCore } from '../eval/evaluate';
import { ROOT, sourcePatterns } from '../helpers/fixtures';

/**
 * The threads patterns were written from (example sources and references), read from the files
 * themselves, not from the compiled taxonomy the eval uses (the build checks that each fixture's
 * source header is its example's source), and without the eval's taxonomyThreads(): a test
 * sharing it could not catch a reference it stopped counting.
 */
function citedThreads(): Set<string> {
  return new Set(sourcePatterns().flatMap((p) => [...p.references.map((r) => r.url), ...p.examples.map((e) => e.source)]).map(threadOf));
}

// The floor the README states (an HTML comment beside the accuracy table): the figures may rise,
// never slide back unnoticed.
describe('accuracy on the held-out corpus', () => {
  it('does not drop below the top-1, top-3 and pattern figures the README states', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- accuracy-floor: top1=([\d.]+) top3=([\d.]+) pattern=([\d.]+) -->/.exec(readme);
    assert.ok(m, 'README states the accuracy floor');
    const f = figures(runCore(loadCases(join(ROOT, 'test', 'eval', 'cases'))));
    assert.ok(f.reuse >= 150 && f.unrelated >= 30, `corpus: ${f.reuse} reuse, ${f.unrelated} unrelated`);
    assert.ok(f.top1 >= Number(m[1]), `top-1 ${f.top1.toFixed(3)} < ${m[1]}`);
    assert.ok(f.top3 >= Number(m[2]), `top-3 ${f.top3.toFixed(3)} < ${m[2]}`);
    assert.ok(f.patternTop1 >= Number(m[3]), `pattern top-1 ${f.patternTop1.toFixed(3)} < ${m[3]}`);
    assert.ok(f.falsePositive <= 0.05, `false positives ${f.falsePositive.toFixed(3)}`);
  });

  it('labels cases only with patterns that exist, under the case\'s own root cause', () => {
    const byId = new Map(defaultTaxonomy().patterns.map((p) => [p.id, p]));
    for (const c of loadAllCases(join(ROOT, 'test', 'eval', 'cases'))) {
      if (!c.expectedPattern) continue;
      const p = byId.get(c.expectedPattern);
      assert.ok(p, `${c.id}: expectedPattern ${c.expectedPattern} is not a pattern id`);
      assert.equal(p.rootCause, c.expectedRootCause, `${c.id}: ${c.expectedPattern} has root cause ${p.rootCause}`);
    }
  });

  it('holds out no case from a thread a pattern was written from (an example source or a reference)', () => {
    const used = citedThreads();
    const held = loadCases(join(ROOT, 'test', 'eval', 'cases'));
    const leaked = held.filter((c) => used.has(threadOf(c.source))).map((c) => c.id);
    assert.deepEqual(leaked, []);
    assert.ok(held.length < loadAllCases(join(ROOT, 'test', 'eval', 'cases')).length, 'some cases share a thread with the taxonomy and are left out');
  });

  it('leaves out exactly the cases shared-threads.json lists, so a new citation of a held-out thread fails here', () => {
    // Round 35 found one such leak only because the eval's corpus shrank by a case.
    const used = citedThreads();
    const shared = loadAllCases(join(ROOT, 'test', 'eval', 'cases')).filter((c) => used.has(threadOf(c.source))).map((c) => c.id);
    const listed = (JSON.parse(readFileSync(join(ROOT, 'test', 'eval', 'shared-threads.json'), 'utf8')) as { cases: string[] }).cases;
    assert.deepEqual(shared.filter((id) => !listed.includes(id)), [], 'the taxonomy now cites these held-out cases\' threads');
    assert.deepEqual(listed.filter((id) => !shared.includes(id)), [], 'shared-threads.json lists cases whose thread no pattern cites any more');
  });

  it('marks as exposed only cases that exist in the corpus', () => {
    const dir = join(ROOT, 'test', 'eval', 'cases');
    const ids = new Set(loadAllCases(dir).map((c) => c.id));
    for (const id of loadExposed(dir)) assert.ok(ids.has(id), `exposed.json names ${id}, which is not a case`);
  });
});
