/**
 * Errors that are not Python tracebacks, found line by line: bare `Type: message` lines,
 * pytest summaries, TensorFlow/absl/glog log records, C++/CUDA aborts, Rust panics from
 * tokenizers, pip/build failures, and the warnings that explain a later failure or a silent bug.
 * Each recogniser is anchored and bounded, so a line is classified in linear time.
 */
import type { ErrorInfo, ErrorKind } from '../types';
import { EXCEPTION_LINE } from './python';

export interface LineHit {
  kind: ErrorKind;
  type?: string;
  message: string;
  /** Line index where the hit starts and ends (a hit may read the next line). */
  start: number;
  end: number;
}

const PYTEST_SUMMARY = /^(?:FAILED|ERROR) (\S{1,500}) - ((?:[A-Za-z_]\w{0,100}\.){0,12}[A-Z]\w{0,100})(?::\s?(.{0,4000}))?$/;
const PYTEST_E = /^E {1,8}((?:[A-Za-z_]\w{0,100}\.){0,12}[A-Z]\w{0,100}(?:Error|Exception|Warning|Exit|Interrupt))(?::\s?(.{0,4000}))?$/;
// `2021-03-01 10:00:00.123456: E tensorflow/core/...cc:123] message` and glog/absl `E0301 10:00:00.1 123 file.cc:12] message`.
const TF_LOG = /^(?:\d{4}-\d\d-\d\d[ T][\d:.]{1,20}:\s)?([EFW]) ((?:tensorflow|external|third_party|xla|tsl)\/[^\]\s]{1,300})\] (.{1,4000})$/;
const GLOG = /^([EFW])\d{4} [\d:.]{8,20}\s{1,4}\d{1,10} ([^\]\s]{1,300})\] (.{1,4000})$/;
const CPP_THROW = /^terminate called after throwing an instance of '([^'\n]{1,300})'/;
const CPP_WHAT = /^\s{0,4}what\(\):\s{1,4}(.{1,4000})$/;
const CUDA_ASSERT = /^[^\n]{0,400}\.cu:\d{1,7}: [^\n]{0,300}Assertion `([^`\n]{1,500})` failed\.?/;
const PANIC_OLD = /^thread '([^'\n]{0,200})' panicked at '(.{0,4000})', ([^\s\n]{1,500})$/;
const PANIC_NEW = /^thread '([^'\n]{0,200})' panicked at ([^\s\n]{1,500}):$/;
const PANIC_EXC = /^(pyo3_runtime\.PanicException): (.{0,4000})$/;
const BUILD = /^\s{0,8}(?:×\s|\u2502\s)?(?:error|ERROR):? ?(Failed building wheel for \S{1,200}|Could not build wheels for [^\n]{1,300}|can't find Rust compiler|Could not find a version that satisfies the requirement [^\n]{1,300}|No matching distribution found for [^\n]{1,300}|subprocess-exited-with-error|metadata-generation-failed|legacy-install-failure|Microsoft Visual C\+\+ [\d.]{1,10} or greater is required[^\n]{0,200}|command '[^'\n]{1,200}' failed[^\n]{0,200}|ResolutionImpossible[^\n]{0,300}|pip's dependency resolver does not currently take into account[^\n]{0,300}|Cannot install [^\n]{1,300})/;
const BUILD_UNICODE = /^\s{0,8}× (Building wheel for \S{1,200} \(pyproject\.toml\) did not run successfully\.|Getting requirements to build wheel did not run successfully\.|python setup\.py egg_info did not run successfully\.)/;
const PY_WARNING = /^(?:[^\n]{1,1000}:\d{1,7}: )?((?:[A-Za-z_]\w{0,100}\.){0,8}[A-Z]\w{0,100}Warning): (.{0,4000})$/;
const LOG_WARNING = /^(?:\[[^\]\n]{0,120}\]\s?)?(?:\d{4}-\d\d-\d\d[ T][\d:.,]{1,20}\s{0,3}[-|:]?\s{0,3})?\[?(?:WARNING|WARN|W)\b[^\]\n:]{0,120}\]?\s{0,3}[:\-|]?\s{0,3}(.{1,4000})$/;
const LOG_ERROR = /^(?:\[[^\]\n]{0,120}\]\s?)?(?:\d{4}-\d\d-\d\d[ T][\d:.,]{1,20}\s{0,3}[-|:]?\s{0,3})?\[?(?:ERROR|CRITICAL|FATAL)\b[^\]\n:]{0,120}\]?\s{0,3}[:\-|]?\s{0,3}(.{1,4000})$/;
const INLINE_EXCEPTION = /(?:^|[\s`'"(])((?:[A-Za-z_]\w{0,60}\.){0,8}[A-Z]\w{0,60}(?:Error|Exception)):\s(\S[^\n]{2,590})$/;
const KILLED = /^(?:Killed|Segmentation fault(?: \(core dumped\))?|Illegal instruction(?: \(core dumped\))?|Bus error(?: \(core dumped\))?|Aborted(?: \(core dumped\))?)\s*$/;
const CUDA_LINE = /^(?:CUDA error|cuDNN error|CUBLAS_STATUS_[A-Z_]{1,60}|NCCL error|RuntimeError: NCCL)[^\n]{0,4000}$/;

