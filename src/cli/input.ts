/**
 * Reads a file or stdin for the CLI with bounded memory: only the last MAX_INPUT_BYTES are kept
 * (tracebacks end a log), however large the source. Returns the decoded text and the true size.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ChunkTail } from '../core/chunk-tail';

/** Slightly above the core's analysis cap, so the core sees a full 5 MB after decoding. */
export const MAX_INPUT_BYTES = 5 * 1024 * 1024 + 64 * 1024;

export interface ReadResult {
  text: string;
  bytes: number;
  truncated: boolean;
}

export class InputError extends Error {}

const decoder = (): TextDecoder => new TextDecoder('utf-8', { fatal: false });

export function readFileTail(path: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(`${path}: permission denied`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`);
    throw new InputError(`${path}: cannot open (${code ?? (e as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory, not a file`);
    if (!st.isFile()) throw new InputError(`${path}: not a regular file (pipe it to stdin with -)`);
    const size = st.size;
    const want = Math.min(size, MAX_INPUT_BYTES);
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, got, want - got, size - want + got);
      if (n === 0) break;
      got += n;
    }
    return { text: decoder().decode(buf.subarray(0, got)), bytes: size, truncated: size > want };
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new InputError(`${path}: is a directory, not a file`);
    throw new InputError(`${path}: cannot read (${code ?? (e as Error).message})`);
  } finally {
    closeSync(fd);
  }
}

export function readStdinTail(stream: NodeJS.ReadableStream = process.stdin): Promise<ReadResult> {
  return new Promise((resolve, reject) => {
    const tail = new ChunkTail<Buffer>(MAX_INPUT_BYTES);
    stream.on('data', (c: Buffer | string) => tail.push(typeof c === 'string' ? Buffer.from(c) : c));
    stream.on('end', () => {
      let all = Buffer.concat(tail.kept());
      if (all.length > MAX_INPUT_BYTES) all = all.subarray(all.length - MAX_INPUT_BYTES);
      resolve({ text: decoder().decode(all), bytes: tail.total, truncated: tail.truncated });
    });
    stream.on('error', (e: Error) => reject(new InputError(`stdin: cannot read (${e.message})`)));
  });
}
