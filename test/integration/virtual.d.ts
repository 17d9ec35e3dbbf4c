// Generated at bundle time by test/harness/build-suite.mjs: one entry per
// test/integration/**/*.test.ts, loaded lazily so mocha's globals exist first.
declare module 'virtual:rd-integration-tests' {
  export const testFiles: ReadonlyArray<{ file: string; load: () => unknown }>;
}
