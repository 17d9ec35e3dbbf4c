/**
 * Which libraries a text involves: from frame paths (`site-packages/transformers/...`) and from
 * version statements (`transformers==4.30.2`, "- `transformers` version: 4.30.2").
 */
import type { LibraryMention } from '../types';

/** Import name (first path segment) → pip name, for the libraries patterns talk about. */
const KNOWN: Record<string, string> = {
  transformers: 'transformers', torch: 'torch', tensorflow: 'tensorflow', keras: 'keras',
  tf_keras: 'tf-keras', tokenizers: 'tokenizers', sentence_transformers: 'sentence-transformers',
  fairseq: 'fairseq', peft: 'peft', bitsandbytes: 'bitsandbytes', accelerate: 'accelerate',
  datasets: 'datasets', spacy: 'spacy', spacy_transformers: 'spacy-transformers', flair: 'flair',
  allennlp: 'allennlp', onnx: 'onnx', onnxruntime: 'onnxruntime', optimum: 'optimum',
  huggingface_hub: 'huggingface-hub', safetensors: 'safetensors', sentencepiece: 'sentencepiece',
  tensorflow_hub: 'tensorflow-hub', deepspeed: 'deepspeed', trl: 'trl', vllm: 'vllm',
  xformers: 'xformers', flash_attn: 'flash-attn', triton: 'triton', jax: 'jax', flax: 'flax',
  numpy: 'numpy', torchvision: 'torchvision', torchtext: 'torchtext', simpletransformers: 'simpletransformers',
  hydra: 'hydra-core', omegaconf: 'omegaconf', evaluate: 'evaluate', nltk: 'nltk', gensim: 'gensim',
  pytorch_lightning: 'pytorch-lightning', lightning: 'lightning', auto_gptq: 'auto-gptq',
  awq: 'autoawq', llama_cpp: 'llama-cpp-python', openai: 'openai', langchain: 'langchain',
  tensorflow_text: 'tensorflow-text', keras_nlp: 'keras-nlp', keras_hub: 'keras-hub',
  pytorch_pretrained_bert: 'pytorch-pretrained-bert', pytorch_transformers: 'pytorch-transformers',
  bert: 'bert-tensorflow', gpt_2_simple: 'gpt-2-simple', unsloth: 'unsloth',
};

/** The pip name for an import name or a pip name, or undefined when unknown. */
export function canonicalLibrary(name: string): string | undefined {
  const key = name.toLowerCase().replace(/-/g, '_');
  return KNOWN[key] ?? (Object.values(KNOWN).includes(name.toLowerCase()) ? name.toLowerCase() : undefined);
}

const PACKAGE_DIR = /(?:site|dist)-packages[\\/]+([A-Za-z_][\w]*)/;

/** The library a frame's file belongs to (only installed packages: the user's own code has none). */
export function libraryOfPath(file: string): string | undefined {
  const m = PACKAGE_DIR.exec(file);
  if (m) return canonicalLibrary(m[1]!) ?? m[1]!.toLowerCase();
  return undefined;
}

// Installed packages, the interpreter's standard library (Unix and Windows), frozen modules.
const NOT_USER = /(?:site|dist)-packages|[\\/]lib(?:64)?[\\/]python\d[\d.]{0,6}[\\/]|^[A-Za-z]:\\(?:Program Files\\)?Python\d{0,4}\\Lib\\|^<(?:frozen|string|__array_function__)/i;

/** True for frames of code the user owns: not an installed package, not the interpreter. */
export function isUserFile(file: string): boolean {
  return !NOT_USER.test(file);
}

// `transformers==4.30.2`, `transformers version: 4.30.2`, "- `transformers` version: 4.30.2",
// `torch 2.0.1+cu117` (pip list), `Transformers v4.2.0`. Bounded: one token, a few separators.
const VERSION_STATEMENT = /\b([A-Za-z][\w-]{1,40})`?\s{0,3}(?:==|>=|~=|=| version:?| v(?=\d)|:\s| {2,40}| )\s{0,3}v?(\d{1,3}\.\d{1,4}(?:\.\d{1,5})?(?:[\w.+-]{0,20})?)/g;

/** Libraries mentioned in the text with the versions it states (pattern matched once per line). */
export function librariesInText(text: string, limit = 200_000): LibraryMention[] {
  const found = new Map<string, LibraryMention>();
  const sample = text.length > limit ? text.slice(0, limit / 2) + '\n' + text.slice(-limit / 2) : text;
  for (const m of sample.matchAll(VERSION_STATEMENT)) {
    const name = canonicalLibrary(m[1]!);
    if (!name || found.has(name)) continue;
    found.set(name, { name, version: m[2]!.replace(/[.,;:)]+$/, '') });
  }
  return [...found.values()];
}
