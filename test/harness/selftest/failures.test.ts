// The harness's own test: these failures are deliberate. selftest.mjs runs
// this folder and checks that the run fails, names each failure with its
// assertion, and still counts the passing test.
import * as assert from 'node:assert/strict';
import { ui } from '../../integration/ui';

suite('selftest', () => {
  test('a passing test', () => {
    assert.equal(1 + 1, 2);
  });

  test('a deliberately broken assertion', () => {
    assert.equal(1 + 1, 3);
  });

  test('a page query that finds nothing', async function () {
    ui.skipUnlessAvailable(this);
    await ui.text('#no-such-element-in-the-workbench', 1_000);
  });
});
