import assert from 'node:assert/strict';
import { normalise } from '../../src/core/normalize';
import { parseErrors } from '../../src/core/parse/parse';
import { patternFixture } from '../helpers/fixtures';

const parse = (text: string) => parseErrors(normalise(text).text);

/** What a chained traceback parses to: one finding, with its type, causes and line span. */
function chainOf(text: string) {
  const [e, ...rest] = parse(text);
  assert.equal(rest.length, 0, 'one finding for the whole chain');
  return { type: e?.type, causes: e?.causes, lines: e?.lines };
}

describe('parse: Python tracebacks (real texts)', () => {
  it('reads frames, marks the user frame and the libraries, and never invents fields', () => {
    const [e] = parse(patternFixture('accelerate-missing-for-device-map.1.txt'));
    assert.ok(e);
    assert.equal(e.kind, 'traceback');
    assert.equal(e.type, 'ImportError');
    assert.match(e.message, /requires Accelerate/);
    assert.equal(e.frames?.length, 3);
    assert.deepEqual(e.location, { file: '/workspace/liujiu/document-knowledge-qa/test/qwen1.5-test.py', line: 57 });
    assert.equal(e.frames![0]!.user, true);
    assert.equal(e.frames![1]!.user, false);
    assert.equal(e.frames![1]!.library, 'transformers');
    assert.equal(e.frames![0]!.source, 'model = AutoModelForCausalLM.from_pretrained(');
    assert.deepEqual(e.libraries?.map((l) => l.name), ['transformers']);
    assert.equal(e.libraries?.[0]?.version, undefined, 'the text states no version');
  });

  it('links a chained exception to its cause, also when the cause lost its traceback', () => {
    const chained = [
      'Traceback (most recent call last):',
      '  File "/home/u/app.py", line 4, in load',
      '    return torch.load(path)',
      "_pickle.UnpicklingError: invalid load key, 'v'.",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/home/u/app.py", line 9, in <module>',
      '    load("model.bin")',
      'OSError: Unable to load weights from pytorch checkpoint file',
    ].join('\n');
    assert.deepEqual(chainOf(chained), {
      type: 'OSError',
      causes: [{ type: '_pickle.UnpicklingError', message: "invalid load key, 'v'.", relation: 'during-handling' }],
      lines: [1, 11],
    });

    // Real paste: the first exception kept only its message lines.
    const errors = parse(patternFixture('fairseq-checkpoint-dictionary-arch-mismatch.2.txt'));
    assert.equal(errors[0]!.type, 'RuntimeError');
    assert.match(errors[0]!.message, /size mismatch for encoder\.embed_tokens\.weight/, 'indented continuation lines belong to the message');
  });

  it('links a chained Jupyter/Colab traceback to its cause', () => {
    // After pyserini#959 as pasted from Colab (frames trimmed, the cut-off last message completed
    // as transformers prints it): the lazy import wraps the missing-module error.
    const colab = [
      '---------------------------------------------------------------------------',
      'ModuleNotFoundError                       Traceback (most recent call last)',
      '/usr/local/lib/python3.7/dist-packages/transformers/file_utils.py in _get_module(self, module_name)',
      '   2433         try:',
      '-> 2434             return importlib.import_module("." + module_name, self.__name__)',
      '   2435         except Exception as e:',
      '',
      '13 frames',
      "ModuleNotFoundError: No module named 'sentencepiece'",
      '',
      'The above exception was the direct cause of the following exception:',
      '',
      'RuntimeError                              Traceback (most recent call last)',
      '/usr/local/lib/python3.7/dist-packages/transformers/file_utils.py in _get_module(self, module_name)',
      '-> 2438             ) from e',
      '',
      'RuntimeError: Failed to import transformers.models.fnet.tokenization_fnet because of the following error (look up to see its traceback):',
      "No module named 'sentencepiece'",
    ].join('\n');
    assert.deepEqual(chainOf(colab), {
      type: 'RuntimeError',
      causes: [{ type: 'ModuleNotFoundError', message: "No module named 'sentencepiece'", relation: 'direct-cause' }],
      lines: [1, 18],
    });
  });

  it('reads a new-style Jupyter traceback (Cell In[n])', () => {
    const [e] = parse(patternFixture('transformers-evaluation-strategy-renamed.2.txt'));
    assert.equal(e?.type, 'TypeError');
    assert.match(e!.message, /unexpected keyword argument 'evaluation_strategy'/);
    assert.deepEqual(e!.location, { file: 'Cell In[38]', line: 2 });
  });

  it('reads an old-style IPython/Colab traceback with Markdown-linked frames', () => {
    const [e] = parse(patternFixture('accelerate-too-old-for-trainer.1.txt'));
    assert.equal(e?.kind, 'traceback');
    assert.equal(e?.type, 'ImportError');
    const lib = e!.frames!.find((f) => f.library === 'transformers');
    assert.ok(lib, 'the dist-packages frame is recognised');
    assert.equal(lib.line, 1767);
    assert.equal(e!.location?.file, '<ipython-input-33-89b3691c8fc5>');
  });

  it('reads a dotted module exception type from an IPython traceback', () => {
    const [e] = parse(patternFixture('tf1-contrib-removed-in-tf2.1.txt'));
    assert.equal(e?.type, 'ModuleNotFoundError');
    assert.equal(e?.message, "No module named 'tensorflow.contrib'");
  });

  it('reads the SyntaxError layout and a bare exception line', () => {
    const text = 'Traceback (most recent call last):\n  File "train.py", line 3\n    print "hi"\n          ^\nSyntaxError: Missing parentheses in call to \'print\'';
    const [e] = parse(text);
    assert.equal(e?.type, 'SyntaxError');
    assert.deepEqual(e?.location, { file: 'train.py', line: 3 });
  });

  it('reads a traceback pasted without its head', () => {
    // Real shape (faiss-index-dimension-assert.1): the paste starts at the frames.
    const [e, ...rest] = parse(patternFixture('faiss-index-dimension-assert.1.txt'));
    assert.equal(rest.length, 0);
    assert.equal(e?.kind, 'traceback');
    assert.equal(e?.type, 'AssertionError');
    assert.equal(e?.frames?.[0]?.library, 'faiss');
    const user = parse('  File "train.py", line 9, in <module>\n    main()\n  File "/x/site-packages/nltk/data.py", line 701, in find\n    raise LookupError(resource_not_found)\n\nLookupError: \n  Resource punkt not found.');
    assert.deepEqual([user[0]?.type, user[0]?.location], ['LookupError', { file: 'train.py', line: 9 }]);
    // 50,000 frames and no exception line: no traceback finding (only the run's first frame is tried).
    assert.ok(parse('  File "a.py", line 1, in f\n    g()\n'.repeat(50_000)).every((x) => x.kind !== 'traceback'));
  });

  it('reads tracebacks behind a log prefix and merges the copies printed by each rank', () => {
    const rank = (r: number) => [
      `[rank${r}]: Traceback (most recent call last):`,
      `[rank${r}]:   File "/home/u/train.py", line 9, in <module>`,
      `[rank${r}]:     main()`,
      `[rank${r}]: torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB`,
    ].join('\n');
    // Each rank has its own prefix, so these are two tracebacks with the same error.
    const errors = parse(rank(0) + '\n' + rank(1));
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.occurrences, 2);
    assert.equal(errors[0]!.type, 'torch.OutOfMemoryError');
  });
});

