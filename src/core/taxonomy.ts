/**
 * The compiled taxonomy at run time: regexes compiled once per taxonomy, lookups by id.
 * Validation against the JSON Schema happens at build time (scripts/check-taxonomy.mjs);
 * here we only guard the shape, so a damaged bundle gives a clear error instead of a crash.
 */
import type { CompiledPattern, CompiledTaxonomy } from './types';

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
  phrases: string[];
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
      phrases: (s.phrases ?? []).map((x) => x.toLowerCase()),
      frameHints: (s.frameHints ?? []).map((x) => x.toLowerCase()),
      libraries: new Set((p.libraries ?? []).map((l) => l.toLowerCase().replace(/_/g, '-'))),
    };
  });
  const runtime: RuntimeTaxonomy = { taxonomy, patterns, byId: new Map(patterns.map((p) => [p.pattern.id, p])) };
  cache.set(taxonomy, runtime);
  return runtime;
}
