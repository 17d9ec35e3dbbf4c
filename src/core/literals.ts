/**
 * Required literals of a regex, used as a cheap `includes` pre-filter so that most of the
 * taxonomy's regexes never run on a given message. Conservative: when in doubt, no filter.
 */

/** For each top-level alternative, one lower-case literal it cannot match without; or undefined. */
export function requiredLiterals(source: string): string[] | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let startAlt = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') { i++; continue; }
    if (inClass) { if (ch === ']') inClass = false; continue; }
    if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) { alternatives.push(source.slice(startAlt, i)); startAlt = i + 1; }
  }
  alternatives.push(source.slice(startAlt));
  const out: string[] = [];
  for (const alt of alternatives) {
    const lit = longestLiteral(alt);
    if (!lit || lit.length < 3) return undefined;
    out.push(lit);
  }
  return out;
}

const ESCAPED_LITERAL = /[.\\/()[\]{}*+?^$|'"`:\-=<>,;!@#%&~ ]/;

function longestLiteral(alt: string): string | undefined {
  let best = '';
  let run = '';
  let depth = 0;
  let inClass = false;
  const flush = (): void => { if (run.length > best.length) best = run; run = ''; };
  for (let i = 0; i < alt.length; i++) {
    const ch = alt[i]!;
    const next = alt[i + 1];
    if (inClass) { if (ch === '\\') i++; else if (ch === ']') inClass = false; continue; }
    // A quantifier that allows zero of the previous atom removes it from the run.
    const optionalNext = (n: string | undefined, after: string | undefined): boolean =>
      n === '?' || n === '*' || (n === '{' && after === '0');
    if (ch === '\\') {
      const esc = next ?? '';
      i++;
      if (esc === 'u') i += 4;
      else if (esc === 'x') i += 2;
      else if (esc === 'c') i += 1;
      else if ((esc === 'p' || esc === 'P' || esc === 'k') && alt[i + 1] === '{') { while (i < alt.length && alt[i] !== '}') i++; }
      if (depth === 0 && ESCAPED_LITERAL.test(esc) && !optionalNext(alt[i + 1], alt[i + 2])) run += esc;
      else flush();
      continue;
    }
    if (ch === '[') { flush(); inClass = true; continue; }
    if (ch === '(') { flush(); depth++; continue; }
    if (ch === ')') {
      depth--;
      // A group followed by an optional quantifier contributes nothing; otherwise it was skipped anyway.
      continue;
    }
    if (depth > 0) continue;
    if ('.^$|+*?{}'.includes(ch)) {
      // `+`: the previous char stays required, but the run cannot continue across the repeat.
      if (ch === '{') { while (i < alt.length && alt[i] !== '}') i++; }
      flush();
      continue;
    }
    if (optionalNext(next, alt[i + 2])) { flush(); continue; }
    run += ch;
  }
  flush();
  return best ? best.toLowerCase() : undefined;
}
