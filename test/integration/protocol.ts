// What the suite (in the extension host) and the driver (test/harness/run.mjs)
// say to each other. The driver's copy is test/harness/lib/protocol.mjs: keep
// the two in sync.

/** Prefix of a mocha output line; the driver prints it without the tag. */
export const TAG_LOG = '[rd:log] ';
/** Prefix of a JSON progress event (`SuiteEvent`); the driver tracks it. */
export const TAG_EVENT = '[rd:event] ';

/**
 * Progress, so the driver can pin a hang on the running test and count
 * results even when the host dies before the result file is written.
 */
export type SuiteEvent =
  | { type: 'test-begin'; title: string }
  | { type: 'test-end'; title: string; state: 'passed' | 'failed' | 'pending' };

export interface FailureInfo {
  title: string;
  message: string;
  stack?: string;
  /** Set for assertion errors that carry both sides (e.g. deepStrictEqual). */
  expected?: string;
  actual?: string;
}

/** Written to RD_RESULT_FILE when the run ends. */
export interface SuiteResult {
  passed: number;
  failed: number;
  pending: number;
  failures: FailureInfo[];
}

/** A file `<id>.req.json` in RD_BRIDGE_DIR; the driver answers with `<id>.res.json`. */
export interface BridgeRequest {
  id: string;
  action: string;
  args: Record<string, unknown>;
  timeoutMs: number;
}

export type BridgeResponse =
  | { ok: true; value: unknown }
  | { ok: false; error: string };
