/**
 * The one entry point every surface calls: text in, ranked diagnosis out.
 * normalise → parse every error → score each against the taxonomy → calibrated candidates.
 */
import bundledTaxonomy from 'reuse-doctor:taxonomy';
import { confidenceOf, DEFAULT_MIN_CONFIDENCE } from './confidence';
import { FUZZY_CUTOFF, fuzzyMatches } from './fuzzy';
import { hasGenericType, negativesOf, scoreFinding, subjectOf, type Scored } from './match';
import { normalise } from './normalize';
import { describedSymptom, parseErrors } from './parse/parse';
import type { LexicalHit } from './lexical';
import { closestByWords, mentionsReuse, wordsAnswer, wordsNeighbours, wordsScores } from './similar-words';
import { rootCauseScores } from './root-cause-words';
import { prepareTaxonomy, type RuntimePattern, type RuntimeTaxonomy } from './taxonomy';
import type { Candidate, CompiledTaxonomy, DiagnoseOptions, ErrorInfo, Evidence, Finding, Report } from './types';

export const DEFAULT_TOP = 3;
export const DEFAULT_MAX_FINDINGS = 20;
/** Fuzzy similarity adds at most this much score, and only where signals are not decisive. */
const FUZZY_MAX_BONUS = 1.5;
const SIGNALS_DECISIVE = 2;
/** Context (warnings, surrounding prose) is read up to this size. */
const MAX_CONTEXT_CHARS = 20000;
/** A pattern whose required context is missing stays below the default threshold. */
const REQUIRES_CAP = 0.4;
/** Word neighbours offered below an answer: at most this many, each at "possible" confidence (0.51). */
const MAX_ALTERNATIVES = 2;
const ALTERNATIVE_SCORE = 1.8;

export function defaultTaxonomy(): CompiledTaxonomy {
  return bundledTaxonomy;
}

/**
 * Signals that would be reported on their own: enough score, message evidence of weight, and no
 * missing required context. A capped or type-only lead is not an answer, so the similarity
 * stages still get their say.
 */
const decisive = (s: Scored) => s.score >= SIGNALS_DECISIVE && s.content >= 1 && !s.capped;

const confidenceOfScored = (s: Scored) => (s.capped ? Math.min(confidenceOf(s.score, s.content), REQUIRES_CAP) : confidenceOf(s.score, s.content));

const byScore = (a: Scored, b: Scored) => b.score - a.score || b.content - a.content || a.pattern.pattern.id.localeCompare(b.pattern.pattern.id);

/**
 * Whether the message matches one of the pattern's own negatives: its author saying "not this
 * one". The one test for every stage, whether or not the signals scored the pattern (a candidate
 * they scored carries the same verdict as negative evidence).
 */
const contradicts = (message: string, p: RuntimePattern) => negativesOf(p, message).length > 0;

/**
 * Adds a similarity bonus to a pattern's score, entering the pattern if no signal found it. With
 * the message as `against`, a pattern it contradicts (one of the pattern's own negatives matches)
 * gets none: likeness is the weakest evidence, and a negative is its author saying "not this
 * one". The answer stages pass it; the alternatives below an answer do not, since a sibling that
 * a negative tells apart is still a fair "look here too" (withholding it cost a case of pattern
 * top-3 on `npm run dev:since`, and changed no answer). A pattern entered this way is not held to
 * its `requires` either: capping such entries (as the signals stage caps its own) was measured in
 * round 41 and cost more right answers than wrong ones it removed (`npm run dev:since --novel` on
 * four rounds: root cause top-1 -1.1 to -2.2 points, top-3 -2.7 to -3.8, wrong -2.2 to -4.9), since
 * a neighbour's root cause is often right where its narrow required context is absent.
 */
