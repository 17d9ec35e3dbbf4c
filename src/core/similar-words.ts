/**
 * The word-level stage as the diagnosis uses it: an index over each pattern's own words, built
 * once per taxonomy, and the bonus a message's shared rare words earn. The bonus is bounded so
 * that alone it makes a "possible" answer (confidence ~0.55–0.7), never a "very likely" one, and
 * it is only given when the text is about model reuse at all: plain web, build or data errors
 * share words such as "memory", "conflict" or "download" with the taxonomy too.
 *
 * Thresholds were chosen on the taxonomy's own examples, each ranked against an index without
 * its thread (`npm run dev:words`): a top score of 20+ that leads the second by
 * 1.2× named the right pattern 96% of the time there, and 1.5× 98%.
 */
import { buildLexicalIndex, lexicalRank, patternText, terms, type LexicalIndex } from './lexical';
import { perTaxonomy, type RuntimeTaxonomy } from './taxonomy';

export const MIN_WORDS_SCORE = 20;
export const MIN_WORDS_MARGIN = 1.2;
/** Bonus at the thresholds, and the most it can grow to with a clear lead. */
const BASE_BONUS = 2;
const MAX_BONUS = 3;
const FULL_MARGIN = 2;

/** Words that only a text about pre-trained language models (or their tooling) would use. */
const DOMAIN =
  /\b(?:transformers|hugging ?face|huggingface\w*|hf_hub\w*|from_pretrained|save_pretrained|pre-?trained|tokeni[sz](?:ers?|ation)|bert\w*|roberta\w*|xlnet|albert|electra|deberta\w*|distil\w+|gpt[\w.-]*|llama\w*|mistral|mixtral|falcon|qwen\w*|gemma|t5|mt5|flan|bart|mbart|pegasus|xlm\w*|elmo|bilm|fairseq|allennlp|spacy|flair|sentence[-_ ]transformers|sbert|peft|q?lora|bitsandbytes|accelerate|deepspeed|vllm|ollama|llms?|language models?|fine-?tun\w*|finetun\w*|embeddings?|vocab\w*|checkpoints?|tensorflow_hub|tf_?hub|safetensors|gguf|trl|lm_head|attention_mask|input_ids|seq2seq|causallm|auto(?:model|tokenizer|config)\w*|sentencepiece|wordpiece|bpe|ner|squad)\b/i;

/** Whether a text is about model reuse at all; the context's answer is worked out once per report. */
export function mentionsReuse(text: string): boolean {
  return DOMAIN.test(text);
}

const index = perTaxonomy((tax): LexicalIndex =>
  buildLexicalIndex(tax.patterns.map((p) => ({ id: p.pattern.id, terms: terms(patternText(p.pattern)) }))));

export interface WordsBonus {
  id: string;
  bonus: number;
  words: string[];
}

/** Hits this close to the best are siblings the words cannot tell apart: both are offered. */
const TIE = 0.9;
const MAX_TIED = 2;

/**
 * The pattern (or the two near-tied siblings) whose words the message shares clearly more than
 * any other's, if there is one.
 */
export function similarWords(tax: RuntimeTaxonomy, message: string, contextMentionsReuse: boolean): WordsBonus[] {
  if (!contextMentionsReuse && !mentionsReuse(message)) return [];
  const hits = lexicalRank(index(tax), message, MAX_TIED + 1);
  const top = hits[0];
  if (!top || top.score < MIN_WORDS_SCORE) return [];
  const tied = hits.filter((h) => h.score >= top.score * TIE).slice(0, MAX_TIED);
  const next = hits[tied.length];
  const margin = tied[tied.length - 1]!.score / (next?.score ?? 1);
  if (margin < MIN_WORDS_MARGIN) return [];
  const lead = Math.min(1, (margin - MIN_WORDS_MARGIN) / (FULL_MARGIN - MIN_WORDS_MARGIN));
  return tied.map((h, i) => ({
    id: h.id,
    // A tie halves the lead: the words point at this family, not at one member.
    bonus: Math.round((BASE_BONUS + (lead * (MAX_BONUS - BASE_BONUS)) / tied.length - i * 0.1) * 100) / 100,
    words: h.words,
  }));
}
