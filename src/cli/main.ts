/**
 * `reuse-doctor`: the diagnosis core on a file or stdin, for terminals and CI logs.
 * Exit 0 when the input was read and analysed (matched or not), 2 on usage errors or unreadable
 * input (one line on stderr), 1 only for an internal error — never a stack trace.
 */
import { DEFAULT_MIN_CONFIDENCE } from '../core/confidence';
import { defaultTaxonomy, diagnose, DEFAULT_TOP } from '../core/diagnose';
import type { CompiledPattern } from '../core/types';
import { COLOUR, PLAIN, patternText, toJson, toText } from './format';
import { InputError, readFileTail, readStdinTail, type ReadResult } from './input';

const VERSION = '0.1.0';

const USAGE = `Usage:
  reuse-doctor diagnose [FILE|-] [--json] [--top N] [--min-confidence X] [--no-color]
  reuse-doctor list [--root-cause ID] [--library NAME] [--json]
  reuse-doctor show ID [--json]
  reuse-doctor --help | --version

diagnose  reads FILE (or stdin for - or no FILE) and prints the likely root causes and fixes
          of every error in it. --json prints the stable JSON report (version 1).
          Defaults: --top ${DEFAULT_TOP}, --min-confidence ${DEFAULT_MIN_CONFIDENCE}.
list      lists the taxonomy's patterns, optionally filtered.
show      prints one pattern in full.`;

class UsageError extends Error {}

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--top', '--min-confidence', '--root-cause', '--library']);
const BOOL_FLAGS = new Set(['--json', '--no-color', '--color', '--help', '-h', '--version', '-V']);

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-' || !a.startsWith('-')) { positional.push(a); continue; }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (VALUE_FLAGS.has(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      flags.set(name, v);
    } else if (BOOL_FLAGS.has(name)) flags.set(name, true);
    else throw new UsageError(`unknown option ${name}`);
  }
  return { command: positional.shift() ?? '', positional, flags };
}

function numberFlag(flags: Parsed['flags'], name: string, min: number, max: number, integer: boolean): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${String(v)}"`);
  }
  return n;
}

function useColour(flags: Parsed['flags']): boolean {
  if (flags.has('--no-color') || process.env.NO_COLOR) return false;
  if (flags.has('--color')) return true;
  return Boolean(process.stdout.isTTY);
}

async function runDiagnose(p: Parsed): Promise<number> {
  const top = numberFlag(p.flags, '--top', 1, 50, true) ?? DEFAULT_TOP;
  const minConfidence = numberFlag(p.flags, '--min-confidence', 0, 1, false) ?? DEFAULT_MIN_CONFIDENCE;
  if (p.positional.length > 1) throw new UsageError('diagnose takes one FILE (or - for stdin)');
  const file = p.positional[0] ?? '-';
  if (file === '-' && process.stdin.isTTY && p.positional.length === 0) {
    throw new UsageError('no input: give a FILE, or pipe the error text in (… | reuse-doctor diagnose -)');
  }
  const input: ReadResult = file === '-' ? await readStdinTail() : readFileTail(file);
  const report = diagnose(input.text, { top, minConfidence, source: { bytes: input.bytes, truncated: input.truncated } });
  if (report.input.binary) {
    process.stderr.write(`reuse-doctor: ${file === '-' ? 'stdin' : file}: looks like binary data, not text: nothing to diagnose\n`);
    return 2;
  }
  process.stdout.write(p.flags.has('--json') ? JSON.stringify(toJson(report), null, 2) + '\n' : toText(report, useColour(p.flags) ? COLOUR : PLAIN));
  return 0;
}

function runList(p: Parsed): number {
  const rc = p.flags.get('--root-cause');
  const lib = p.flags.get('--library');
  const tax = defaultTaxonomy();
  if (typeof rc === 'string' && !tax.vocabulary.rootCauses.some((r) => r.id === rc)) {
    throw new UsageError(`unknown root cause "${rc}"; one of: ${tax.vocabulary.rootCauses.map((r) => r.id).join(', ')}`);
  }
  const patterns = tax.patterns.filter((x: CompiledPattern) =>
    (typeof rc !== 'string' || x.rootCause === rc) &&
    (typeof lib !== 'string' || (x.libraries ?? []).some((l) => l.replace(/_/g, '-') === lib.toLowerCase().replace(/_/g, '-'))));
  if (p.flags.has('--json')) {
    process.stdout.write(JSON.stringify(patterns.map((x) => ({ id: x.id, title: x.title, rootCause: x.rootCause, bugType: x.bugType, impacts: x.impacts, libraries: x.libraries ?? [] })), null, 2) + '\n');
    return 0;
  }
  const width = Math.max(2, ...patterns.map((x) => x.id.length));
  for (const x of patterns) process.stdout.write(`${x.id.padEnd(width)}  ${x.rootCause.padEnd(32)}  ${x.title}\n`);
  process.stdout.write(`${patterns.length} pattern(s)\n`);
  return 0;
}

function runShow(p: Parsed): number {
  const id = p.positional[0];
  if (!id) throw new UsageError('show needs a pattern ID (see: reuse-doctor list)');
  const pattern = defaultTaxonomy().patterns.find((x) => x.id === id);
  if (!pattern) throw new UsageError(`no pattern with id "${id}" (see: reuse-doctor list)`);
  if (p.flags.has('--json')) {
    const { exampleKeys: _keys, ...rest } = pattern;
    process.stdout.write(JSON.stringify(rest, null, 2) + '\n');
  } else process.stdout.write(patternText(pattern, useColour(p.flags) ? COLOUR : PLAIN));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const p = parseArgs(argv);
    if (p.flags.has('--version') || p.flags.has('-V')) { process.stdout.write(VERSION + '\n'); return 0; }
    if (p.flags.has('--help') || p.flags.has('-h') || p.command === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
    switch (p.command) {
      case 'diagnose': return await runDiagnose(p);
      case 'list': return runList(p);
      case 'show': return runShow(p);
      case '': throw new UsageError('missing command');
      default: throw new UsageError(`unknown command "${p.command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`reuse-doctor: ${e.message}\n${USAGE.split('\n').slice(0, 5).join('\n')}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`reuse-doctor: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`reuse-doctor: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 1;
  }
}

// EPIPE (`reuse-doctor … | head`) is not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
