/**
 * Cheap text checks the surfaces run before asking the core (which is thorough but not free):
 * does this look like an error at all? No `vscode` import.
 */
import { ChunkTail } from '../core/chunk-tail';

/** Lines that open or close an error report: tracebacks, exception lines, fatal markers. */
const ERROR_LINE =
  /Traceback \(most recent call last\)|^\s*(?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning)\b(?::|$)|\b(?:CUDA out of memory|out of memory|device-side assert|Segmentation fault|Killed|core dumped|panicked at|RuntimeError|ValueError|OSError|KeyError|IndexError|TypeError|AttributeError|ImportError|ModuleNotFoundError)\b|^\s*(?:error|fatal|ERROR|FATAL)\b[:[]|^\s*E\s+\w+(?:Error|Exception)\b/;

/** A quick yes/no: could this text hold an error worth diagnosing? */
export function looksLikeError(text: string): boolean {
  const sample = text.length > 200_000 ? text.slice(-200_000) : text;
  for (const line of sample.split('\n', 20_000)) if (ERROR_LINE.test(line)) return true;
  return false;
}

/** The same check for one line (terminal links, log lines). */
export function isErrorLine(line: string): boolean {
  return line.length <= 4000 && ERROR_LINE.test(line);
}

/** A Python traceback anywhere in the text (a command that exited 0 may still print one). */
export function hasTraceback(text: string): boolean {
  return text.includes('Traceback (most recent call last)');
}

export function firstLine(text: string, max = 200): string {
  const nl = text.indexOf('\n');
  const line = (nl >= 0 ? text.slice(0, nl) : text).trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

export function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** The last `max` characters, starting at a line boundary when one is near. */
export function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(text.length - max);
  const nl = cut.indexOf('\n');
  return nl >= 0 && nl < 4096 ? cut.slice(nl + 1) : cut;
}

/** Characters a terminal capture keeps per command: the end of the output, where tracebacks are. */
export const CAPTURE_CHARS = 256 * 1024;

/**
 * Keeps the last `cap` characters of a stream, joined only when read: no cap-sized string is
 * built per chunk, since strings that big are large V8 objects, each a fresh mapping whose page
 * faults cost more than the copy on some VMs.
 */
export class TailBuffer {
  private readonly tail: ChunkTail<string>;

  constructor(readonly cap: number) {
    this.tail = new ChunkTail<string>(cap);
  }

  push(chunk: string): void {
    this.tail.push(chunk);
  }

  /** Characters seen in total (kept or dropped). */
  get total(): number {
    return this.tail.total;
  }

  get truncated(): boolean {
    return this.tail.truncated;
  }

  /** The kept tail, at most `cap` characters; later reads reuse the joined string. */
  text(): string {
    let joined = this.tail.kept().join('');
    if (joined.length > this.cap) joined = joined.slice(joined.length - this.cap);
    this.tail.replace(joined);
    return joined;
  }
}

/** A small least-recently-used cache (hover, links and lenses ask about the same text often). */
export class Lru<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
  }

  clear(): void {
    this.map.clear();
  }
}
