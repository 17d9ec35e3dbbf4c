// What the schema check and the ReDoS check both need to know about a taxonomy regex, with no
// dependency: the build loads this, while recheck (regex-safety.mjs) loads only for --redos.

/** Every regex a pattern carries (scoring, negative and required). */
export function regexesOf(pattern) {
  const s = pattern.signals;
  return [...(s.messagePatterns ?? []), ...(s.negativePatterns ?? []), ...(s.requires ?? [])].map((r) => r.regex);
}

/**
 * The unbounded repeats (`+`, `*`, `{n,}`, lazy or not) of a regex source, outside character
 * classes. Every taxonomy repeat is bounded (`[^\n]{0,200}`, `\d{1,12}`, `\s{0,10}`): matching
 * inputs are capped anyway, and recheck's automaton checker decides a regex with bounded repeats in
 * milliseconds, while one unbounded `\d+` beside fixed text took it over a second, and beside a
 * long bounded repeat over the test's 20 s under load, so the safety test's verdict depended on the
 * machine's load.
 */
export function unboundedRepeats(source) {
  const found = [];
  const groups = [];
  let atom = 0; // where the atom a quantifier would repeat starts: a character, escape, class or group
  let classStart = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { if (classStart < 0) atom = i; i++; continue; }
    if (classStart >= 0) { if (c === ']') { atom = classStart; classStart = -1; } continue; }
    if (c === '[') { classStart = i; continue; } // JavaScript: a ']' right after '[' or '[^' closes the class
    if (c === '(') { groups.push(i); continue; }
    if (c === ')') { atom = groups.pop() ?? 0; continue; }
    const open = c === '{' && /^\{\d+,\}/.exec(source.slice(i));
    if (c === '+' || c === '*' || open) found.push(source.slice(atom, i + (open ? open[0].length : 1)));
    else if (c !== '?' && c !== '{') atom = i;
  }
  return found;
}