function addBonus(tax: RuntimeTaxonomy, scored: Scored[], id: string, ev: Evidence, against?: string): void {
  if (against !== undefined && contradicts(against, tax.byId.get(id)!)) return;
  const s = scored.find((x) => x.pattern.pattern.id === id);
  if (s) {
    s.score += ev.weight;
    s.content += ev.weight;
    s.evidence.push(ev);
  } else {
    scored.push({ pattern: tax.byId.get(id)!, score: ev.weight, content: ev.weight, evidence: [ev] });
  }
}

/**
 * Fuzzy likeness of the message to a pattern's keys, where signals are not decisive. It is skipped
 * (`counts` false) for a generic exception type in text that never mentions model reuse: a bare
 * "TypeError: 'NoneType' object is not iterable" is near-identical to the example line of any
 * pattern whose bug ends in it, and likeness alone then named a library the text never mentions.
 * Measured on `npm run dev:since` with the taxonomies of rounds 5–8 (318–734 later reports each):
 * top-1 and top-3 unchanged, "no confident match" within 0.2 points.
 */
function withFuzzy(tax: RuntimeTaxonomy, scored: Scored[], subject: string, counts: () => boolean): Scored[] {
  if (scored.some(decisive) || !counts()) return scored;
  for (const [id, hit] of fuzzyMatches(tax, subject)) {
    const bonus = Math.round(((FUZZY_CUTOFF - hit.score) / FUZZY_CUTOFF) * FUZZY_MAX_BONUS * 100) / 100;
    if (bonus > 0) addBonus(tax, scored, id, { kind: 'fuzzy', text: `similar to "${hit.key}" (distance ${hit.score.toFixed(2)})`, weight: bonus }, subject);
  }
  return scored.sort(byScore);
}

/** Shared rare words decide only what neither the signals nor the fuzzy keys could. */
function withWords(tax: RuntimeTaxonomy, scored: Scored[], subject: string, closest: () => LexicalHit[]): Scored[] {
  if (scored.some(decisive)) return scored;
  for (const hit of wordsAnswer(tax, closest())) {
    addBonus(tax, scored, hit.id, { kind: 'words', text: `shares the words ${hit.words.map((w) => `"${w}"`).join(', ')} with this pattern`, weight: hit.bonus }, subject);
  }
  return scored.sort(byScore);
}

/**
 * Once there is an answer, the patterns whose words the message shares most are offered below
 * it, so that a user whose first answer is wrong still sees where else to look. They rank under
 * every candidate already shown, so on their own they never change the answer (the root-cause
 * vote below may, when they agree), and they need a reuse text.
 * Measured with `npm run dev:since` on the taxonomies of rounds 7, 4, 2 and 8 (277, 936, 654
 * and 80 later reports of their patterns): root cause top-3 +4.7, +4.0, +4.5 and +12.5 points,
 * pattern top-3 +4.7, +4.0, +5.2 and +8.7, top-1 and "no confident match" unchanged. A third
 * alternative added under one point of root cause top-3 and cost pattern top-3; offering only
 * new root causes traded pattern top-3 for root cause top-3.
 */
function withAlternatives(tax: RuntimeTaxonomy, scored: Scored[], closest: () => LexicalHit[], min: number): Scored[] {
  const shown = scored.filter((s) => confidenceOfScored(s) >= min);
  if (!shown.length) return scored;
  const ceiling = Math.min(...shown.map((s) => s.score)) - 0.01;
  const ids = new Set(shown.map((s) => s.pattern.pattern.id));
  let added = 0;
  for (const hit of wordsNeighbours(closest())) {
    if (added === MAX_ALTERNATIVES) break;
    const had = scored.find((x) => x.pattern.pattern.id === hit.id);
    if (ids.has(hit.id) || had?.capped) continue;
    const weight = Math.min(ceiling, Math.max(had?.score ?? 0, ALTERNATIVE_SCORE)) - (had?.score ?? 0);
    if (weight <= 0) continue;
    addBonus(tax, scored, hit.id, { kind: 'words', text: `shares the words ${hit.words.map((w) => `"${w}"`).join(', ')} with this pattern`, weight: Math.round(weight * 100) / 100 });
    added++;
  }
  return scored.sort(byScore);
}

