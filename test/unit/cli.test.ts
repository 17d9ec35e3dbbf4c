import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patternFixture, ROOT } from '../helpers/fixtures';

const CLI = join(ROOT, 'dist', 'cli.js');
const tmp = mkdtempSync(join(tmpdir(), 'rd-cli-'));

function run(args: string[], input?: string | Buffer): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function noTrace(stderr: string): void {
  assert.ok(!/\n\s+at .+:\d+:\d+/.test(stderr), `stack trace leaked: ${stderr}`);
}

describe('CLI (spawned as a process)', function () {
  this.timeout(120_000);

  it('diagnose FILE --json prints exactly one JSON object in the documented shape', () => {
    const file = join(tmp, 'oom.txt');
    writeFileSync(file, patternFixture('accelerate-missing-for-device-map.1.txt'));
    const r = run(['diagnose', file, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(typeof out.input.bytes, 'number');
    assert.equal(out.input.truncated, false);
    const f = out.findings[0];
    assert.equal(f.error.type, 'ImportError');
    assert.deepEqual(f.error.location, { file: '/workspace/liujiu/document-knowledge-qa/test/qwen1.5-test.py', line: 57 });
    assert.ok(Array.isArray(f.error.lines));
    const c = f.candidates[0];
    for (const k of ['id', 'title', 'confidence', 'rootCause', 'bugType', 'impacts', 'evidence', 'fixes', 'references']) assert.ok(k in c, `candidate has ${k}`);
    assert.equal(c.id, 'accelerate-missing-for-device-map');
    assert.ok(c.confidence >= 0.5 && c.confidence <= 1);
    assert.ok(c.references.every((u: string) => u.startsWith('https://')));
  });

  it('reads stdin with - and honours --top and --min-confidence', () => {
    const text = 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.90 GiB total capacity)';
    const r = run(['diagnose', '-', '--json', '--top', '1'], text);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.equal(out.findings[0].candidates.length, 1);
    assert.equal(out.findings[0].candidates[0].rootCause, 'resource-memory');
    const none = JSON.parse(run(['diagnose', '-', '--json', '--min-confidence', '1'], text).stdout);
    assert.deepEqual(none.findings[0].candidates, []);
  });

  it('prints a readable text report without colour when not on a terminal', () => {
    const r = run(['diagnose', '-'], 'RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /\[1\] error-line RuntimeError: CUDA out of memory/);
    assert.match(r.stdout, /Fix 1: /);
    assert.ok(!r.stdout.includes('\u001b['), 'no escape codes in a pipe');
  });

  it('says "No confident match" for an unrelated error', () => {
    const r = run(['diagnose', '-'], "KeyError: 'user_id'\n");
    assert.equal(r.code, 0);
    assert.match(r.stdout, /No confident match/);
  });

  it('list filters by root cause and library; show prints one pattern', () => {
    const all = run(['list', '--json']);
    const list = JSON.parse(all.stdout) as { id: string; rootCause: string; libraries: string[] }[];
    assert.ok(list.length >= 80);
    const mem = JSON.parse(run(['list', '--root-cause', 'resource-memory', '--json']).stdout) as typeof list;
    assert.ok(mem.length > 0 && mem.every((p) => p.rootCause === 'resource-memory'));
    const peft = JSON.parse(run(['list', '--library', 'peft', '--json']).stdout) as typeof list;
    assert.ok(peft.length > 0 && peft.every((p) => p.libraries.includes('peft')));
    const show = run(['show', list[0]!.id]);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /Fixes/);
    assert.match(show.stdout, /References/);
    assert.equal(run(['show', 'no-such-pattern']).code, 2);
    assert.equal(run(['list', '--root-cause', 'bogus']).code, 2);
  });

  describe('bad input: a clear result or a one-line error with exit 2, never a trace, never a hang', () => {
    it('empty input', () => {
      const r = run(['diagnose', '-', '--json'], '');
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout).findings, []);
      assert.match(run(['diagnose', '-'], '').stdout, /No error found/);
    });

    it('binary data', () => {
      const file = join(tmp, 'blob.bin');
      writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]));
      const r = run(['diagnose', file]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /binary/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });

    it('invalid UTF-8 is decoded with replacement characters and still diagnosed', () => {
      const bytes = Buffer.concat([Buffer.from('RuntimeError: CUDA out of memory. \xff\xfe bad bytes', 'latin1')]);
      const r = run(['diagnose', '-', '--json'], bytes);
      assert.equal(r.code, 0);
      assert.equal(JSON.parse(r.stdout).findings[0].candidates[0].rootCause, 'resource-memory');
    });

    it('a 100 MB log with the traceback at its end', () => {
      const file = join(tmp, 'big.log');
      const fd = openSync(file, 'w');
      const chunk = Buffer.from("{'loss': 0.6931, 'learning_rate': 4.9e-05, 'epoch': 0.01}\n".repeat(16384));
      for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
      writeSync(fd, patternFixture('accelerate-missing-for-device-map.1.txt'));
      closeSync(fd);
      const r = run(['diagnose', file, '--json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.input.truncated, true);
      assert.ok(out.input.bytes > 100 * 1024 * 1024);
      assert.equal(out.findings[0].candidates[0].id, 'accelerate-missing-for-device-map');
    });

    it('a single 10 MB line', () => {
      const r = run(['diagnose', '-', '--json'], 'ValueError: ' + 'x'.repeat(10 * 1024 * 1024));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).input.truncated, true);
    });

    it('a missing file, a directory, a bad option', () => {
      for (const [args, re] of [
        [['diagnose', join(tmp, 'nope.log')], /no such file/],
        [['diagnose', tmp], /is a directory/],
        [['diagnose', '-', '--top', 'lots'], /--top must be an integer/],
        [['frobnicate'], /unknown command/],
        [['diagnose', '--bogus'], /unknown option --bogus/],
      ] as const) {
        const r = run([...args], '');
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr.split('\n')[0]!, re);
        noTrace(r.stderr);
      }
    });
  });

  it('never prints a secret from the input', () => {
    const r = run(['diagnose', '-', '--json'], 'OSError: 401 Client Error for url with token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789\n');
    assert.ok(!r.stdout.includes('hf_AbCdEf'));
    assert.equal(JSON.parse(r.stdout).input.redactions, 1);
  });
});
