import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { MAX_INPUT_BYTES, readStdinTail } from '../../src/cli/input';
import { TailBuffer } from '../../src/extension/text';

// The terminal capture's tail buffer against the obvious answer: the whole stream, sliced.
describe('terminal capture tail buffer', () => {
  // A small deterministic generator, so a failure can be replayed.
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }

  function check(cap: number, chunks: string[]): void {
    const b = new TailBuffer(cap);
    let whole = '';
    for (const [i, c] of chunks.entries()) {
      b.push(c);
      whole += c;
      // Read now and then mid-stream, as the terminal's "recent commands" lookup does.
      if (i % 37 === 36) assert.equal(b.text(), whole.slice(-cap), `after chunk ${i}`);
    }
    const expected = whole.length > cap ? whole.slice(whole.length - cap) : whole;
    assert.equal(b.text(), expected);
    assert.equal(b.text(), expected, 'a second read gives the same text');
    assert.equal(b.total, whole.length);
    assert.equal(b.truncated, whole.length > cap);
  }

  it('keeps exactly the last cap characters for chunks smaller than, equal to and larger than the cap', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const cap = 1 + Math.floor(r() * 300);
      const chunks = Array.from({ length: 200 }, (_, i) => {
        const len = [0, 1, Math.floor(r() * 20), cap, cap + 1, Math.floor(r() * cap * 3)][Math.floor(r() * 6)]!;
        return String.fromCharCode(97 + (i % 26)).repeat(len) + (len ? String(i % 10) : '');
      });
      check(cap, chunks);
    }
  });

  it('keeps the tail when the stream arrives a character at a time', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `line ${i}\n`).join('');
    check(4096, [...text]);
  });

  it('holds the cap plus at most one chunk, however long the stream', () => {
    const b = new TailBuffer(1000);
    for (let i = 0; i < 100_000; i++) b.push('x'.repeat(37) + '\n');
    assert.equal(b.text().length, 1000);
    assert.equal(b.total, 3_800_000);
    assert.ok(b.truncated);
  });

  it('starts empty and stays untruncated below the cap', () => {
    const b = new TailBuffer(10);
    assert.equal(b.text(), '');
    assert.equal(b.truncated, false);
    b.push('');
    b.push('abc');
    assert.equal(b.text(), 'abc');
    assert.equal(b.truncated, false);
  });
});

// The CLI's stdin keeps bytes with the same chunk tail: its text is the stream's last MAX_INPUT_BYTES, decoded.
describe('CLI stdin tail', () => {
  it('keeps the last MAX_INPUT_BYTES of a stream of any chunk sizes and counts every byte', async () => {
    const chunks: Buffer[] = [];
    let n = 0;
    for (let i = 0; n < MAX_INPUT_BYTES * 2 + 12345; i++) {
      const c = Buffer.from(`line ${i} ` + 'é'.repeat(i % 97) + '\n'.repeat(i % 3), 'utf8');
      chunks.push(i % 50 === 0 ? Buffer.alloc(0) : c);
      n += chunks[chunks.length - 1]!.length;
    }
    chunks.push(Buffer.from('Traceback (most recent call last):\nValueError: the end\n'));
    const whole = Buffer.concat(chunks);
    const r = await readStdinTail(Readable.from(chunks));
    assert.equal(r.bytes, whole.length);
    assert.equal(r.truncated, true);
    assert.equal(r.text, new TextDecoder().decode(whole.subarray(whole.length - MAX_INPUT_BYTES)));
  });

  it('keeps all of a short stream, untruncated', async () => {
    const r = await readStdinTail(Readable.from([Buffer.from('ValueError: '), Buffer.from('short')]));
    assert.deepEqual(r, { text: 'ValueError: short', bytes: 17, truncated: false });
  });
});