/** How far the first candidate may lead the one that the other candidates' root cause puts first. */
const CONSENSUS_MARGIN = 0.1;

/**
 * When the first candidate has no pattern regex behind it (its evidence is an exception type,
 * phrases, frames, likeness or shared words; `diagnoseError` checks), the candidates shown vote
 * on the root cause: their confidences are summed per root cause, and when another root cause
 * weighs more, its best candidate goes first (at the first one's confidence, with a line of
 * evidence saying why), unless the first leads it by more than CONSENSUS_MARGIN. Two candidates that agree are better
 * evidence of the cause than a circumstantial one that stands alone; a regex is the taxonomy
 * saying "this exact message", so it is not outvoted. The vote reads the default three
 * candidates whatever `top` asks, so `--top 1` gives the same answer.
 * Measured with `npm run dev:since` on the taxonomies of 6 commits (b58a383 to d8815e0; 18–64
 * later reports of their patterns, 200–900 reports of bugs they lacked), before context regexes
 * were exempted too: on the bugs they lacked, root cause top-1 +0.2 to +2.2 points and "a wrong
 * root cause first" down as much; on known patterns root cause top-1 unchanged, pattern top-1
 * unchanged but one report on one commit; top-3 and "no confident match" unchanged (the same
 * candidates, in another order). Letting the vote outweigh a regex gained more (known patterns
 * +1.6 to +7.2) but then 72 pattern examples no longer ranked their own pattern first; margins of
 * 0.15 and 0.3 left 5 and 12 of them; voting only over answers resting on words or likeness
 * gained less and lost a report on one known set.
 */
function byConsensus<T extends { s: Scored; c: number }>(shown: T[], ruledOut: (s: Scored) => boolean): T[] {
  const first = shown[0];
  if (!first || shown.length < 3) return shown;
  const weight = new Map<string, number>();
  for (const r of shown) if (r === first || !ruledOut(r.s)) weight.set(r.s.pattern.pattern.rootCause, (weight.get(r.s.pattern.pattern.rootCause) ?? 0) + r.c);
  let cause = first.s.pattern.pattern.rootCause;
  for (const [rc, w] of weight) if (w > weight.get(cause)!) cause = rc;
  const i = shown.findIndex((r, j) => r.s.pattern.pattern.rootCause === cause && (j === 0 || !ruledOut(r.s)));
  if (i === 0 || first.c - shown[i]!.c > CONSENSUS_MARGIN) return shown;
  const agreeing = shown.filter((r) => r.s.pattern.pattern.rootCause === cause).length;
  return promoted(shown, i, { kind: 'consensus', text: `ranked first: ${agreeing} of the ${shown.length} candidates point to the root cause ${cause}`, weight: 0 });
}

/** How many candidates at or above the default threshold the root cause's words may choose among. */
const ROOT_CAUSE_POOL = 8;
/** How much likelier (natural log) the words must find another candidate's root cause than the first's. */
const ROOT_CAUSE_GAP = 2;

/**
 * When the first candidate has no pattern regex behind it (`diagnoseError` checks), the words of
 * the whole report choose between root causes: the candidate (of the first eight at or above the
 * default threshold) whose root cause the report's words are likeliest under goes first, at the
 * first one's confidence, if its root cause is e² (7.4×) likelier than the first one's. A weak first candidate is one
 * pattern's phrase, likeness or shared words; a root cause's words are those of a hundred
 * patterns, and they name the cause of a report more often than one circumstantial pattern does.
 * Measured with `npm run dev:since` on the taxonomies of seven commits (b58a383 to 1aea7e4),
 * against the vote alone: on the later reports of known patterns root cause top-1 +2.6 to +7.1
 * points and pattern top-1 +2.7 to +7.1; on the bugs they lacked root cause top-1 +0.1 to +2.6;
 * top-3 unchanged or up. At today's scale less: `npm run dev:without` 25.3% → 26.1%. Returns
 * undefined where it does not reorder, and the vote below then has its say.
 */