describe('parse: other error forms (real texts)', () => {
  it('finds CUDA device-side asserts printed by kernels', () => {
    const errors = parse(patternFixture('cuda-embedding-index-assert.1.txt'));
    const native = errors.find((e) => e.kind === 'native');
    assert.ok(native);
    assert.match(native.message, /srcIndex < srcSelectDimSize/);
  });

  it('finds a Rust panic from a tokenizer and the PanicException that follows', () => {
    const errors = parse(patternFixture('tiktoken-decode-unknown-token-panic.1.txt'));
    assert.ok(errors.some((e) => e.kind === 'panic' && e.message === 'no entry found for key'));
    assert.ok(errors.some((e) => e.kind === 'traceback' && e.type === 'PanicException'));
  });

  it('groups a pip build failure into one finding', () => {
    const errors = parse(patternFixture('tokenizers-wheel-build-no-rust.1.txt'));
    const builds = errors.filter((e) => e.kind === 'build');
    assert.equal(builds.length, 1);
    assert.match(builds[0]!.message, /can't find Rust compiler/);
    assert.match(builds[0]!.message, /Failed building wheel for tokenizers/);
  });

  it('reads TensorFlow log records and ERROR:tensorflow lines', () => {
    const errors = parse(patternFixture('tf-checkpoint-variable-not-found.5.txt'));
    assert.ok(errors.some((e) => e.kind === 'warning' && e.type?.startsWith('tensorflow/core/framework/op_kernel.cc') && /Key output_bias not found/.test(e.message)));
    assert.ok(errors.some((e) => e.kind === 'log' && /Restoring from checkpoint failed/.test(e.message)));
  });

  it('reads Hugging Face warnings printed without a level', () => {
    const errors = parse(patternFixture('classifier-head-newly-initialized.1.txt'));
    assert.equal(errors[0]?.kind, 'warning');
    assert.match(errors[0]!.message, /^Some weights of BertForSequenceClassification were not initialized/);
  });

  it('reads pytest short summaries and C++ aborts', () => {
    const errors = parse([
      'FAILED tests/test_model.py::test_forward - RuntimeError: expected scalar type Half but found Float',
      "terminate called after throwing an instance of 'c10::Error'",
      '  what():  CUDA error: an illegal memory access was encountered',
    ].join('\n'));
    assert.ok(errors.some((e) => e.kind === 'error-line' && e.type === 'RuntimeError' && e.message.startsWith('expected scalar type Half')));
    assert.ok(errors.some((e) => e.kind === 'native' && e.type === 'c10::Error' && /illegal memory access/.test(e.message)));
  });

  it('reads an error line that ends in a colon together with the line it announces', () => {
    // txtai#268: the lazy-import wrapper names the real error on the next, unindented line.
    const [e] = parse(patternFixture('pillow-too-old-no-image-resampling.1.txt'));
    assert.equal(e?.type, 'RuntimeError');
    assert.match(e?.message ?? '', /look up to see its traceback\):\nmodule 'PIL\.Image' has no attribute 'Resampling'/);
    // A message that does not end in a colon keeps to its own line.
    const [f] = parse('ValueError: bad input\nnext line of the log');
    assert.equal(f?.message, 'bad input');
  });

  it('reads library versions the text states', () => {
    const errors = parse('- `transformers` version: 4.30.2\n- torch==2.0.1+cu117\nValueError: oops');
    assert.deepEqual(errors[0]?.libraries, undefined, 'an error line without frames claims no libraries');
    const tb = parse('- `transformers` version: 4.30.2\nTraceback (most recent call last):\n  File "a.py", line 1, in <module>\nValueError: oops')[0]!;
    assert.deepEqual(tb.libraries, [{ name: 'transformers', version: '4.30.2' }]);
  });

  it('turns words with no error structure into one text finding, and empty text into none', () => {
    const errors = parse('My BERT model gives different predictions every time I run it on the same sentence.');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.kind, 'text');
    assert.deepEqual(parse('   \n\n  '), []);
  });

  it('orders the exception that ended the program first', () => {
    const text = 'Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nKeyError: first\n\nsome output\nTraceback (most recent call last):\n  File "a.py", line 2, in <module>\nValueError: last';
    assert.deepEqual(parse(text).map((e) => e.type), ['ValueError', 'KeyError']);
  });
});
