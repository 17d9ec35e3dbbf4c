// Entry point of the integration suite: VS Code loads the bundle of this file
// (out/test/integration/index.js, see test/harness/build-suite.mjs) as
// extensionTestsPath and awaits run() inside the extension host. Resolving
// means every test passed; rejecting makes the host exit with failure.
import * as fs from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';
import { testFiles } from 'virtual:rd-integration-tests';
import { testEnv } from './env';
import { ui } from './ui';
import { TAG_EVENT, TAG_LOG } from './protocol';
import type { FailureInfo, SuiteEvent, SuiteResult } from './protocol';

/**
 * The extension host makes console.* read-only and drops empty lines, and the
 * driver only sees what it can tell apart from VS Code's own logging: so every
 * reporter line goes out through console.log, tagged, one call per line.
 */
function tagReporterOutput(): void {
  Mocha.reporters.Base.consoleLog = (...args: unknown[]): void => {
    for (const line of format(...args).split('\n')) console.log(TAG_LOG + line);
  };
}

function emit(event: SuiteEvent): void {
  console.log(TAG_EVENT + JSON.stringify(event));
}

function describeFailure(test: Mocha.Test | Mocha.Hook, err: unknown): FailureInfo {
  const e = (err ?? {}) as { message?: unknown; stack?: unknown; expected?: unknown; actual?: unknown; generatedMessage?: boolean };
  const info: FailureInfo = {
    title: test.fullTitle(),
    message: typeof e.message === 'string' ? e.message : String(err),
    stack: typeof e.stack === 'string' ? e.stack : undefined,
  };
  // A generated assertion message already shows both values; a custom one may not.
  if (e.generatedMessage === false && ('expected' in e || 'actual' in e)) {
    info.expected = format('%o', e.expected);
    info.actual = format('%o', e.actual);
  }
  return info;
}

/** Loads each test file as mocha would, so suite()/test() globals exist while it runs. */
function loadTests(mocha: Mocha, failures: FailureInfo[]): void {
  for (const { file, load } of testFiles) {
    mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, file, mocha);
    try {
      const exports = load();
      mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_REQUIRE, exports, file, mocha);
      mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_POST_REQUIRE, globalThis, file, mocha);
    } catch (err) {
      // A file that throws at load time must fail the run, not vanish from it.
      failures.push({ title: `loading ${file}`, message: String(err), stack: (err as Error)?.stack });
    }
  }
}

/** Keeps a picture of the page when a test fails (after its own teardown ran). */
function screenshotFailures(mocha: Mocha): void {
  mocha.suite.afterEach(async function (this: Mocha.Context) {
    const test = this.currentTest;
    if (test?.state === 'failed' && ui.available()) {
      await ui.screenshot(`failures/${test.fullTitle()}`).catch(() => undefined);
    }
  });
}

function writeResult(result: SuiteResult): void {
  if (testEnv.resultFile) fs.writeFileSync(testEnv.resultFile, JSON.stringify(result, null, 2));
}

export function run(): Promise<void> {
  tagReporterOutput();
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: testEnv.testTimeoutMs,
    grep: testEnv.grep,
  });
  const loadFailures: FailureInfo[] = [];
  loadTests(mocha, loadFailures);
  screenshotFailures(mocha);
  for (const f of loadFailures) console.log(`${TAG_LOG}load error in ${f.title}: ${f.stack ?? f.message}`);

  return new Promise((resolve, reject) => {
    const result: SuiteResult = { passed: 0, failed: 0, pending: 0, failures: [...loadFailures] };
    const runner = mocha.run(() => {
      result.failed = result.failures.length;
      writeResult(result);
      if (result.failed > 0) reject(new Error(`${result.failed} integration test(s) failed`));
      else resolve();
    });
    const { EVENT_TEST_BEGIN, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
    runner.on(EVENT_TEST_BEGIN, (test: Mocha.Test) => emit({ type: 'test-begin', title: test.fullTitle() }));
    runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
      result.passed++;
      emit({ type: 'test-end', title: test.fullTitle(), state: 'passed' });
    });
    runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
      result.pending++;
      emit({ type: 'test-end', title: test.fullTitle(), state: 'pending' });
    });
    // Also fires for failing hooks, which count as failures as in mocha's own stats.
    runner.on(EVENT_TEST_FAIL, (test: Mocha.Test | Mocha.Hook, err: unknown) => {
      result.failures.push(describeFailure(test, err));
      emit({ type: 'test-end', title: test.fullTitle(), state: 'failed' });
    });
  });
}
