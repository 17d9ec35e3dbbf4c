/**
 * The end of a stream, kept in bounded memory: the CLI's stdin (bytes) and the terminal capture
 * (characters) both need the last `cap` units of output of any length, since tracebacks end it.
 * No `vscode` or `node:` import, so both may use it.
 */

/**
 * Keeps the chunks that hold the last `cap` units (characters or bytes) of a stream. Whole chunks
 * drop off the front while the rest still holds the cap; nothing is joined or copied per chunk
 * (the caller joins when it reads), so a push is O(1) amortised. Holds at most `cap` units plus one
 * chunk: the oldest kept chunk may begin before the cap, and the caller slices it off.
 */
export class ChunkTail<T extends { readonly length: number }> {
  private chunks: (T | undefined)[] = [];
  /** Chunks before `head` are dropped (cleared so they can be collected). */
  private head = 0;
  /** Units in `chunks[head..]`. */
  private size = 0;
  /** Units seen in total, kept or dropped. */
  total = 0;

  constructor(readonly cap: number) {}

  push(chunk: T): void {
    if (!chunk.length) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.total += chunk.length;
    // Never the last chunk: with cap ≥ 1 the tail always has something to hold.
    while (this.head < this.chunks.length - 1 && this.size - this.chunks[this.head]!.length >= this.cap) {
      this.size -= this.chunks[this.head]!.length;
      this.chunks[this.head++] = undefined;
    }
    // Tiny chunks (a character at a time) would grow the array without bound: shed the dropped head.
    if (this.head >= 1024 && this.head * 2 >= this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  get truncated(): boolean {
    return this.total > this.cap;
  }

  /** The kept chunks, oldest first (a new array). */
  kept(): T[] {
    return this.chunks.slice(this.head) as T[];
  }

  /** Replaces the kept chunks by one, e.g. their joined tail, so the next read does not join again. */
  replace(chunk: T): void {
    this.chunks = chunk.length ? [chunk] : [];
    this.head = 0;
    this.size = chunk.length;
  }
}