/**
 * Hugging Face and friends print these through `logging` with no level prefix in notebooks;
 * each explains a later failure or a silent bug, so they count as warnings.
 */
const KNOWN_WARNING_LEADS = [
  'Token indices sequence length is longer than the specified maximum',
  'Some weights of ',
  'You should probably TRAIN this model',
  'Setting `pad_token_id` to `eos_token_id`',
  'The attention mask and the pad token id were not set',
  'The attention mask is not set',
  'A decoder-only architecture is being used, but right-padding was detected',
  'Truncation was not explicitly activated',
  'Asking to truncate to max_length but no maximum length is provided',
  'Asking to pad to max_length but no maximum length is provided',
  'Be aware, overflowing tokens are not returned',
  'huggingface/tokenizers: The current process just got forked',
  'Special tokens have been added in the vocabulary',
  'You are using a model of type ',
  'Input length of input_ids is ',
  'This IS expected if you are initializing',
  'This IS NOT expected if you are initializing',
  '`use_cache=True` is incompatible with gradient checkpointing',
  'Using pad_token, but it is not set yet',
  'Using sep_token, but it is not set yet',
  'Using cls_token, but it is not set yet',
  'Using eos_token, but it is not set yet',
  'Using bos_token, but it is not set yet',
  'Using unk_token, but it is not set yet',
  'Using mask_token, but it is not set yet',
  'Could not load dynamic library',
  'You are using the default legacy behaviour',
  '`do_sample` is set to `False`',
  'Both `max_new_tokens` (=',
  'Using a slow image processor',
  'No GPU/TPU found, falling back to CPU',
  'Your GPU does not support bfloat16',
].map((s) => s.toLowerCase());

const LEAD_STARTS = new Set(KNOWN_WARNING_LEADS.map((s) => s.slice(0, 3)));

function known(line: string): boolean {
  if (line.length < 10 || !LEAD_STARTS.has(line.slice(0, 3).toLowerCase())) return false;
  const l = line.toLowerCase();
  for (const lead of KNOWN_WARNING_LEADS) if (l.startsWith(lead)) return true;
  return false;
}

