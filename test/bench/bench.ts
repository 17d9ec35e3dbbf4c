// `npm run bench`: speed and memory of the core. A benchmark, not a test: it prints medians and
// ratios; the machines are noisy, so compare runs on one machine, not against fixed numbers.
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileTail } from '../../src/cli/input';
import { diagnose } from '../../src/core/diagnose';
import { CAPTURE_CHARS, hasTraceback, isErrorLine, TailBuffer } from '../../src/extension/text';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'patterns');

function body(path: string): string {
  const raw = readFileSync(path, 'utf8');
  return raw.slice(raw.indexOf('\n', raw.indexOf('\n# ---') + 1) + 1);
}

function ms(from: bigint): number {
  return Number(process.hrtime.bigint() - from) / 1e6;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}


const texts = readdirSync(FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => body(join(FIXTURES, f)));
for (const t of texts.slice(0, 50)) diagnose(t); // warm up JIT and the taxonomy's compiled regexes

const ROUNDS = 5;
const times: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const t of texts) {
    const t0 = process.hrtime.bigint();
    diagnose(t);
    times.push(ms(t0));
  }
}
times.sort((a, b) => a - b);
console.log(`diagnose on ${texts.length} real fixture texts × ${ROUNDS}: median ${quantile(times, 0.5).toFixed(2)} ms, p90 ${quantile(times, 0.9).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms, max ${times[times.length - 1]!.toFixed(1)} ms`);

// A training log that prints for a long time, then dies: the CLI path (tail read + diagnose).
const dir = mkdtempSync(join(tmpdir(), 'rd-bench-'));
const traceback = body(join(FIXTURES, 'accelerate-missing-for-device-map.1.txt'));
for (const mb of [10, 100]) {
  const file = join(dir, `train-${mb}.log`);
  const fd = openSync(file, 'w');
  const line = Buffer.from("{'loss': 0.6931, 'grad_norm': 1.52, 'learning_rate': 4.9e-05, 'epoch': 0.01}\n 42%|████▏     | 4200/10000 [10:00<13:48,  7.00it/s]\n".repeat(8192));
  for (let w = 0; w < mb * 1024 * 1024; w += line.length) writeSync(fd, line);
  writeSync(fd, traceback);
  closeSync(fd);
  const runs: number[] = [];
  let top = '';
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    const input = readFileTail(file);
    const report = diagnose(input.text, { source: { bytes: input.bytes, truncated: input.truncated } });
    runs.push(ms(t0));
    top = report.findings[0]?.candidates[0]?.id ?? 'none';
  }
  runs.sort((a, b) => a - b);
  const med = quantile(runs, 0.5);
  console.log(`${mb} MB training log with a traceback at its end: median ${med.toFixed(0)} ms → ${(mb / (med / 1000)).toFixed(0)} MB/s (top: ${top}), RSS now ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
}

// The same content handed to the core as one in-memory string (the extension's paste path).
const big = "{'loss': 0.6931, 'epoch': 0.01}\n".repeat((100 * 1024 * 1024) / 32) + traceback;
const t0 = process.hrtime.bigint();
const r = diagnose(big);
const d = ms(t0);
console.log(`100 MB string passed to diagnose(): ${d.toFixed(0)} ms → ${(100 / (d / 1000)).toFixed(0)} MB/s (truncated: ${r.input.truncated})`);

// The terminal capture (shell integration): a training run prints 100 MB in the ~4 KB chunks VS
// Code delivers; each chunk goes into the bounded tail buffer. This is the cost the terminal
// pays while the command runs; the diagnosis happens once, when it ends.
{
  const chunk = "{'loss': 0.6931, 'grad_norm': 1.52, 'learning_rate': 4.9e-05, 'epoch': 0.01}\n".repeat(52);
  const total = 100 * 1024 * 1024;
  const runs: number[] = [];
  let buffer = new TailBuffer(CAPTURE_CHARS);
  for (let r = 0; r < 5; r++) {
    buffer = new TailBuffer(CAPTURE_CHARS);
    const t0 = process.hrtime.bigint();
    for (let n = 0; n < total; n += chunk.length) buffer.push(chunk);
    buffer.push(traceback);
    runs.push(ms(t0));
  }
  runs.sort((a, b) => a - b);
  const med = quantile(runs, 0.5);
  const chunks = Math.ceil(total / chunk.length);
  const t1 = process.hrtime.bigint();
  const text = buffer.text();
  const found = hasTraceback(text) ? diagnose(text).findings[0]?.candidates[0]?.id ?? 'none' : 'no traceback';
  console.log(`terminal capture of 100 MB in ${chunks} chunks of ${(chunk.length / 1024).toFixed(1)} KB: median ${med.toFixed(0)} ms → ${(100 / (med / 1000)).toFixed(0)} MB/s, ${((med * 1e6) / chunks).toFixed(0)} ns per chunk; diagnosing the kept ${(text.length / 1024).toFixed(0)} KB tail at the end: ${ms(t1).toFixed(1)} ms (top: ${found})`);

  // The link provider runs one regex per visible line.
  const lines = chunk.split('\n').concat(traceback.split('\n'));
  const t2 = process.hrtime.bigint();
  let links = 0;
  for (let r = 0; r < 2000; r++) for (const l of lines) if (isErrorLine(l)) links++;
  const perLine = (ms(t2) * 1e6) / (2000 * lines.length);
  console.log(`terminal link check: ${perLine.toFixed(0)} ns per line (${links / 2000} links among ${lines.length} lines)`);
}

rmSync(dir, { recursive: true, force: true });
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB for the whole run (the last step holds a 100 MB string, 200 MB as UTF-16)`);
