import { messageKey } from './keys';
import { subjectOf } from './match';
import { normalise } from './normalize';
import { parseErrors } from './parse/parse';

/** A traceback header or a frame line: what a text finding starts with when its error line was not recognised. */
const TRACEBACK_START = /^\s*(?:Traceback \(most recent call last\)|File "[^"\n]{1,300}", line \d{1,7})/;
const FRAME = /^\s*File "[^"\n]{1,300}", line \d{1,7}/;
const ERROR_NAME = /^\s*[A-Za-z_][\w.]{0,200}(?:Error|Exception|Iteration|Interrupt|Exit|Warning)\b/;

/**
 * What a text finding says once its traceback frames are dropped: the lines after the last frame
 * and its source line, if it has one. A traceback cut off before its error line (a search excerpt
 * that ended early) says nothing; keyed on its frames instead, it would make a fuzzy key and rare
 * words (the script's own file and function names) that point unrelated texts at this pattern.
 */
function subjectOfText(message: string): string {
  if (!TRACEBACK_START.test(message)) return message;
  const lines = message.split('\n');
  let last = -1;
  lines.forEach((l, i) => { if (FRAME.test(l)) last = i; });
  if (last < 0) return message;
  // The frame's source line follows it (pasted tracebacks often lose its indent); a frame printed
  // without one (<stdin>) is followed by the error itself.
  const after = ERROR_NAME.test(lines[last + 1] ?? '') ? last + 1 : last + 2;
  return lines.slice(after).join('\n').trim();
}

/** The key lines of an example text: its first few errors, as `messageKey` sees them. */
export function keysOfText(text: string, max = 2): string[] {
  const errors = parseErrors(normalise(text).text);
  const keys: string[] = [];
  for (const e of errors.slice(0, max)) {
    const k = messageKey(e.kind === 'text' ? subjectOfText(subjectOf(e)) : subjectOf(e));
    if (k.length >= 8 && !keys.includes(k)) keys.push(k);
  }
  return keys;
}