function byRootCauseWords<T extends { s: Scored; c: number }>(tax: RuntimeTaxonomy, pool: T[], words: string, ruledOut: (s: Scored) => boolean): T[] | undefined {
  const first = pool[0];
  if (!first || pool.length < 2) return undefined;
  const scores = rootCauseScores(tax, words);
  const of = (r: T) => scores.get(r.s.pattern.pattern.rootCause) ?? -Infinity;
  let best = 0;
  pool.forEach((r, i) => {
    if (of(r) > of(pool[best]!) && !ruledOut(r.s)) best = i;
  });
  if (best === 0 || of(pool[best]!) - of(first) < ROOT_CAUSE_GAP) return undefined;
  const cause = pool[best]!.s.pattern.pattern.rootCause;
  return promoted(pool, best, { kind: 'root-cause-words', text: `ranked first: the words of this report are more like the taxonomy's ${cause} bugs than its ${first.s.pattern.pattern.rootCause} bugs`, weight: 0 });
}

/** How close (in confidence) a sibling must be to the first candidate for the report's words to choose between them. */
const SAME_MESSAGE_CLOSE = 0.1;
/** How much more of its own words the report must share with the sibling than with the first. */
const SAME_MESSAGE_LEAD = 1.4;

/** Where a candidate's message regexes matched in the message (not in the surrounding text). */
const regexSpans = (s: Scored) => s.evidence.flatMap((e) => (e.kind === 'regex' && e.spans ? e.spans : []));

/**
 * When the first candidate's regex recognised the message, a sibling of another root cause whose
 * regex matched the same part of it, at a confidence within SAME_MESSAGE_CLOSE, is another
 * explanation of one message: one text, two known causes (an "index out of range in self" that
 * is a vocabulary or a position limit, a size mismatch that is a head or a format). The scores
 * cannot tell them apart; the rest of the report can. The one whose own words (title, summary,
 * explanation, phrases, example keys: the words stage's index) the whole report shares 1.4×
 * more than the first's goes first, at the first one's confidence. A regex matching another line
 * (a second, unrelated message) never competes, nor does a sibling one of its own negatives rules
 * out, so this does not overrule "this exact message".
 * Measured with `npm run dev:since` on the taxonomies of seven commits (52c51cd to 7a3eb1b, 77
 * to 115 later reports of their patterns each): root cause top-1 +1.3 to +2.7 points and pattern
 * top-1 +1.3 to +3.5 on six of them, unchanged on the seventh; on the bugs they lacked unchanged.
 * A lead of 1.2 gained the same and moved two of the taxonomy's own examples off their pattern,
 * 1.5 lost a report; closeness 0.2 or 0.3 gained less; choosing by the root causes' words
 * (`rootCauseScores`) instead of the patterns' gained less and moved 3 to 12 examples; without
 * the same-span rule, 5 to 8.
 */
function bySameMessageWords<T extends { s: Scored; c: number }>(tax: RuntimeTaxonomy, voters: T[], words: string, ruledOut: (s: Scored) => boolean): T[] | undefined {
  const first = voters[0];
  if (!first || voters.length < 2) return undefined;
  const spans = regexSpans(first.s);
  // A sibling that one of its own negatives rules out is no rival.
  const rivals = voters.filter((r, i) => i === 0 || (first.c - r.c <= SAME_MESSAGE_CLOSE && !ruledOut(r.s) && regexSpans(r.s).some((a) => spans.some((b) => a.start < b.end && b.start < a.end))));
  const cause = first.s.pattern.pattern.rootCause;
  if (!rivals.some((r) => r.s.pattern.pattern.rootCause !== cause)) return undefined;
  const shared = wordsScores(tax, words, rivals.map((r) => r.s.pattern.pattern.id));
  const of = (r: T) => shared.get(r.s.pattern.pattern.id)!;
  let best = first;
  for (const r of rivals) if (of(r) > of(best)) best = r;
  if (best === first || best.s.pattern.pattern.rootCause === cause || of(best) <= SAME_MESSAGE_LEAD * of(first)) return undefined;
  const firstId = first.s.pattern.pattern.id;
  return promoted(voters, voters.indexOf(best), { kind: 'message-words', text: `ranked first: it matches the same message as ${firstId}, and the words of this report are more like this pattern's`, weight: 0 });
}

