import { messageKey } from './keys';
import { subjectOf } from './match';
import { normalise } from './normalize';
import { parseErrors } from './parse/parse';

/** The key lines of an example text: its first few errors, as `messageKey` sees them. */
export function keysOfText(text: string, max = 2): string[] {
  const errors = parseErrors(normalise(text).text);
  const keys: string[] = [];
  for (const e of errors.slice(0, max)) {
    const k = messageKey(subjectOf(e));
    if (k.length >= 8 && !keys.includes(k)) keys.push(k);
  }
  return keys;
}
