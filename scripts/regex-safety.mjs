// The one rule for "is this taxonomy regex safe from catastrophic backtracking", shared by
// `check-taxonomy --redos` and the unit test (test/unit/redos.test.ts), so both give one verdict.
import { checkSync } from 'recheck';

// recheck reports "polynomial" for an unanchored bounded repeat such as [^\n]{0,300}x: its cost
// is at most (bound × input), and inputs are capped (MAX_MATCH_CHARS), so that is linear. A
// polynomial verdict is accepted only when every repeat in the regex is bounded.
const UNBOUNDED_REPEAT = /(?:^|[^\\])(?:[+*]|\{\d+,\})/;

/** Every regex a pattern carries (scoring, negative and required). */
export function regexesOf(pattern) {
  const s = pattern.signals;
  return [...(s.messagePatterns ?? []), ...(s.negativePatterns ?? []), ...(s.requires ?? [])].map((r) => r.regex);
}

/** undefined when safe; otherwise the verdict, e.g. "vulnerable exponential" or "unknown". */
export function regexProblem(source) {
  // The automaton checker is exact and fast for regexes without backreferences (the schema
  // screen forbids them); where it cannot decide in time, the fuzzing checker decides.
  let res = checkSync(source, 'i', { checker: 'automaton', timeout: 5_000 });
  if (res.status === 'unknown') res = checkSync(source, 'i', { timeout: 30_000 });
  if (res.status === 'safe') return undefined;
  if (res.status === 'vulnerable' && res.complexity.type === 'polynomial' && !UNBOUNDED_REPEAT.test(source)) return undefined;
  return res.status === 'vulnerable' ? `vulnerable ${res.complexity.type}` : res.status;
}
