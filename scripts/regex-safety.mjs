// The one rule for "is this taxonomy regex safe from catastrophic backtracking", shared by
// `check-taxonomy --redos` and the unit test (test/unit/redos.test.ts), so both give one verdict.
import { checkSync } from 'recheck';
import { regexesOf, unboundedRepeats } from './regex-rules.mjs';

export { regexesOf };

// recheck reports "polynomial" for an unanchored bounded repeat such as [^\n]{0,300}x: its cost
// is at most (bound × input), and inputs are capped (MAX_MATCH_CHARS), so that is linear. A
// polynomial verdict is accepted only when every repeat in the regex is bounded.

/** undefined when safe; otherwise the verdict, e.g. "vulnerable exponential" or "undecided …". */
export function regexProblem(source) {
  // Only the automaton checker decides: it is exact for regexes without backreferences (the
  // schema screen forbids them). A fuzzing fallback used to decide what it could not, but its
  // verdict depends on how much time it gets: a regex it passed on an idle machine failed
  // under load. The ones it was slow to decide had an unbounded \d+ or \s* beside fixed text
  // or a long bounded repeat; the schema check (unboundedRepeats, regex-rules.mjs) now rejects
  // every unbounded repeat, and the slowest taxonomy regex is decided in tens of milliseconds.
  const res = checkSync(source, 'i', { checker: 'automaton', timeout: 20_000 });
  if (res.status === 'safe') return undefined;
  if (res.status === 'vulnerable' && res.complexity.type === 'polynomial' && !unboundedRepeats(source).length) return undefined;
  if (res.status === 'vulnerable') return `vulnerable ${res.complexity.type}`;
  // "unknown": the regex does not parse, or the checker ran out of time.
  if (res.error?.kind === 'invalid') return `invalid: ${res.error.message}`;
  return 'undecided by the automaton checker: bound the repeats next to a long [^\\n]{0,N} (e.g. \\d{1,5} for \\d+, [ \\t]{0,10} for \\s*)';
}
