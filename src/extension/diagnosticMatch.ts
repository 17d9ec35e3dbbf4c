/**
 * Which pattern a diagnostic of any source is about: ours carry the pattern id as their code;
 * another tool's (Pylance, Jupyter, a linter) is matched by its message. Shared by the hover
 * and the code actions.
 */
import * as vscode from 'vscode';
import type { Candidate, CompiledPattern } from '../core/types';
import { DIAGNOSTIC_SOURCE } from './commands';
import type { Services } from './services';

export interface DiagnosticMatch {
  pattern: CompiledPattern;
  /** Present when the match came from the core (another tool's message). */
  candidate?: Candidate;
  confidence: number;
  /** The text to diagnose when the user asks for the full story. */
  text: string;
  ours: boolean;
}

/** A message longer than this is not an error message a tool wrote; leave it alone. */
const MAX_MESSAGE = 4000;

function codeValue(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return String(c);
  if (c && typeof c === 'object') return String(c.value);
  return undefined;
}

export function matchDiagnostic(s: Services, uri: vscode.Uri, d: vscode.Diagnostic): DiagnosticMatch | undefined {
  if (d.source === DIAGNOSTIC_SOURCE) {
    const id = codeValue(d);
    const pattern = id ? s.doctor.pattern(id) : undefined;
    if (!pattern) return undefined;
    const confidence = Number(/ (\d\.\d\d)\)$/.exec(d.message)?.[1] ?? 1);
    return { pattern, confidence, text: s.diagnostics?.textFor(uri, d) ?? d.message, ours: true };
  }
  if (!d.message || d.message.length > MAX_MESSAGE) return undefined;
  const best = s.doctor.analyse(d.message).best;
  if (!best) return undefined;
  const pattern = s.doctor.pattern(best.candidate.id);
  if (!pattern) return undefined;
  return { pattern, candidate: best.candidate, confidence: best.candidate.confidence, text: d.message, ours: false };
}
