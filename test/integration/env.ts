// The environment the driver gives the extension host (see test/harness/run.mjs).

/** Which host runs the suite: the web one can drive the page, test-electron cannot. */
export type HostKind = 'code-server' | 'electron';

function optional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

export const testEnv = {
  host: (optional('RD_HOST') ?? 'electron') as HostKind,
  /** Repository root: fixtures live under test/fixtures. */
  repoRoot: optional('RD_REPO_ROOT'),
  /** Scratch copy of the workspace opened in VS Code: tests may write there. */
  workspace: optional('RD_WORKSPACE'),
  /** Screenshots and other files to keep (git-ignored). */
  artifactsDir: optional('RD_ARTIFACTS_DIR'),
  /** Where page requests go; unset when no page can be driven. */
  bridgeDir: optional('RD_BRIDGE_DIR'),
  resultFile: optional('RD_RESULT_FILE'),
  grep: optional('RD_TEST_GREP'),
  testTimeoutMs: Number(optional('RD_TEST_TIMEOUT_MS') ?? 30_000),
};
