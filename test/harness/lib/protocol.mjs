// What the suite (in the extension host) and this driver say to each other.
// The suite's copy is test/integration/protocol.ts: keep the two in sync.

/** Prefix of a mocha output line. */
export const TAG_LOG = '[rd:log] ';
/** Prefix of a JSON progress event: { type: 'test-begin' | 'test-end', title, state? }. */
export const TAG_EVENT = '[rd:event] ';

/**
 * Finds our tag in a line of host output. The tag may not be at the start:
 * hosts prefix forwarded extension-host lines (e.g. "[Extension Host] ").
 * @param {string} line
 * @returns {{ kind: 'log', text: string } | { kind: 'event', event: any } | undefined}
 */
export function parseTagged(line) {
  let at = line.indexOf(TAG_LOG);
  if (at >= 0) return { kind: 'log', text: line.slice(at + TAG_LOG.length) };
  at = line.indexOf(TAG_EVENT);
  if (at >= 0) {
    try {
      return { kind: 'event', event: JSON.parse(line.slice(at + TAG_EVENT.length)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
