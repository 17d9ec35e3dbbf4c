/**
 * The compiled taxonomy at run time: regexes compiled once per taxonomy, lookups by id.
 * Validation against the JSON Schema happens at build time (scripts/check-taxonomy.mjs);
 * here we only guard the shape, so a damaged bundle gives a clear error instead of a crash.
 */
import type { CompiledPattern, CompiledTaxonomy } from './types';

/**
 * A lone plain word ("embedding", "tokenizer", "offload") turns up in reports of many bugs; a
 * phrase of several words or an identifier (`device_map`, `torch.Size([0])`) names one.
 */
export function phraseWeight(phrase: string): number {
  return /[\s_.()[\]=\/:-]|\d/.test(phrase.trim()) ? 1 : 0.5;
}

export interface RuntimePhrase {
  /** Lower-cased, as it is searched for. */
  text: string;
  weight: number;
}

export interface RuntimeRegex {
  re: RegExp;
  source: string;
  weight: number;
}

export interface RuntimePattern {
  pattern: CompiledPattern;
  types: { name: string; last: string }[];
  regexes: RuntimeRegex[];
  negatives: RuntimeRegex[];
  requires: RuntimeRegex[];
  phrases: RuntimePhrase[];
  frameHints: string[];
  libraries: Set<string>;
}

export interface RuntimeTaxonomy {
  taxonomy: CompiledTaxonomy;
  patterns: RuntimePattern[];
  byId: Map<string, RuntimePattern>;
}

export class TaxonomyError extends Error {}

const cache = new WeakMap<CompiledTaxonomy, RuntimeTaxonomy>();

function compileRegex(source: string, weight: number | undefined, id: string): RuntimeRegex {
  try {
    return { re: new RegExp(source, 'i'), source, weight: weight ?? 2 };
  } catch (e) {
    throw new TaxonomyError(`pattern ${id}: invalid regex /${source}/: ${(e as Error).message}`);
  }
}

export function prepareTaxonomy(taxonomy: CompiledTaxonomy): RuntimeTaxonomy {
  const hit = cache.get(taxonomy);
  if (hit) return hit;
  if (!taxonomy || !Array.isArray(taxonomy.patterns) || !taxonomy.vocabulary) {
    throw new TaxonomyError('taxonomy bundle is malformed: expected { version, vocabulary, patterns[] }');
  }
  const patterns = taxonomy.patterns.map((p): RuntimePattern => {
    if (!p || typeof p.id !== 'string' || !p.signals) throw new TaxonomyError(`taxonomy bundle has a malformed pattern: ${JSON.stringify(p).slice(0, 80)}`);
    const s = p.signals;
    return {
      pattern: p,
      types: (s.exceptionTypes ?? []).map((t) => ({ name: t.toLowerCase(), last: t.toLowerCase().split('.').pop()! })),
      regexes: (s.messagePatterns ?? []).map((r) => compileRegex(r.regex, r.weight, p.id)),
      negatives: (s.negativePatterns ?? []).map((r) => compileRegex(r.regex, r.weight, p.id)),
      requires: (s.requires ?? []).map((r) => compileRegex(r.regex, r.weight, p.id)),
      phrases: (s.phrases ?? []).map((x) => ({ text: x.toLowerCase(), weight: phraseWeight(x) })),
      // Compared with forward slashes on both sides, so `transformers/generation` also names a Windows frame.
      frameHints: (s.frameHints ?? []).map((x) => x.toLowerCase().replace(/\\/g, '/')),
      libraries: new Set((p.libraries ?? []).map((l) => l.toLowerCase().replace(/_/g, '-'))),
    };
  });
  const runtime: RuntimeTaxonomy = { taxonomy, patterns, byId: new Map(patterns.map((p) => [p.pattern.id, p])) };
  cache.set(taxonomy, runtime);
  return runtime;
}

/** A value derived from a taxonomy (a search index), built on first use and kept while it lives. */
export function perTaxonomy<T>(build: (tax: RuntimeTaxonomy) => T): (tax: RuntimeTaxonomy) => T {
  const built = new WeakMap<RuntimeTaxonomy, T>();
  return (tax) => {
    let value = built.get(tax);
    if (value === undefined) {
      value = build(tax);
      built.set(tax, value);
    }
    return value;
  };
}
