/**
 * Finds every error in a normalised text, most relevant first: the traceback that ended the
 * program, then earlier tracebacks, then other error lines, then warnings. Text with no error
 * structure at all (a symptom described in words) becomes one `text` finding.
 */
import type { ErrorInfo } from '../types';
import { classifyLine, hitToError } from './lines';
import { librariesInText } from './libraries';
import { DURING, DIRECT, EXCEPTION_LINE, isHeadlessFrameStart, isTracebackStart, parseIPython, parseStandard, type ParsedTraceback } from './python';

/** A symptom description is read up to this many characters. */
const MAX_TEXT_FINDING = 4000;
/** Build output lines this close together are one failure. */
const BUILD_GAP = 60;
/** Indented lines after an error line that still belong to its message. */
const MAX_CONTINUATION = 40;

function key(e: ErrorInfo): string {
  return `${e.kind}\u0000${e.type ?? ''}\u0000${e.message}`;
}

function rank(e: ErrorInfo): number {
  switch (e.kind) {
    case 'traceback': return 0;
    case 'panic': case 'native': case 'build': case 'error-line': return 1;
    case 'log': return 2;
    case 'warning': return 3;
    default: return 4;
  }
}

/**
 * A pasted chain often starts mid-way: the first exception has lost its traceback and only its
 * `Type: message` stands above "During handling of the above exception…". Find that line.
 */
function causeBeforeSeparator(lines: string[], head: number, consumed: Uint8Array): { error: ErrorInfo; relation: 'during-handling' | 'direct-cause' } | undefined {
  let j = head - 1;
  while (j >= 0 && head - j <= 3 && lines[j]!.trim() === '') j--;
  if (j < 0) return undefined;
  const relation = DURING.test(lines[j]!.trim()) ? 'during-handling' : DIRECT.test(lines[j]!.trim()) ? 'direct-cause' : undefined;
  if (!relation) return undefined;
  for (let k = j - 1; k >= 0 && j - k <= 60; k--) {
    if (consumed[k]) return undefined;
    const m = EXCEPTION_LINE.exec(lines[k]!);
    if (m && m[2] !== undefined) {
      let end = k;
      while (end + 1 < j && lines[end + 1]!.trim() !== '') end++;
      consumed.fill(1, k, end + 1);
      const message = [m[2], ...lines.slice(k + 1, end + 1)].join('\n').trim();
      return { error: { kind: 'error-line', type: m[1]!, message, lines: [k + 1, end + 1] }, relation };
    }
  }
  return undefined;
}

/**
 * The whole text read as a symptom described in words (its last part when it is long). `lines`
 * is the text split at newlines, passed by a caller that already has it.
 */
export function describedSymptom(text: string, lines: string[] = text.split('\n')): ErrorInfo | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0) return undefined;
  const body = trimmed.length > MAX_TEXT_FINDING ? trimmed.slice(-MAX_TEXT_FINDING) : trimmed;
  const firstLine = lines.findIndex((l) => l.trim().length > 0);
  return { kind: 'text', message: body, lines: [firstLine + 1, lines.length] };
}

export function parseErrors(text: string): ErrorInfo[] {
  const lines = text.split('\n');
  const found: ErrorInfo[] = [];
  const consumed = new Uint8Array(lines.length);
  let pendingCause: { error: ErrorInfo; relation: 'during-handling' | 'direct-cause' } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length < 4) continue;
    let tb: ParsedTraceback | undefined;
    if (isTracebackStart(line, lines[i + 1])) {
      tb = line.includes('Traceback (most recent call last)') && !/\S\s{2,}Traceback/.test(line) ? parseStandard(lines, i) : parseIPython(lines, i);
    } else if (isHeadlessFrameStart(lines, i)) {
      // A paste that starts at the frames: still a traceback, with its type and the user's frame.
      tb = parseStandard(lines, i, true);
    }
    if (!tb) continue;
    consumed.fill(1, i, tb.end + 1);
    pendingCause ??= causeBeforeSeparator(lines, i, consumed);
    if (pendingCause) {
      // The earlier exception was being handled (or was the cause) when this one was raised.
      const prior = pendingCause.error;
      tb.error.causes = [...(prior.causes ?? []), { ...(prior.type ? { type: prior.type } : {}), message: prior.message, relation: pendingCause.relation }];
      tb.error.lines = [prior.lines[0], tb.error.lines[1]];
      if (!tb.error.location && prior.location) tb.error.location = prior.location;
      if (found.includes(prior)) found.splice(found.indexOf(prior), 1);
    }
    found.push(tb.error);
    pendingCause = tb.chainsToNext ? { error: tb.error, relation: tb.chainsToNext } : undefined;
    i = tb.end;
  }

  let lastBuild: ErrorInfo | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (consumed[i]) continue;
    const hit = classifyLine(lines, i);
    if (!hit) continue;
    // `RuntimeError: Error(s) in loading state_dict…` continues on indented lines.
    // pip prints the conflicting requirements on the lines after its resolver error.
    if (hit.kind === 'error-line' || hit.kind === 'log' || hit.kind === 'build') {
      // `ImportError:` alone on its line, or a message that announces what follows (`… because of
      // the following error (look up to see its traceback):`): the rest comes unindented.
      const message = hit.message.trimEnd();
      const continues = hit.kind === 'build' || message === '' || message.endsWith(':') ? /\S/ : /^[\t ]+\S/;
      while (hit.end + 1 < lines.length && hit.end - hit.start < MAX_CONTINUATION && !consumed[hit.end + 1] && continues.test(lines[hit.end + 1]!) && !classifyLine(lines, hit.end + 1)) {
        hit.end++;
        hit.message += '\n' + lines[hit.end]!.trim();
      }
    }
    if (hit.kind === 'build' && lastBuild && hit.start - lastBuild.lines[1] <= BUILD_GAP) {
      lastBuild.message += '\n' + hit.message;
      lastBuild.lines[1] = hit.end + 1;
    } else {
      const e = hitToError(hit);
      if (e.kind === 'build') lastBuild = e;
      found.push(e);
    }
    i = hit.end;
  }

  if (found.length === 0) {
    const symptom = describedSymptom(text, lines);
    return symptom ? [symptom] : [];
  }

  // Same error repeated (one per DDP rank, per retry): keep the last, count the others.
  const byKey = new Map<string, ErrorInfo>();
  for (const e of found) {
    const k = key(e);
    const seen = byKey.get(k);
    if (seen) {
      byKey.delete(k);
      e.occurrences = (seen.occurrences ?? 1) + 1;
    }
    byKey.set(k, e);
  }
  const unique = [...byKey.values()];
  const order = new Map(unique.map((e, idx) => [e, idx] as const));
  unique.sort((a, b) => rank(a) - rank(b) || (rank(a) === 3 ? order.get(a)! - order.get(b)! : order.get(b)! - order.get(a)!));

  const libs = librariesInText(text);
  for (const e of unique) {
    const names = new Set<string>((e.frames ?? []).flatMap((f) => (f.library ? [f.library] : [])));
    const mentions = libs.filter((l) => names.has(l.name));
    for (const n of names) if (!mentions.some((m) => m.name === n)) mentions.push({ name: n });
    if (e.kind === 'traceback' || mentions.length) {
      for (const l of libs) if (!mentions.some((m) => m.name === l.name)) mentions.push(l);
    }
    if (mentions.length) e.libraries = mentions;
  }
  return unique;
}
