/**
 * Which root cause a report's words are most like: a naive Bayes model over the words of every
 * pattern of each root cause (title, summary, explanation, phrases, tags and example keys: what
 * the words stage indexes). A pattern stands for one bug; its root cause is shared by a hundred
 * patterns, so the words of a whole root cause still speak when no single pattern fits the
 * report, or when the first candidate rests on weak evidence.
 */
import { patternTerms, terms } from './lexical';
import { perTaxonomy, type RuntimeTaxonomy } from './taxonomy';

/** Additive smoothing for a word a root cause's patterns never use. */
const ALPHA = 0.1;

interface RootCauseModel {
  causes: string[];
  /** log P(root cause), from the share of patterns. */
  prior: number[];
  /** term → log P(term | root cause), per cause. */
  logLikelihood: Map<string, Float64Array>;
}

const model = perTaxonomy((tax: RuntimeTaxonomy): RootCauseModel => {
  const causes = [...new Set(tax.patterns.map((p) => p.pattern.rootCause))].sort();
  const at = new Map(causes.map((c, i) => [c, i]));
  const patterns = new Float64Array(causes.length);
  const totals = new Float64Array(causes.length);
  const counts = new Map<string, Float64Array>();
  const termsOf = patternTerms(tax);
  tax.patterns.forEach((p, k) => {
    const i = at.get(p.pattern.rootCause)!;
    patterns[i]!++;
    for (const t of termsOf[k]!) {
      let row = counts.get(t);
      if (!row) counts.set(t, (row = new Float64Array(causes.length)));
      row[i]!++;
      totals[i]!++;
    }
  });
  const vocabulary = counts.size;
  const logLikelihood = new Map<string, Float64Array>();
  for (const [t, row] of counts) logLikelihood.set(t, row.map((n, i) => Math.log((n + ALPHA) / (totals[i]! + ALPHA * vocabulary))));
  const prior = [...patterns].map((n) => Math.log(n / Math.max(1, tax.patterns.length)));
  return { causes, prior, logLikelihood };
});

/**
 * Log score of each root cause for a text (its distinct known words, each counted once): higher
 * is likelier. Only differences between causes mean anything.
 */
export function rootCauseScores(tax: RuntimeTaxonomy, text: string): Map<string, number> {
  const m = model(tax);
  const score = [...m.prior];
  for (const t of new Set(terms(text))) {
    const row = m.logLikelihood.get(t);
    if (row) for (let i = 0; i < score.length; i++) score[i]! += row[i]!;
  }
  return new Map(m.causes.map((c, i) => [c, score[i]!]));
}
