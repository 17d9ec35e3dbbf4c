import { messageKey } from './keys';
import { subjectOf } from './match';
import { normalise } from './normalize';
import { parseErrors } from './parse/parse';
import { FRAME, HEAD } from './parse/python';

const ERROR_NAME = /^\s*[A-Za-z_][\w.]{0,200}(?:Error|Exception|Iteration|Interrupt|Exit|Warning)\b/;

/**
 * What a text finding says once its traceback frames are dropped: the lines after the last frame
 * and its source line, if it has one. A traceback cut off before its error line (a search excerpt
 * that ended early) says nothing; keyed on its frames instead, it would make a fuzzy key and rare
 * words (the script's own file and function names) that point unrelated texts at this pattern.
 */
function subjectOfText(message: string): string {
  const lines = message.split('\n');
  // A text finding starts like a traceback (its head or a frame) when the parser found no error line.
  if (!HEAD.test(lines[0]!) && !FRAME.test(lines[0]!)) return message;
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