/**
 * The list with its i-th candidate first, at the first one's confidence (so the list stays in
 * confidence order), and the evidence saying why it moved.
 */
function promoted<T extends { s: Scored; c: number }>(list: T[], i: number, why: Evidence): T[] {
  const lead = list[i]!;
  lead.s.evidence.push(why);
  return [{ ...lead, c: list[0]!.c }, ...list.filter((_, j) => j !== i)];
}

function toCandidate(s: Scored, confidence: number): Candidate {
  const p = s.pattern.pattern;
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    confidence,
    rootCause: p.rootCause,
    bugType: p.bugType,
    impacts: [...p.impacts],
    evidence: s.evidence.map((e) => e.text),
    evidenceDetail: s.evidence,
    explanation: p.explanation,
    fixes: p.fixes.map((f) => (f.detail ? `${f.title}: ${f.detail}` : f.title)),
    fixSteps: p.fixes,
    references: p.references.map((r) => r.url),
  };
}

/**
 * Diagnoses one error (already parsed) against a taxonomy. `contextMentionsReuse` is passed in by
 * `diagnose`, which reads the shared context once for all findings.
 */
export function diagnoseError(tax: RuntimeTaxonomy, error: ErrorInfo, context: string, options: DiagnoseOptions = {}, contextMentionsReuse = mentionsReuse(context)): Finding {
  const min = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const top = options.top ?? DEFAULT_TOP;
  const subject = subjectOf(error);
  // Whether the text is about model reuse, and the one ranking both word stages read: each worked
  // out at most once, and only if a similarity stage runs.
  let reuse: boolean | undefined;
  const aboutReuse = () => (reuse ??= contextMentionsReuse || mentionsReuse(subject));
  let hits: LexicalHit[] | undefined;
  const closest = () => (hits ??= closestByWords(tax, subject, aboutReuse()));
  const likenessCounts = () => !hasGenericType(error) || aboutReuse();
  const answered = withWords(tax, withFuzzy(tax, scoreFinding(tax, error, subject, context), subject, likenessCounts), subject, closest);
  const scored = withAlternatives(tax, answered, closest, min);
  const ranked = scored.map((s) => ({ s, c: confidenceOfScored(s) })).sort((a, b) => b.c - a.c);
  // Both reorderings read the same candidates whatever `top` or `minConfidence` asks (those a user
  // sees by default, the head of `listed`, which is in confidence order), so `--top 1` and
  // `--top 5` agree on the first answer and a lower threshold never lifts a weak candidate. A first
  // candidate that a pattern regex recognised is the taxonomy saying "this exact message": neither
  // reordering overrules it.
  const listed = ranked.filter((r) => r.c >= min && r.c > 0);
  const voters = listed.filter((r) => r.c >= DEFAULT_MIN_CONFIDENCE).slice(0, ROOT_CAUSE_POOL);
  // A candidate one of its own negatives rules out may stay in the list (an alternative below an
  // answer is entered without that check), but no reordering puts it first or lets it vote.
  const ruledOut = (s: Scored) => contradicts(subject, s.pattern);
  const reordered = voters[0]?.s.regexMatched
    ? bySameMessageWords(tax, voters, `${subject}\n${context}`, ruledOut) ?? voters
    : byRootCauseWords(tax, voters, `${subject}\n${context}`, ruledOut) ?? [...byConsensus(voters.slice(0, DEFAULT_TOP), ruledOut), ...voters.slice(DEFAULT_TOP)];
  const candidates = [...reordered, ...listed.slice(voters.length)].slice(0, top).map((r) => toCandidate(r.s, r.c));
  const nearest = candidates.length
    ? []
    : ranked.filter((r) => r.c > 0).slice(0, 3).map((r) => ({ id: r.s.pattern.pattern.id, title: r.s.pattern.pattern.title, confidence: r.c }));
  return { error, matchedText: subject, candidates, nearest };
}

