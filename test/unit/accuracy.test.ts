import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { figures, loadCases, runCore } from '../eval/evaluate';
import { ROOT } from '../helpers/fixtures';

// The floor the README states (an HTML comment beside the accuracy table): the figures may rise,
// never slide back unnoticed.
describe('accuracy on the held-out corpus', () => {
  it('does not drop below the top-1 and top-3 figures the README states', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const m = /<!-- accuracy-floor: top1=([\d.]+) top3=([\d.]+) -->/.exec(readme);
    assert.ok(m, 'README states the accuracy floor');
    const f = figures(runCore(loadCases(join(ROOT, 'test', 'eval', 'cases'))));
    assert.ok(f.reuse >= 150 && f.unrelated >= 30, `corpus: ${f.reuse} reuse, ${f.unrelated} unrelated`);
    assert.ok(f.top1 >= Number(m[1]), `top-1 ${f.top1.toFixed(3)} < ${m[1]}`);
    assert.ok(f.top3 >= Number(m[2]), `top-3 ${f.top3.toFixed(3)} < ${m[2]}`);
    assert.ok(f.falsePositive <= 0.05, `false positives ${f.falsePositive.toFixed(3)}`);
  });
});
