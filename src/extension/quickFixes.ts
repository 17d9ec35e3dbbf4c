/**
 * Small, safe source edits for patterns whose fix is one: an argument added to a call, a line
 * inserted. Each finds its target near the diagnostic's line, refuses when it is already
 * there or cannot be found, and never rewrites more than a call's arguments or one line.
 * Pure: text in, edits (offsets into that text) out; no `vscode` import.
 */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface QuickFix {
  id: string;
  title: string;
  /** The pattern ids it answers. */
  patterns: readonly string[];
  /** The best fix for its patterns (shown first, `isPreferred`). */
  preferred: boolean;
  compute(text: string, line: number): TextEdit[] | undefined;
}

/** Calls are looked for this many lines around the diagnostic. */
const WINDOW_BEFORE = 200;
const WINDOW_AFTER = 20;

interface Call {
  /** Offset of the callee's first character. */
  start: number;
  open: number;
  close: number;
  args: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function offsetOfLine(starts: number[], line: number): number {
  return starts[Math.max(0, Math.min(line, starts.length - 1))]!;
}

function endOfLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl;
}

/** The offset of the parenthesis closing the one at `open`, skipping strings and comments. */
export function matchingParen(text: string, open: number, limit = 20_000): number | undefined {
  let depth = 0;
  const end = Math.min(text.length, open + limit);
  for (let i = open; i < end; i++) {
    const c = text[i]!;
    if (c === '#') {
      i = endOfLine(text, i);
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < end && !text.startsWith(quote, j)) {
        if (text[j] === '\\') j++;
        else if (!triple && text[j] === '\n') break;
        j++;
      }
      i = j + quote.length - 1;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return c === ')' ? i : undefined;
    }
  }
  return undefined;
}

/**
 * Calls whose callee matches `callee` (a regex ending just before the open parenthesis) in the
 * window around `line`, nearest first: one that spans the line, then the closest above, then
 * below.
 */
export function findCalls(text: string, line: number, callee: RegExp): Call[] {
  const starts = lineStarts(text);
  const from = offsetOfLine(starts, line - WINDOW_BEFORE);
  const to = endOfLine(text, offsetOfLine(starts, line + WINDOW_AFTER));
  const lineStart = offsetOfLine(starts, line);
  const lineEnd = endOfLine(text, lineStart);
  const re = new RegExp(`(?:${callee.source})\\s*\\(`, 'g');
  re.lastIndex = from;
  const found: { call: Call; rank: number }[] = [];
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    const close = matchingParen(text, open);
    if (close === undefined) continue;
    const call: Call = { start: m.index, open, close, args: text.slice(open + 1, close) };
    const spans = call.start <= lineEnd && call.close >= lineStart;
    const rank = spans ? 0 : call.close < lineStart ? lineStart - call.close : 1_000_000 + (call.start - lineEnd);
    found.push({ call, rank });
  }
  return found.sort((a, b) => a.rank - b.rank).map((f) => f.call);
}

/** Adds keyword arguments at the end of a call's argument list, keeping its layout. */
export function addArguments(text: string, call: Call, args: string): TextEdit {
  const inner = call.args;
  const trimmed = inner.replace(/\s+$/, '');
  if (trimmed.trim() === '') return { start: call.open + 1, end: call.close, text: args };
  const at = call.open + 1 + trimmed.length;
  return { start: at, end: at, text: trimmed.endsWith(',') ? ` ${args}` : `, ${args}` };
}

function hasKeyword(args: string, name: string): boolean {
  return new RegExp(`\\b${name}\\s*=`).test(args);
}

function indentOf(text: string, lineStart: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart, endOfLine(text, lineStart)))![0];
}

/** Inserts a line before `line`, with that line's indentation. */
function insertBefore(text: string, line: number, code: string): TextEdit {
  const starts = lineStarts(text);
  const at = offsetOfLine(starts, line);
  return { start: at, end: at, text: `${indentOf(text, at)}${code}\n` };
}

/** Inserts a line after the statement that ends at `offset`, indented like the statement. */
function insertAfterStatement(text: string, statementStart: number, offset: number, code: string): TextEdit {
  const starts = lineStarts(text);
  let lineIdx = starts.findIndex((s) => s > statementStart) - 1;
  if (lineIdx < 0) lineIdx = starts.length - 1;
  const indent = indentOf(text, starts[lineIdx]!);
  const eol = endOfLine(text, offset);
  return eol >= text.length ? { start: eol, end: eol, text: `\n${indent}${code}\n` } : { start: eol + 1, end: eol + 1, text: `${indent}${code}\n` };
}

