import assert from 'node:assert/strict';
import { defaultTaxonomy, diagnose, isWordGuess, leadCandidates } from '../../src/core/diagnose';
import { buildLexicalIndex, lexicalRank, MAX_LEXICAL_CHARS, terms } from '../../src/core/lexical';
import { closestByWords, mentionsReuse, wordsAnswer } from '../../src/core/similar-words';
import { phraseWeight, prepareTaxonomy, type RuntimeTaxonomy } from '../../src/core/taxonomy';
import type { CompiledPattern } from '../../src/core/types';
import { fixturesIn } from '../helpers/fixtures';
import { makePattern as make } from '../helpers/patterns';

describe('word-level similarity (reports in the user\'s own words)', () => {
  const tax = prepareTaxonomy(defaultTaxonomy());
  // Tiny taxonomies for the word rules: a pattern with only a title (and signals if given), and 60
  // unrelated fillers so that the words under test are rare.
  const base = defaultTaxonomy();
  // The words stage's answer for a message, as the diagnosis computes it.
  const similarWords = (t: RuntimeTaxonomy, message: string, contextMentionsReuse: boolean) => wordsAnswer(t, closestByWords(t, message, contextMentionsReuse));
  const fillers = Array.from({ length: 60 }, (_, i) => make(`filler-${i}`, 'api-misuse', `filler${i} spare${i} other${i}`));

  it('folds suffixes, splits identifiers and drops stop words and URLs', () => {
    assert.deepEqual(terms('Added tokens to the tokenizer'), ['add', 'token', 'tokenizer']);
    assert.deepEqual(terms('model.resize_token_embeddings()'), ['model.resize_token_embedding', 'model', 'resize', 'token', 'embedding']);
    assert.deepEqual(terms('see https://github.com/huggingface/transformers/issues/1 please'), []);
  });

  it('reads a bounded prefix of any input', () => {
    const huge = 'tokenizer '.repeat(2_000_000);
    assert.ok(terms(huge).length <= MAX_LEXICAL_CHARS / 2);
  });

  it('ranks the document sharing the rarer words first', () => {
    const idx = buildLexicalIndex([
      { id: 'common', terms: terms('model training failed model training') },
      { id: 'rare', terms: terms('model embedding matrix resize vocabulary') },
      { id: 'other', terms: terms('model training slow') },
    ]);
    const [top] = lexicalRank(idx, 'the embedding matrix of my model is smaller than the vocabulary');
    assert.equal(top?.id, 'rare');
    assert.deepEqual(lexicalRank(idx, 'nothing in common here'), []);
  });

  it('names the family of a paraphrased symptom that no signal matches, with the shared words as evidence', () => {
    const text = 'I added a few new special tokens to my tokenizer and now fine-tuning the model crashes, it looks like the embedding matrix is smaller than the vocabulary';
    const cands = diagnose(text).findings[0]!.candidates;
    assert.ok(cands.length > 0, 'a possible answer');
    assert.ok(cands.every((c) => c.rootCause === 'vocab-embedding-size'), cands.map((c) => `${c.id} ${c.rootCause}`).join(', '));
    assert.ok(cands[0]!.confidence < 0.75, 'words alone never make a "very likely" answer');
    const words = cands[0]!.evidenceDetail.find((e) => e.kind === 'words');
    assert.ok(words && /"added"|"embedding"|"special"/.test(words.text), words?.text);
  });

  it('gives nothing for text that is not about model reuse, however many words it shares', () => {
    for (const f of fixturesIn('unrelated')) assert.deepEqual(similarWords(tax, f.text, mentionsReuse(f.text)), [], f.name);
    // Shares "memory", "allocate", "device" with many patterns, but names no model or library.
    assert.deepEqual(similarWords(tax, 'Failed to allocate device memory for the render buffer; the stream returned an allocation failure', false), []);
  });

  it('hardly ever answers for non-NLP training code, whose reports share the training-loop words', () => {
    // test/fixtures/ml-adjacent: 45 real vision, tabular and RL reports, collected without running
    // the tool. Signals may rightly name a CUDA OOM there; the word guess should stay out. Three
    // of them still pass the reuse gate through "checkpoint" (a ratchet: lower it, never raise it).
    const guessed = fixturesIn('ml-adjacent').filter((f) => {
      const top = leadCandidates(diagnose(f.text))[0];
      return top !== undefined && isWordGuess(top);
    });
    assert.ok(guessed.length <= 3, guessed.map((f) => f.name).join(', '));
  });

  it('names a root cause whose patterns keep turning up among the closest hits, though none of them leads', () => {
    // A tiny taxonomy: 60 unrelated fillers (so the shared words are rare), one short pattern of
    // input-length that shares every word of the message, and three longer vocab-embedding-size
    // patterns that share them too. No single hit leads, and the best one is under the member
    // threshold; the sums do: three patterns of one root cause against one of another.
    const words = 'zanzibar quokka marimba tessellate obsidian';
    const family = ['one', 'two', 'three'].map((n) => make(`family-${n}`, 'vocab-embedding-size', `${words} extra${n} more${n} still${n}`));
    const single = make('single', 'input-length', words);
    const taxonomy = (...ps: CompiledPattern[]) => prepareTaxonomy({ ...base, patterns: [...fillers, single, ...ps] });
    const hits = similarWords(taxonomy(...family), words, true);
    assert.ok(hits.length > 0, 'the family is named');
    assert.ok(hits.every((h) => h.id.startsWith('family-')), hits.map((h) => h.id).join(', '));
    // One pattern of the family alone does not outweigh the other root cause: no answer.
    assert.deepEqual(similarWords(taxonomy(family[0]!), words, true), []);
    // And text that is not about model reuse gets nothing, as for every words answer.
    assert.deepEqual(similarWords(taxonomy(...family), words, false), []);
  });

  it('offers the closest patterns by words below an answer, never above it and never for text that is not about reuse', () => {
    // A tiny taxonomy: fillers (so the shared words are rare), a pattern whose regex matches the
    // message (the answer) and one that shares five rare words with it. In the words stage the
    // neighbour would earn 2-3 points, more than the answer's 2; as an alternative it stays under.
    const answer = make('answer', 'model-loading', 'a short title', { messagePatterns: [{ regex: 'zanzibar failure', weight: 2 }] });
    const second = make('second', 'configuration-hyperparameter', 'another short title', { messagePatterns: [{ regex: 'failure in', weight: 1.75 }] });
    const neighbour = make('neighbour', 'input-length', 'quokka marimba tessellate obsidian lagoon');
    const taxonomy = { ...base, patterns: [...fillers, answer, second, neighbour] };
    const message = 'RuntimeError: zanzibar failure in transformers: quokka marimba tessellate obsidian lagoon';
    const cands = diagnose(message, { taxonomy }).findings[0]!.candidates;
    // Below the weaker signal answer too (1.75 points, just confident), though 1.8 would pass it.
    assert.deepEqual(cands.map((c) => c.id), ['answer', 'second', 'neighbour']);
    assert.ok(cands[2]!.confidence >= 0.5 && cands[2]!.confidence < cands[0]!.confidence, cands.map((c) => c.confidence).join(', '));
    assert.ok(isWordGuess(cands[2]!) && !isWordGuess(cands[0]!) && !isWordGuess(cands[1]!));
    // Without a word of model reuse, the answer stands alone.
    const plain = diagnose(message.replace('transformers', 'the renderer'), { taxonomy }).findings[0]!.candidates;
    assert.deepEqual(plain.map((c) => c.id), ['answer', 'second']);
    // Without an answer there is nothing to add alternatives to: the words stage decides alone.
    const unanswered = diagnose('RuntimeError: transformers: quokka', { taxonomy }).findings[0]!.candidates;
    assert.ok(unanswered.every((c) => c.id !== 'answer'));
  });

  it('never answers with a pattern whose own negative signal the message matches', () => {
    // The words stage would name `neighbour` (five shared rare words, no signal for any pattern).
    // Its author's negative says this message is not it: likeness must not overrule that.
    const words = 'quokka marimba tessellate obsidian lagoon';
    const message = `RuntimeError: transformers: ${words} zanzibar`;
    const neighbour = (signals: object) => make('neighbour', 'input-length', words, signals);
    const free = diagnose(message, { taxonomy: { ...base, patterns: [...fillers, neighbour({})] } }).findings[0]!.candidates;
    assert.deepEqual(free.map((c) => c.id), ['neighbour'], 'the words alone name it');
    const against = neighbour({ negativePatterns: [{ regex: 'zanzibar', weight: 1 }] });
    const contradicted = diagnose(message, { taxonomy: { ...base, patterns: [...fillers, against] } }).findings[0]!;
    assert.deepEqual(contradicted.candidates, []);
    assert.ok(contradicted.nearest.every((n) => n.id !== 'neighbour'), 'not even offered as the nearest');
  });

  it('adds no alternative to any unrelated report', () => {
    for (const f of fixturesIn('unrelated')) {
      for (const finding of diagnose(f.text).findings) assert.ok(!finding.candidates.some(isWordGuess), `${f.name}: ${finding.candidates.map((c) => c.id).join(', ')}`);
    }
  });

  it('a lone plain word weighs half a phrase of several words or an identifier', () => {
    assert.equal(phraseWeight('embedding'), 0.5);
    assert.equal(phraseWeight('keeps repeating'), 1);
    assert.equal(phraseWeight('device_map'), 1);
    assert.equal(phraseWeight('torch.Size([0])'), 1);
  });
});
