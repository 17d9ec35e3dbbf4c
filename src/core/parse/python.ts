/**
 * Python tracebacks: the standard layout (with chained exceptions and the SyntaxError caret),
 * IPython/Jupyter layouts old and new, and tracebacks behind a log prefix such as `[rank0]: `
 * or pytest's `E   `. Everything is line based; no regex spans lines.
 */
import type { ErrorInfo, Frame } from '../types';
import { isUserFile, libraryOfPath } from './libraries';

export const HEAD = /^(.{0,80}?)Traceback \(most recent call last\):?\s*$/;
const IPY_RULE = /^-{20,}\s*$/;
const IPY_HEAD = /^([A-Za-z_][\w.]{0,150})\s{2,}Traceback \(most recent call last\)/;
export const FRAME = /^\s*File "([^"\n]{1,1000})", line (\d{1,9})(?:, in (.{1,500}))?\s*$/;
const IPY_CELL = /^(Cell In\s?\[\d{1,6}\]), line (\d{1,9})/;
const IPY_FILE = /^File ([^\n]{1,1000}?):(\d{1,9})(?:, in (.{1,500}))?\s*$/;
const IPY_OLD = /^(<ipython-input-[^>\n]{1,200}>|[^\s\n][^\n]{0,1000}?\.pyx?) in ([^\n]{1,500})$/;
const IPY_ARROW = /^\s*-{1,}> ?(\d{1,9})(?:\s|$)/;
/** `Type: message` or a bare `Type`; the last dotted part of the type is CamelCase. */
export const EXCEPTION_LINE = /^((?:[A-Za-z_]\w{0,100}\.){0,12}[A-Z]\w{0,100})(?::\s?(.*))?$/;
export const DURING = /^During handling of the above exception, another exception occurred:?\s*$/;
export const DIRECT = /^The above exception was the direct cause of the following exception:?\s*$/;
const MAX_MESSAGE_LINES = 40;
/** A traceback longer than this is not read further (deep recursion is cut, never slow). */
const MAX_TRACEBACK_LINES = 4000;

export interface ParsedTraceback {
  error: ErrorInfo;
  /** Index of the last line consumed. */
  end: number;
  /** A separator after the exception links it to the next traceback as its cause. */
  chainsToNext?: 'during-handling' | 'direct-cause';
}

function frame(file: string, line: number | undefined, fn: string | undefined): Frame {
  const f: Frame = { file, user: isUserFile(file) };
  if (line !== undefined) f.line = line;
  if (fn) f.function = fn.trim();
  const lib = libraryOfPath(file);
  if (lib) f.library = lib;
  return f;
}

/** Reads `Type: message` plus its continuation lines starting at `i`. */
function readException(lines: string[], i: number, strip: (s: string) => string | undefined): { type: string; message: string; end: number } | undefined {
  const first = strip(lines[i]!);
  if (first === undefined) return undefined;
  const m = EXCEPTION_LINE.exec(first);
  if (!m) return undefined;
  const parts = [m[2] ?? ''];
  let end = i;
  for (let j = i + 1; j < lines.length && j <= i + MAX_MESSAGE_LINES; j++) {
    const raw = strip(lines[j]!);
    if (raw === undefined || raw.trim() === '') break;
    if (HEAD.test(raw) || DURING.test(raw) || DIRECT.test(raw) || IPY_RULE.test(raw)) break;
    parts.push(raw);
    end = j;
  }
  return { type: m[1]!, message: parts.join('\n').trim(), end };
}

function finish(type: string, message: string, frames: Frame[], start: number, end: number): ErrorInfo {
  const error: ErrorInfo = { kind: 'traceback', type, message, lines: [start + 1, end + 1] };
  if (frames.length) error.frames = frames;
  const user = [...frames].reverse().find((f) => f.user);
  if (user) error.location = user.line !== undefined ? { file: user.file, line: user.line } : { file: user.file };
  return error;
}

function chainAfter(lines: string[], end: number, strip: (s: string) => string | undefined): ParsedTraceback['chainsToNext'] {
  for (let j = end + 1; j < lines.length && j <= end + 3; j++) {
    const s = strip(lines[j]!);
    if (s === undefined) return undefined;
    if (s.trim() === '') continue;
    if (DURING.test(s)) return 'during-handling';
    if (DIRECT.test(s)) return 'direct-cause';
    return undefined;
  }
  return undefined;
}

/**
 * Parses a standard traceback whose head is at `start`; undefined when it has no exception line.
 * `headless`: `start` is the first frame of a paste that left out the "Traceback (most recent
 * call last):" line.
 */