/**
 * The candidates a user sees first: those of the first finding that has any (the sidebar shows
 * matched findings first). Every measurement of accuracy ranks by this.
 */
export function leadCandidates(report: Report): Candidate[] {
  return report.findings.find((f) => f.candidates.length)?.candidates ?? [];
}

/**
 * The pattern a user is shown first for a text, with default options. The taxonomy check
 * (`check:taxonomy --rank`) and the unit test both ask this of every example: one definition, so
 * an example cannot pass one and fail the other (they drifted once, on the threshold).
 */
export function firstCandidate(text: string): Candidate | undefined {
  return leadCandidates(diagnose(text))[0];
}

/** A candidate that rests on shared rare words: a guess, not a recognised error. */
export function isWordGuess(c: Candidate): boolean {
  return c.evidenceDetail.some((e) => e.kind === 'words');
}

/** The weakest stage a candidate needed: shared words, fuse.js likeness, or signals alone. */
export function stageOf(c: Candidate): 'words' | 'likeness' | 'signals' {
  return isWordGuess(c) ? 'words' : c.evidenceDetail.some((e) => e.kind === 'fuzzy' && e.weight > 0) ? 'likeness' : 'signals';
}

export function diagnose(text: string, options: DiagnoseOptions = {}): Report {
  const input = typeof text === 'string' ? text : '';
  const norm = normalise(input, options);
  const report: Report = {
    version: 1,
    input: {
      bytes: options.source?.bytes ?? byteLength(input),
      truncated: norm.truncated || (options.source?.truncated ?? false),
    },
    findings: [],
  };
  if (norm.redactions) report.input.redactions = norm.redactions;
  if (norm.binary) {
    report.input.binary = true;
    return report;
  }
  const tax = prepareTaxonomy(options.taxonomy ?? bundledTaxonomy);
  const errors = parseErrors(norm.text).slice(0, options.maxFindings ?? DEFAULT_MAX_FINDINGS);
  // Warnings printed before a crash often name its cause, and the words around a pasted error
  // (an issue's description) often name the symptom: both count as weak context.
  const warnings = errors.filter((e) => e.kind === 'warning').map((e) => e.message).join('\n');
  const context = (norm.text.length <= MAX_CONTEXT_CHARS ? norm.text : warnings).slice(-MAX_CONTEXT_CHARS).toLowerCase();
  const contextMentionsReuse = mentionsReuse(context);
  for (const error of errors) {
    const warning = error.kind === 'warning';
    report.findings.push(diagnoseError(tax, error, warning ? '' : context, options, !warning && contextMentionsReuse));
  }
  // Warnings alone, none recognised: the lines a warning runs on to and the words around it (a
  // pasted issue) are the rest of the report, so read the whole text as a described symptom too.
  if (errors.length && report.findings.every((f) => f.error.kind === 'warning' && !f.candidates.length)) {
    const symptom = describedSymptom(norm.text);
    const finding = symptom && diagnoseError(tax, symptom, context, options, contextMentionsReuse);
    if (finding?.candidates.length) report.findings.push(finding);
  }
  return report;
}

const encoder = new TextEncoder();
const scratch = new Uint8Array(1 << 16);

/** UTF-8 length without Node's Buffer (the core also runs in a browser), in native chunks. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    // Chunks end before a high surrogate so a pair is never split.
    let end = Math.min(s.length, i + 16384);
    const c = s.charCodeAt(end - 1);
    if (end < s.length && c >= 0xd800 && c <= 0xdbff) end--;
    n += encoder.encodeInto(s.slice(i, end), scratch).written;
    i = end;
  }
  return n;
}
