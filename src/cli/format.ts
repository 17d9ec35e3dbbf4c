/**
 * The CLI's two outputs: the JSON contract (DESIGN.md, `version: 1`) and a readable text
 * report, coloured only when stdout is a terminal.
 */
import type { CompiledPattern, Finding, Report } from '../core/types';

/** The contract shape: exactly the documented fields (plus additive ones), nothing internal. */
export function toJson(report: Report): unknown {
  return {
    version: report.version,
    input: report.input,
    findings: report.findings.map((f) => ({
      error: f.error,
      candidates: f.candidates.map((c) => ({
        id: c.id,
        title: c.title,
        confidence: c.confidence,
        rootCause: c.rootCause,
        bugType: c.bugType,
        impacts: c.impacts,
        evidence: c.evidence,
        fixes: c.fixes,
        references: c.references,
        summary: c.summary,
      })),
      ...(f.candidates.length === 0 && f.nearest.length ? { nearest: f.nearest } : {}),
    })),
  };
}

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (a: number, b: number) => (s: string): string => `\u001b[${a}m${s}\u001b[${b}m`;
export const COLOUR: Style = { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
const id = (s: string): string => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };

export function confidenceWord(c: number): string {
  if (c >= 0.85) return 'very likely';
  if (c >= 0.7) return 'likely';
  if (c >= 0.5) return 'possible';
  return 'unlikely';
}

function errorLine(f: Finding): string {
  const e = f.error;
  const head = e.type ? `${e.type}: ${e.message.split('\n')[0]}` : e.message.split('\n')[0]!;
  return head.length > 200 ? head.slice(0, 199) + '…' : head;
}

export function toText(report: Report, s: Style): string {
  const out: string[] = [];
  if (report.input.binary) return 'The input looks like binary data, not text: nothing to diagnose.\n';
  if (report.findings.length === 0) return 'No error found in the input (it is empty or holds only whitespace).\n';
  if (report.input.truncated) out.push(s.dim(`(input of ${report.input.bytes} bytes was long: analysed its last 5 MB)`));
  report.findings.forEach((f, i) => {
    const loc = f.error.location ? s.dim(`  at ${f.error.location.file}${f.error.location.line ? ':' + f.error.location.line : ''}`) : '';
    const times = f.error.occurrences && f.error.occurrences > 1 ? s.dim(` (×${f.error.occurrences})`) : '';
    out.push(`${s.bold(`[${i + 1}] ${f.error.kind}`)} ${s.red(errorLine(f))}${times}${loc ? '\n' + loc : ''}`);
    if (f.candidates.length === 0) {
      out.push(s.yellow('    No confident match.'));
      if (f.nearest.length) out.push(s.dim('    Nearest patterns: ' + f.nearest.map((n) => `${n.id} (${n.confidence.toFixed(2)})`).join(', ')));
    }
    f.candidates.forEach((c, j) => {
      out.push(`    ${j + 1}. ${s.bold(c.title)}  ${s.green(`${confidenceWord(c.confidence)} ${c.confidence.toFixed(2)}`)}`);
      out.push(s.dim(`       ${c.id} · root cause ${c.rootCause} · bug type ${c.bugType} · impact ${c.impacts.join(', ')}`));
      out.push(`       Why: ${c.evidence.slice(0, 4).join('; ')}`);
      c.fixes.slice(0, j === 0 ? 4 : 1).forEach((fix, k) => out.push(`       Fix ${k + 1}: ${fix}`));
      if (c.references[0]) out.push(s.cyan(`       See: ${c.references[0]}`));
    });
    out.push('');
  });
  return out.join('\n') + '\n';
}

export function patternText(p: CompiledPattern, s: Style): string {
  const out = [
    s.bold(p.title),
    s.dim(`${p.id} · root cause ${p.rootCause} · bug type ${p.bugType} · impact ${p.impacts.join(', ')}`),
    '',
    p.summary,
    '',
    p.explanation,
    '',
    s.bold('Fixes'),
  ];
  p.fixes.forEach((f, i) => {
    out.push(`  ${i + 1}. ${f.title}${f.detail ? ': ' + f.detail : ''}`);
    if (f.before) out.push(s.red(f.before.split('\n').map((l) => '       - ' + l).join('\n')));
    if (f.after) out.push(s.green(f.after.split('\n').map((l) => '       + ' + l).join('\n')));
  });
  out.push('', s.bold('References'), ...p.references.map((r) => `  ${s.cyan(r.url)}${r.title ? ' — ' + r.title : ''}`));
  if (p.libraries?.length) out.push('', `Libraries: ${p.libraries.join(', ')}`);
  return out.join('\n') + '\n';
}