export function parseStandard(lines: string[], start: number, headless = false): ParsedTraceback | undefined {
  const head = headless ? undefined : HEAD.exec(lines[start]!);
  if (!head && !headless) return undefined;
  // A prefix only counts when the next line carries it too (`[rank0]: `, `E   `); a stray
  // character before "Traceback" (a pasted `[`) is not a prefix.
  const prefix = head?.[1] && lines[start + 1]?.startsWith(head[1]) ? head[1] : '';
  // Lines without the prefix (another rank's log, a blank line) are read as blank.
  const strip = (s: string): string => (s.startsWith(prefix) ? s.slice(prefix.length) : '');
  const frames: Frame[] = [];
  let last: Frame | undefined;
  const stop = Math.min(lines.length, start + MAX_TRACEBACK_LINES);
  for (let i = headless ? start : start + 1; i < stop; i++) {
    const s = strip(lines[i]!);
    if (s.trim() === '') continue;
    if (HEAD.test(s)) return undefined;
    const f = FRAME.exec(s);
    if (f) {
      last = frame(f[1]!, Number(f[2]), f[3]);
      frames.push(last);
      continue;
    }
    if (/^\s/.test(s) || /^\[Previous line repeated/.test(s) || /^\.\.\.(?: \d+ frames? omitted)?/.test(s.trim())) {
      const src = s.trim();
      if (last && last.source === undefined && !/^[~^\s]+$/.test(src)) last.source = src.slice(0, 500);
      continue;
    }
    // Column 0 after the prefix: the exception line, or a source line whose indentation the
    // paste lost (then it does not look like `Type: message`).
    const ex = readException(lines, i, strip);
    if (ex) {
      return {
        error: finish(ex.type, ex.message, frames, start, ex.end),
        end: ex.end,
        chainsToNext: chainAfter(lines, ex.end, strip),
      };
    }
    if (last && last.source === undefined) last.source = s.trim().slice(0, 500);
  }
  return undefined;
}

/** Parses an IPython/Jupyter traceback: a rule line, then `Type    Traceback (most recent call last)`. */
export function parseIPython(lines: string[], start: number): ParsedTraceback | undefined {
  const headAt = IPY_RULE.test(lines[start]!) ? start + 1 : start;
  const head = IPY_HEAD.exec(lines[headAt] ?? '');
  if (!head) return undefined;
  const type = head[1]!;
  const frames: Frame[] = [];
  let last: Frame | undefined;
  const id = (s: string): string => s;
  const stop = Math.min(lines.length, headAt + MAX_TRACEBACK_LINES);
  for (let i = headAt + 1; i < stop; i++) {
    const s = lines[i]!;
    if (s.trim() === '') continue;
    let m = IPY_CELL.exec(s);
    if (m) { last = { ...frame(m[1]!, Number(m[2]), undefined), user: true }; frames.push(last); continue; }
    m = IPY_FILE.exec(s);
    if (m) { last = frame(m[1]!, Number(m[2]), m[3]); frames.push(last); continue; }
    m = IPY_OLD.exec(s);
    if (m && !EXCEPTION_LINE.test(s)) { last = frame(m[1]!, undefined, m[2]); frames.push(last); continue; }
    const arrow = IPY_ARROW.exec(s);
    if (arrow) {
      if (last && last.line === undefined) last.line = Number(arrow[1]);
      if (last) last.source = s.replace(IPY_ARROW, '').trim().slice(0, 500) || last.source;
      continue;
    }
    if (/^\s/.test(s)) continue;
    const ex = readException(lines, i, id);
    if (ex && (ex.type === type || ex.type.endsWith('.' + type) || type.endsWith('.' + ex.type) || i > headAt + 1)) {
      // Jupyter and Colab print chains the same way: "The above exception was the direct cause…".
      return { error: finish(ex.type, ex.message, frames, start, ex.end), end: ex.end, chainsToNext: chainAfter(lines, ex.end, id) };
    }
  }
  return undefined;
}

export function isTracebackStart(line: string, next: string | undefined): boolean {
  return HEAD.test(line) || (IPY_RULE.test(line) && next !== undefined && IPY_HEAD.test(next)) || IPY_HEAD.test(line);
}

/**
 * The first frame of a traceback pasted without its head: a `File "…", line N` line with no frame
 * among the two non-blank lines before it (a frame and its source line). Only the first frame of
 * a run is tried, so a long run of frames is read once.
 */
export function isHeadlessFrameStart(lines: string[], i: number): boolean {
  if (!FRAME.test(lines[i]!)) return false;
  let seen = 0;
  for (let j = i - 1; j >= 0 && seen < 2; j--) {
    if (lines[j]!.trim() === '') continue;
    if (FRAME.test(lines[j]!)) return false;
    seen++;
  }
  return true;
}
