// Tiny patterns for unit tests of the ranking stages: a real pattern's shape with the fields under
// test replaced, so a test states only what it is about.
import { defaultTaxonomy } from '../../src/core/diagnose';
import type { CompiledPattern, CompiledTaxonomy, PatternSignals } from '../../src/core/types';

export function makePattern(id: string, rootCause: string, title: string, signals: PatternSignals = {}, exampleKeys: string[] = []): CompiledPattern {
  return { ...defaultTaxonomy().patterns[0]!, id, rootCause, title, summary: '', explanation: '', tags: [], signals, exampleKeys };
}

/** The bundled taxonomy's vocabulary with only these patterns. */
export function taxonomyOf(...patterns: CompiledPattern[]): CompiledTaxonomy {
  return { ...defaultTaxonomy(), patterns };
}
