/**
 * Turns raw captured text (terminal, notebook, log, paste) into plain analysable text:
 * escape codes and control bytes out, line endings unified, size capped, secrets redacted.
 * Runs on every input before anything else sees it, so nothing downstream can store a secret.
 */
import { redactSecrets } from './redact';

/** Analysis looks at most this many characters, keeping the tail, where tracebacks end. */
export const MAX_ANALYSED_CHARS = 5 * 1024 * 1024;
/** A longer line is cut: no message needs more, and regexes stay bounded. */
export const MAX_LINE_CHARS = 8 * 1024;

export interface NormalisedText {
  text: string;
  /** Length of the input before capping, in UTF-16 code units. */
  originalLength: number;
  truncated: boolean;
  binary: boolean;
  redactions: number;
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-byte escapes. Each alternative is
// a run of one character class followed by a fixed terminator: linear time.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const MARKDOWN_LINK = /\[([^\]\n]{1,1000})\]\((?:https?|file[\w.+-]{0,20}):[^)\s]{0,1000}\)/g;
// Control characters except tab and newline (CR is handled before).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** True when the sample looks like binary data rather than text. */
export function looksBinary(sample: string): boolean {
  const n = Math.min(sample.length, 65536);
  if (n === 0) return false;
  let suspicious = 0;
  for (let i = 0; i < n; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 9 || (c > 13 && c < 32)) && c !== 27) suspicious++;
    else if (c === 0xfffd) suspicious++;
  }
  return suspicious / n > 0.1;
}

/** Drops carriage-return overwrites the way a terminal shows them (progress bars). */
function resolveCarriageReturns(line: string): string {
  const parts = line.split('\r');
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]!.length > 0) return parts[i]!;
  return '';
}

export function normalise(raw: string, options: { redactPaths?: boolean } = {}): NormalisedText {
  const originalLength = raw.length;
  let text = raw;
  let truncated = false;
  if (text.length > MAX_ANALYSED_CHARS) {
    text = text.slice(text.length - MAX_ANALYSED_CHARS);
    // Start at a line boundary so the first line is not a fragment.
    const nl = text.indexOf('\n');
    if (nl >= 0 && nl < 4096) text = text.slice(nl + 1);
    truncated = true;
  }
  const binary = looksBinary(text);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(ANSI, '');
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.indexOf('\r') >= 0) line = resolveCarriageReturns(line);
    if (line.length > MAX_LINE_CHARS) {
      line = line.slice(0, MAX_LINE_CHARS) + ' …';
      truncated = true;
    }
    // Colab and VS Code notebooks copy frames as Markdown links: `[file.py](https://localhost:8080/#)`.
    if (line.indexOf('](') >= 0) line = line.replace(MARKDOWN_LINK, '$1');
    lines[i] = line;
  }
  text = lines.join('\n').replace(CONTROL, '');
  const redacted = redactSecrets(text, options);
  return { text: redacted.text, originalLength, truncated, binary, redactions: redacted.count };
}
