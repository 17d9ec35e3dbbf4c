/**
 * From evidence score to a confidence in [0, 1]. The curve was fitted by hand to the
 * evaluation corpus (`npm run eval` prints the reliability table): a decisive message regex
 * alone lands near 0.7, a regex plus a specific exception type near 0.9, a lone phrase or a
 * generic type stays under the threshold.
 */

/** Below this a candidate is not reported: the answer is "no confident match". */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

const SCALE = 2.5;

export function confidenceOf(score: number, content: number): number {
  if (score <= 0 || content <= 0) return 0;
  let c = 1 - Math.exp(-score / SCALE);
  // Without any message evidence of weight, hold the claim below the threshold.
  if (content < 1) c = Math.min(c, 0.45);
  return Math.round(Math.min(0.99, c) * 100) / 100;
}
