import assert from 'node:assert/strict';
import { checkSync } from 'recheck';
import { diagnose, defaultTaxonomy } from '../../src/core/diagnose';

// recheck analyses each regex (automaton + fuzzing) for super-linear backtracking. Exponential
// is never accepted. recheck also reports "polynomial" for an unanchored bounded repeat such as
// [^\n]{0,300}x: its cost is at most (bound × input), and inputs are capped (MAX_MATCH_CHARS),
// so that is linear; a polynomial verdict is accepted only when every repeat in it is bounded.
const UNBOUNDED_REPEAT = /(?:^|[^\\])(?:[+*]|\{\d+,\})/;
describe('regex safety', function () {
  this.timeout(600_000);

  it('every taxonomy regex is safe from catastrophic backtracking (recheck)', () => {
    const unsafe: string[] = [];
    for (const p of defaultTaxonomy().patterns) {
      for (const r of [...(p.signals.messagePatterns ?? []), ...(p.signals.negativePatterns ?? []), ...(p.signals.requires ?? [])]) {
        // The automaton checker is exact and fast for regexes without backreferences (the schema
        // screen forbids them); where it cannot decide in time, the fuzzing checker decides.
        let res = checkSync(r.regex, 'i', { checker: 'automaton', timeout: 5_000 });
        if (res.status === 'unknown') res = checkSync(r.regex, 'i', { timeout: 30_000 });
        const boundedPolynomial = res.status === 'vulnerable' && res.complexity.type === 'polynomial' && !UNBOUNDED_REPEAT.test(r.regex);
        if (res.status !== 'safe' && !boundedPolynomial) unsafe.push(`${p.id}: /${r.regex}/ ${res.status}${res.status === 'vulnerable' ? ' ' + res.complexity.type : ''}`);
      }
    }
    assert.deepEqual(unsafe, []);
  });

  it('matching finishes on adversarial inputs built to make regexes backtrack', () => {
    const nasty = [
      'RuntimeError: ' + 'a'.repeat(200_000),
      'Error: ' + '['.repeat(50_000) + '](' + ' '.repeat(50_000),
      'ValueError: ' + 'size mismatch for '.repeat(20_000),
      ('File "' + '/x'.repeat(5000) + '", line 1, in f\n').repeat(200),
      'Traceback (most recent call last):\n' + '  File "a.py", line 1, in f\n'.repeat(100_000),
      ('x'.repeat(7000) + '\n').repeat(700),
      'E'.repeat(8000) + ':' + ' '.repeat(8000) + 'Warning',
    ];
    for (const text of nasty) {
      const report = diagnose(text);
      assert.equal(report.version, 1);
    }
  });
});
