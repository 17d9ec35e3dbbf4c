import assert from 'node:assert/strict';
import { looksBinary, MAX_ANALYSED_CHARS, normalise } from '../../src/core/normalize';
import { redactSecrets } from '../../src/core/redact';

describe('normalise', () => {
  it('strips ANSI colours and OSC sequences from a coloured Jupyter traceback', () => {
    const coloured = '\u001b[0;31mValueError\u001b[0m: bad\n\u001b]633;D;1\u0007\u001b]0;title\u001b\\done';
    assert.equal(normalise(coloured).text, 'ValueError: bad\ndone');
  });

  it('turns CRLF into LF and keeps only the last state of a progress bar line', () => {
    assert.equal(normalise('a\r\nb\r\n').text, 'a\nb\n');
    assert.equal(normalise(' 10%|#   \r 50%|#####  \r100%|##########\nnext').text, '100%|##########\nnext');
  });

  it('removes NUL and other control bytes but keeps tabs', () => {
    assert.equal(normalise('a\u0000b\u0007c\td').text, 'abc\td');
  });

  it('keeps the tail of an oversized input and says it truncated', () => {
    const big = 'x'.repeat(100) + '\n' + 'noise line\n'.repeat(MAX_ANALYSED_CHARS / 10) + 'RuntimeError: the end';
    const n = normalise(big);
    assert.equal(n.truncated, true);
    assert.ok(n.text.length <= MAX_ANALYSED_CHARS);
    assert.ok(n.text.endsWith('RuntimeError: the end'));
    assert.ok(n.text.startsWith('noise line'), 'starts at a line boundary');
  });

  it('cuts a single huge line and reports truncation', () => {
    const n = normalise('A'.repeat(10 * 1024 * 1024));
    assert.equal(n.truncated, true);
    assert.ok(n.text.length < 20_000);
  });

  it('unwraps Markdown links that Colab puts around frame paths', () => {
    const t = '[/usr/local/lib/python3.10/dist-packages/x.py](https://localhost:8080/#) in f(self)';
    assert.equal(normalise(t).text, '/usr/local/lib/python3.10/dist-packages/x.py in f(self)');
  });

  it('detects binary data', () => {
    assert.equal(looksBinary('\u0000\u0001\u0002PK'), true);
    assert.equal(looksBinary('Traceback (most recent call last):\n'), false);
    assert.equal(normalise('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR').binary, true);
  });
});

describe('redaction', () => {
  it('redacts Hugging Face tokens, API keys and Authorization headers', () => {
    const text = [
      'huggingface-cli login --token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
      'openai.api_key = "sk-proj-abcdefghijklmnopqrstuvwxyz012345"',
      "headers: {'Authorization': 'Bearer hf_abcdefghijklmnopqrstuvwxyzABCD'}",
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig',
      'https://user:s3cret@huggingface.co/bert-base-uncased',
    ].join('\n');
    const { text: out, count } = redactSecrets(text);
    assert.ok(!/hf_[A-Za-z0-9]{20}/.test(out), out);
    assert.ok(!out.includes('sk-proj-abcdef'), out);
    assert.ok(!out.includes('eyJhbGci'), out);
    assert.ok(!out.includes('s3cret'), out);
    assert.ok(count >= 5);
  });

  it('is applied by normalise, so nothing downstream sees a token', () => {
    const n = normalise('OSError: 401 for token hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789');
    assert.ok(n.text.includes('hf_***'));
    assert.equal(n.redactions, 1);
  });

  it('redacts home directory names only when asked', () => {
    const t = 'File "/home/alice/proj/train.py", line 3';
    assert.equal(normalise(t).text, t);
    assert.equal(normalise(t, { redactPaths: true }).text, 'File "~/proj/train.py", line 3');
  });

  it('leaves ordinary text alone', () => {
    const t = 'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")\nskip-gram model';
    assert.deepEqual(redactSecrets(t), { text: t, count: 0 });
  });
});
