// The extension host cannot see the page VS Code is drawn in; the driver can
// (Playwright). A test asks the driver to act on the page by writing a request
// file into RD_BRIDGE_DIR and waiting for the answer file: plain files work the
// same whatever transports the host uses, and need no port.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BridgeRequest, BridgeResponse } from './protocol';
import { testEnv } from './env';
import { sleep } from './wait';

let counter = 0;

/** Extra time allowed for the driver to pick a request up and answer it. */
const TRANSPORT_SLACK_MS = 5_000;

export function bridgeAvailable(): boolean {
  return testEnv.bridgeDir !== undefined;
}

/** Writes JSON so the reader never sees half a file. */
function writeAtomically(file: string, value: unknown): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value));
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Sends one request to the driver and resolves with its value; rejects with
 * the driver's error (e.g. a selector that never appeared) or on timeout.
 */
export async function bridgeRequest<T>(
  action: string,
  args: Record<string, unknown> = {},
  timeoutMs = 10_000,
): Promise<T> {
  const dir = testEnv.bridgeDir;
  if (!dir) {
    throw new Error(`page bridge unavailable on the ${testEnv.host} host: cannot ${action}`);
  }
  const id = `${process.pid}-${Date.now()}-${++counter}`;
  const request: BridgeRequest = { id, action, args, timeoutMs };
  const answerFile = path.join(dir, `${id}.res.json`);
  writeAtomically(path.join(dir, `${id}.req.json`), request);

  const deadline = Date.now() + timeoutMs + TRANSPORT_SLACK_MS;
  while (Date.now() < deadline) {
    if (fs.existsSync(answerFile)) {
      const response = JSON.parse(fs.readFileSync(answerFile, 'utf8')) as BridgeResponse;
      fs.rmSync(answerFile, { force: true });
      if (response.ok) return response.value as T;
      throw new Error(`page ${action} failed: ${response.error}`);
    }
    await sleep(25);
  }
  throw new Error(`page ${action}: no answer from the driver within ${timeoutMs + TRANSPORT_SLACK_MS} ms`);
}