function addArgsFix(callee: RegExp, keyword: string, args: string, pick?: (c: Call, text: string) => boolean) {
  return (text: string, line: number): TextEdit[] | undefined => {
    const call = findCalls(text, line, callee).find((c) => !pick || pick(c, text));
    if (!call || hasKeyword(call.args, keyword)) return undefined;
    return [addArguments(text, call, args)];
  };
}

/** `tokenizer(...)`, `self.tokenizer(...)`, `tok.encode_plus(...)`, not `AutoTokenizer.from_pretrained(...)`. */
const TOKENIZER_CALL = /\b(?:[A-Za-z_]\w*\.)*(?:[A-Za-z_]*tokenizer\w*|tok)(?:\.(?:encode|encode_plus|batch_encode_plus|__call__))?/;
const TOKENIZER_CREATED = /^[ \t]*([A-Za-z_][\w.]*)\s*=\s*[\w.]*Tokenizer\w*\.from_pretrained\s*\(/gm;
const MODEL_CREATED = /^[ \t]*([A-Za-z_][\w.]*)\s*=\s*[\w.]*(?:Model|For[A-Z]\w*|Pipeline)\w*\.from_pretrained\s*\(/gm;

/** The last match of `re` that starts before `before` (or the first one at all). */
function lastBefore(text: string, re: RegExp, before: number): RegExpExecArray | undefined {
  re.lastIndex = 0;
  let best: RegExpExecArray | undefined;
  let first: RegExpExecArray | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    first ??= m;
    if (m.index < before) best = m;
    else break;
  }
  return best ?? first;
}

function variable(text: string, re: RegExp, before: number, fallback: string): string {
  return lastBefore(text, re, before)?.[1] ?? fallback;
}

function lineOffset(text: string, line: number): number {
  return offsetOfLine(lineStarts(text), line);
}

export const QUICK_FIXES: readonly QuickFix[] = [
  {
    id: 'tokenizer-truncation',
    title: 'Truncate the tokenizer call: add truncation=True, max_length=512',
    patterns: [
      'position-embeddings-index-out-of-range',
      'token-indices-sequence-length-warning',
      'position-embeddings-size-mismatch',
      'token-type-ids-buffer-expand-size',
      'tf-position-index-beyond-max-length',
      'roberta-514-position-offset',
      'bert-tf-max-seq-length-over-512',
    ],
    preferred: true,
    compute: addArgsFix(TOKENIZER_CALL, 'truncation', 'truncation=True, max_length=512'),
  },
  {
    id: 'tokenizer-padding',
    title: 'Pad and truncate in the tokenizer call: add padding=True, truncation=True',
    patterns: ['unable-to-create-tensor-padding'],
    preferred: true,
    compute: addArgsFix(TOKENIZER_CALL, 'padding', 'padding=True, truncation=True'),
  },
  {
    id: 'torch-load-map-location',
    title: "Load the checkpoint on the CPU: add map_location='cpu' to torch.load",
    patterns: ['torch-load-cuda-checkpoint-on-cpu'],
    preferred: true,
    compute: addArgsFix(/\btorch\.load/, 'map_location', "map_location='cpu'"),
  },
  {
    id: 'ignore-mismatched-sizes',
    title: 'Re-initialise the mismatched head: add ignore_mismatched_sizes=True to from_pretrained',
    patterns: ['classifier-head-num-labels-mismatch'],
    preferred: true,
    compute: addArgsFix(/\b[\w.]*\.from_pretrained/, 'ignore_mismatched_sizes', 'ignore_mismatched_sizes=True', (c, text) => !/Tokenizer|Config|Processor/.test(text.slice(c.start, c.open))),
  },
  {
    id: 'pad-token-eos',
    title: 'Reuse the EOS token as pad token: tokenizer.pad_token = tokenizer.eos_token',
    patterns: ['missing-pad-token-asking-to-pad', 'special-token-not-set-warning'],
    preferred: true,
    compute(text, line) {
      if (/\.pad_token\s*=/.test(text)) return undefined;
      const at = lineOffset(text, line);
      const created = lastBefore(text, TOKENIZER_CREATED, at);
      if (created) {
        const open = created.index + created[0].length - 1;
        const close = matchingParen(text, open);
        if (close === undefined) return undefined;
        const tok = created[1]!;
        return [insertAfterStatement(text, created.index, close, `${tok}.pad_token = ${tok}.eos_token`)];
      }
      return [insertBefore(text, line, 'tokenizer.pad_token = tokenizer.eos_token')];
    },
  },
  {
    id: 'resize-token-embeddings',
    title: 'Resize the embeddings to the tokenizer: model.resize_token_embeddings(len(tokenizer))',
    patterns: ['added-tokens-without-resize-embeddings', 'cuda-embedding-index-assert', 'config-vocab-size-differs-from-tokenizer', 'special-tokens-added-embeddings-untrained'],
    preferred: true,
    compute(text, line) {
      if (/\.resize_token_embeddings\s*\(/.test(text)) return undefined;
      const at = lineOffset(text, line);
      const model = variable(text, MODEL_CREATED, at, 'model');
      const added = lastBefore(text, /([A-Za-z_][\w.]*)\.add_(?:special_)?tokens\s*\(/g, at);
      if (added && added.index < at) {
        const close = matchingParen(text, added.index + added[0].length - 1);
        if (close === undefined) return undefined;
        return [insertAfterStatement(text, added.index, close, `${model}.resize_token_embeddings(len(${added[1]}))`)];
      }
      const tok = variable(text, TOKENIZER_CREATED, at, 'tokenizer');
      return [insertBefore(text, line, `${model}.resize_token_embeddings(len(${tok}))`)];
    },
  },
  {
    id: 'model-eval',
    title: 'Switch off dropout before inference: insert model.eval()',
    patterns: ['inconsistent-outputs-missing-model-eval'],
    preferred: true,
    compute(text, line) {
      const at = lineOffset(text, line);
      const current = text.slice(at, endOfLine(text, at));
      const onLine = /\b([A-Za-z_]\w*model\w*)(?:\.generate)?\s*\(/i.exec(current)?.[1];
      const model = onLine ?? variable(text, MODEL_CREATED, at, 'model');
      if (new RegExp(`\\b${model.replace(/\./g, '\\.')}\\.eval\\(\\)`).test(text)) return undefined;
      return [insertBefore(text, line, `${model}.eval()`)];
    },
  },
  {
    id: 'eval-strategy-rename',
    title: 'Use the new argument name: evaluation_strategy → eval_strategy',
    patterns: ['transformers-evaluation-strategy-renamed'],
    preferred: true,
    compute(text, line) {
      const call = findCalls(text, line, /\b(?:[\w.]*TrainingArguments|[\w.]*Config)/).find((c) => /\bevaluation_strategy\s*=/.test(c.args));
      if (!call) return undefined;
      const m = /\bevaluation_strategy(?=\s*=)/.exec(call.args)!;
      const start = call.open + 1 + m.index;
      return [{ start, end: start + 'evaluation_strategy'.length, text: 'eval_strategy' }];
    },
  },
  {
    id: 'adamw-from-torch',
    title: 'Import AdamW from torch.optim instead of transformers',
    patterns: ['transformers-adamw-removed'],
    preferred: true,
    compute(text) {
      const m = /^([ \t]*)from transformers import ([^\n(]*\bAdamW\b[^\n(]*)$/m.exec(text);
      if (!m) return undefined;
      const names = m[2]!.split(',').map((n) => n.trim()).filter(Boolean);
      const rest = names.filter((n) => n !== 'AdamW');
      const replacement = rest.length ? `${m[1]}from transformers import ${rest.join(', ')}\n${m[1]}from torch.optim import AdamW` : `${m[1]}from torch.optim import AdamW`;
      return [{ start: m.index, end: m.index + m[0].length, text: replacement }];
    },
  },
  {
    id: 'tokenizers-parallelism-off',
    title: 'Turn off tokenizers parallelism before any fork: TOKENIZERS_PARALLELISM=false',
    patterns: ['tokenizers-parallelism-after-fork'],
    preferred: true,
    compute(text) {
      if (/TOKENIZERS_PARALLELISM/.test(text)) return undefined;
      // After a shebang, an encoding line, the docstring and `from __future__` imports.
      const lines = text.split('\n');
      let i = 0;
      while (i < lines.length && /^(#!|#.*coding[:=])/.test(lines[i]!)) i++;
      const future = lines.reduce((last, l, k) => (/^from __future__ import/.test(l) ? k + 1 : last), 0);
      i = Math.max(i, future);
      const at = lineOffset(text, i);
      const hasOs = /^import os\b/m.test(text);
      return [{ start: at, end: at, text: `${hasOs ? '' : 'import os\n'}os.environ["TOKENIZERS_PARALLELISM"] = "false"\n` }];
    },
  },
];

/** The quick fixes that apply to this pattern at this line (each with its edits). */
export function quickFixesFor(patternId: string, text: string, line: number): { fix: QuickFix; edits: TextEdit[] }[] {
  const out: { fix: QuickFix; edits: TextEdit[] }[] = [];
  for (const fix of QUICK_FIXES) {
    if (!fix.patterns.includes(patternId)) continue;
    const edits = fix.compute(text, line);
    if (edits?.length) out.push({ fix, edits });
  }
  return out;
}
