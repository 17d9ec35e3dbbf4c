/**
 * Fuzzy search over the taxonomy for people (browse mode, Search Taxonomy…): titles, ids,
 * summaries, tags and libraries. The host and the sidebar page share it. No `vscode` import.
 */
import Fuse from 'fuse.js';
import type { PatternSummary } from './sidebar/protocol';

export interface PatternSearch {
  /** Best first; an empty query returns every pattern in taxonomy order. */
  search(query: string, limit?: number): PatternSummary[];
}

export function createPatternSearch(patterns: readonly PatternSummary[]): PatternSearch {
  const fuse = new Fuse([...patterns], {
    keys: [
      { name: 'title', weight: 3 },
      { name: 'id', weight: 2 },
      { name: 'tags', weight: 1.5 },
      { name: 'libraries', weight: 1 },
      { name: 'rootCause', weight: 1 },
      { name: 'summary', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
    minMatchCharLength: 2,
    includeScore: true,
    // Each word is matched fuzzily on its own and all must match somewhere ("tokenizr pad token").
    useExtendedSearch: true,
  });
  return {
    search(query: string, limit = 50): PatternSummary[] {
      // Extended-search operators (^ ! = ' $ |) are not a syntax people should have to learn.
      const q = query.replace(/[!^$='|"]/g, ' ').split(/\s+/).filter(Boolean).slice(0, 8).join(' ').slice(0, 96);
      if (!q) return patterns.slice(0, limit);
      return fuse.search(q, { limit }).map((r) => r.item);
    },
  };
}