/** Classifies line `i` (and maybe the next), or undefined. `lines[i]` is never longer than MAX_LINE_CHARS. */
export function classifyLine(lines: string[], i: number): LineHit | undefined {
  const line = lines[i]!;
  const t = line.trimStart();
  if (t.length < 4) return undefined;
  let m: RegExpExecArray | null;
  const c = t.charCodeAt(0);

  if ((m = PYTEST_SUMMARY.exec(t))) return { kind: 'error-line', type: m[2]!, message: m[3] ?? '', start: i, end: i };
  if ((m = PYTEST_E.exec(t))) return { kind: 'error-line', type: m[1]!, message: m[2] ?? '', start: i, end: i };
  if ((m = TF_LOG.exec(t)) || (m = GLOG.exec(t))) {
    return { kind: m[1] === 'W' ? 'warning' : 'log', type: m[2]!.replace(/:\d+$/, ''), message: m[3]!, start: i, end: i };
  }
  if ((m = CPP_THROW.exec(t))) {
    const what = CPP_WHAT.exec(lines[i + 1] ?? '');
    return { kind: 'native', type: m[1]!, message: what ? what[1]! : '', start: i, end: what ? i + 1 : i };
  }
  if (t.includes('.cu:') && (m = CUDA_ASSERT.exec(t))) return { kind: 'native', type: 'CUDA assertion', message: `Assertion \`${m[1]!}\` failed`, start: i, end: i };
  if (c === 116 /* t */) {
    if ((m = PANIC_OLD.exec(t))) return { kind: 'panic', type: 'panic', message: m[2]!, start: i, end: i };
    if ((m = PANIC_NEW.exec(t))) {
      const next = (lines[i + 1] ?? '').trim();
      return { kind: 'panic', type: 'panic', message: next, start: i, end: next ? i + 1 : i };
    }
  }
  if ((m = PANIC_EXC.exec(t))) return { kind: 'panic', type: m[1]!, message: m[2]!, start: i, end: i };
  if ((m = BUILD.exec(line)) || (m = BUILD_UNICODE.exec(line))) return { kind: 'build', type: 'pip', message: m[1]!, start: i, end: i };
  if ((m = KILLED.exec(t))) return { kind: 'native', type: t.split(/\s/)[0]!, message: t, start: i, end: i };
  if ((m = CUDA_LINE.exec(t))) return { kind: 'native', message: t, start: i, end: i };
  if (t.includes('Warning') && (m = PY_WARNING.exec(t))) return { kind: 'warning', type: m[1]!, message: m[2]!, start: i, end: i };
  if (line === t && (m = EXCEPTION_LINE.exec(t)) && m[2] !== undefined && (m[2] !== '' || /(?:Error|Exception):$/.test(t)) && /(?:Error|Exception|Exit|Interrupt|Fault|Invalid|Failure|Warning)$/.test(m[1]!)) {
    return { kind: 'error-line', type: m[1]!, message: m[2], start: i, end: i };
  }
  // An exception quoted inside a sentence ("…fails with OSError: Can't load config for …").
  if (t.length <= 600 && (m = INLINE_EXCEPTION.exec(t))) return { kind: 'error-line', type: m[1]!, message: m[2]!, start: i, end: i };
  if (known(t)) return { kind: 'warning', message: t, start: i, end: i };
  if (c === 87 /* W */ || c === 91 /* [ */ || (c >= 48 && c <= 57)) {
    if ((m = LOG_WARNING.exec(t))) return { kind: 'warning', message: m[1]!, start: i, end: i };
  }
  if (c === 69 /* E */ || c === 67 /* C */ || c === 70 /* F */ || c === 91 || (c >= 48 && c <= 57)) {
    if ((m = LOG_ERROR.exec(t))) {
      const ex = EXCEPTION_LINE.exec(m[1]!);
      if (ex && ex[2] !== undefined) return { kind: 'error-line', type: ex[1]!, message: ex[2], start: i, end: i };
      return { kind: 'log', message: m[1]!, start: i, end: i };
    }
  }
  return undefined;
}

/** Turns a hit into the shared error shape. */
export function hitToError(hit: LineHit): ErrorInfo {
  const e: ErrorInfo = { kind: hit.kind, message: hit.message, lines: [hit.start + 1, hit.end + 1] };
  if (hit.type) e.type = hit.type;
  return e;
}
