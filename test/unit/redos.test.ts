import assert from 'node:assert/strict';
import { diagnose, defaultTaxonomy } from '../../src/core/diagnose';
// The rule (recheck's verdict, with bounded polynomial repeats accepted) is shared with
// `check-taxonomy --redos`.
import { regexesOf, regexProblem } from '../../scripts/regex-safety.mjs';

describe('regex safety', function () {
  this.timeout(600_000);

  it('every taxonomy regex is safe from catastrophic backtracking (recheck)', () => {
    const unsafe: string[] = [];
    for (const p of defaultTaxonomy().patterns) {
      for (const regex of regexesOf(p)) {
        const problem = regexProblem(regex);
        if (problem) unsafe.push(`${p.id}: /${regex}/ ${problem}`);
      }
    }
    assert.deepEqual(unsafe, []);
  });

  it('the rule flags exponential, unbounded polynomial and invalid regexes and accepts bounded repeats', () => {
    assert.match(regexProblem('(a+)+$') ?? '', /exponential/);
    assert.match(regexProblem('\\s*x\\s*y') ?? '', /polynomial/);
    assert.equal(regexProblem('CUDA out of memory[^\\n]{0,200}Tried to allocate'), undefined);
    assert.match(regexProblem('(?<x') ?? '', /^invalid/);
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
