// Deliberate hang, only when RD_SELFTEST_HANG is set: selftest.mjs checks that
// the global timeout ends the run with a clear message naming this test.
suite('selftest hang', () => {
  test('never finishes', function () {
    if (!process.env.RD_SELFTEST_HANG) this.skip();
    this.timeout(0);
    return new Promise(() => undefined);
  });
});
