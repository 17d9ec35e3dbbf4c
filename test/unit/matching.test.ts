import assert from 'node:assert/strict';
import { join } from 'node:path';
import { confidenceOf, DEFAULT_MIN_CONFIDENCE } from '../../src/core/confidence';
import { defaultTaxonomy, diagnose, firstCandidate, leadCandidates } from '../../src/core/diagnose';
import { requiredLiterals } from '../../src/core/literals';
import { keysOfText } from '../../src/core/example-keys';
import { messageKey } from '../../src/core/keys';
import { FIXTURES, fixturesIn, readFixture } from '../helpers/fixtures';
import { makePattern, taxonomyOf } from '../helpers/patterns';
import type { CompiledPattern, PatternSignals } from '../../src/core/types';

/** Every candidate a text gets, as "id (confidence) for <error>": empty means no confident match. */
const claimsOf = (text: string) => diagnose(text).findings.flatMap((f) => f.candidates.map((c) => `${c.id} (${c.confidence}) for ${f.error.type ?? f.error.kind}`));
/** The claims on each of these lines, as "line → claim": empty means none got a confident match. */
const claimsOnLines = (lines: string[]) => lines.flatMap((line) => claimsOf(line).map((claim) => `${line} → ${claim}`));

describe('matching and confidence', () => {
  it('confidence grows with evidence, stays in [0, 1], and a type alone never passes the threshold', () => {
    assert.equal(confidenceOf(0, 0), 0);
    assert.ok(confidenceOf(0.5, 0) < DEFAULT_MIN_CONFIDENCE);
    assert.ok(confidenceOf(2.5, 0.5) < DEFAULT_MIN_CONFIDENCE, 'no message evidence: held below the threshold');
    assert.ok(confidenceOf(3, 3) >= DEFAULT_MIN_CONFIDENCE);
    assert.ok(confidenceOf(6, 5) > confidenceOf(3, 3));
    assert.ok(confidenceOf(100, 100) <= 1);
  });

  it('every candidate carries its evidence with spans into the matched text', () => {
    const report = diagnose('RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB (GPU 0; 7.79 GiB total capacity)');
    const f = report.findings[0]!;
    const c = f.candidates[0]!;
    assert.ok(c.evidence.length > 0);
    const spans = c.evidenceDetail.flatMap((e) => e.spans ?? []);
    assert.ok(spans.length > 0);
    for (const s of spans) assert.ok(s.start >= 0 && s.end <= f.matchedText.length && s.start < s.end);
    assert.match(f.matchedText.slice(spans[0]!.start, spans[0]!.end), /out of memory|allocate/i);
  });

  it('frame hints written with / also name the frames of a Windows traceback', () => {
    // A real traceback and the same one as Python prints it on Windows.
    const posix = readFixture(join(FIXTURES, 'patterns', 'hf-no-weights-file-in-directory.4.txt')).text;
    const windows = posix.replace(/"\/(?:home|usr|root|opt)\/([^"]+)"/g, (_, p: string) => `"C:\\Users\\${p.replace(/\//g, '\\')}"`);
    assert.match(windows, /dist-packages\\transformers\\modeling_tf_utils\.py/);
    const frames = (text: string) => diagnose(text).findings[0]!.candidates[0]!.evidenceDetail.filter((e) => e.kind === 'frame');
    assert.equal(frames(posix).length, 1);
    assert.equal(frames(windows).length, 1, 'the hint transformers/modeling_tf_utils.py matches the backslash path');
  });

  it('reads the words around unrecognised warnings as a described symptom', () => {
    // A real deprecation warning nobody asked about, pasted above a real report in words.
    const warning = '/usr/lib/python3.10/site-packages/setuptools/command/install.py:34: SetuptoolsDeprecationWarning: setup.py install is deprecated. Use build and pip and other standards-based tools.';
    const words = readFixture(join(FIXTURES, 'patterns', 'cuda-oom-during-generation.5.txt')).text;
    const report = diagnose(`${warning}\n${words}`);
    assert.deepEqual(report.findings.map((f) => f.error.kind), ['warning', 'text']);
    assert.equal(report.findings[0]!.candidates.length, 0);
    assert.equal(leadCandidates(report)[0]?.id, 'cuda-oom-during-generation');
    // A recognised warning is the answer on its own: no second reading of the same text.
    const known = readFixture(join(FIXTURES, 'patterns', 'bnb-int8-matmul-inputs-cast-to-float16-warning.1.txt')).text;
    assert.deepEqual(diagnose(known).findings.map((f) => f.error.kind), ['warning']);
  });

  it('ranks candidates best first with confidences in [0, 1]', () => {
    for (const f of diagnose('OSError: We couldn\'t connect to \'https://huggingface.co\' to load this file').findings) {
      const cs = f.candidates.map((c) => c.confidence);
      assert.deepEqual(cs, [...cs].sort((a, b) => b - a));
      assert.ok(cs.every((x) => x >= DEFAULT_MIN_CONFIDENCE && x <= 1));
    }
  });

  it('pre-filter literals are required substrings, and alternatives get one each', () => {
    assert.deepEqual(requiredLiterals('CUDA out of memory'), ['cuda out of memory']);
    assert.deepEqual(requiredLiterals('size mismatch for [\\w.]{1,200}: copying'), ['size mismatch for ']);
    assert.deepEqual(requiredLiterals('foo|bar baz'), ['foo', 'bar baz']);
    assert.equal(requiredLiterals('a|b'), undefined, 'too short to filter');
    assert.deepEqual(requiredLiterals('colou?r blind'), ['r blind']);
    assert.deepEqual(requiredLiterals('abc+de'), ['abc']);
  });

  it('normalised keys hide paths, numbers and ids', () => {
    assert.equal(messageKey('RuntimeError: CUDA out of memory. Tried to allocate 20.00 MiB at /home/u/x.py'), 'runtimeerror: cuda out of memory. tried to allocate n mib at path');
  });

  it('an example traceback keys on what follows its frames, and a cut-off one on nothing', () => {
    const frames = 'Traceback (most recent call last):\n  File "train_matching.py", line 152, in <module>\n    test_model(args)\n  File "/x/site-packages/transformers/configuration_utils.py", line 203, in use_return_dict\n    return self.return_dict and not self.torchscript\n';
    // A search excerpt that ended before the error line: frame boilerplate and the script's own names are no key.
    assert.deepEqual(keysOfText(frames), []);
    // An error line the parser does not take as one (a bare exception name) is still the key, not the frames.
    assert.deepEqual(keysOfText(frames + 'StopIteration'), ['stopiteration']);
    // A frame printed without a source line (<stdin>): the line after it is the error itself.
    assert.deepEqual(keysOfText('Traceback (most recent call last):\n  File "<stdin>", line 1, in <module>\nStopIteration'), ['stopiteration']);
    // A recognised error line keys as before.
    assert.deepEqual(keysOfText(frames + "AttributeError: 'BertConfig' object has no attribute 'return_dict'"), ["attributeerror: 'bertconfig' object has no attribute 'return_dict'"]);
  });

  it('no confident match on the bare one-line errors that any Python program raises', () => {
    // A pattern for one library's bug must not claim a generic message on its own: round 23's
    // Parrot pattern took "'NoneType' object is not iterable" at 0.67, and round 21's Ray pattern
    // a bare "cannot pickle '_thread.lock'", until each required its library in the text.
    const bare = [
      "TypeError: 'NoneType' object is not iterable",
      "TypeError: 'NoneType' object is not subscriptable",
      "TypeError: 'NoneType' object is not callable",
      "TypeError: cannot pickle '_thread.lock' object",
      "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
      "TypeError: __init__() got an unexpected keyword argument 'foo'",
      "AttributeError: 'NoneType' object has no attribute 'shape'",
      "AttributeError: 'str' object has no attribute 'decode'",
      "AttributeError: 'list' object has no attribute 'to'",
      "AttributeError: 'tuple' object has no attribute 'shape'",
      'IndexError: list index out of range',
      "KeyError: 'model'",
      'KeyError: 0',
      'ValueError: too many values to unpack (expected 2)',
      'ValueError: not enough values to unpack (expected 3, got 2)',
      "ValueError: invalid literal for int() with base 10: '-2.5'",
      'TypeError: log() takes 2 positional arguments but 3 were given',
      'ValueError: could not broadcast input array from shape (299,) into shape (300,)',
      "ModuleNotFoundError: No module named 'utils'",
      "ImportError: cannot import name 'main' from 'app'",
      "FileNotFoundError: [Errno 2] No such file or directory: 'config.json'",
      "PermissionError: [Errno 13] Permission denied: '/data'",
      "ConnectionError: HTTPSConnectionPool(host='example.com', port=443): Max retries exceeded with url: /",
      'RecursionError: maximum recursion depth exceeded',
      'MemoryError',
      'ZeroDivisionError: division by zero',
      'AssertionError',
      'NotImplementedError',
      'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    ];
    assert.deepEqual(claimsOnLines(bare), []);
  });

  it("a library's own frame is not one bug's signal: a Ray hyperparameter search that fails on something else is not the RLock pickling bug", () => {
    // Round 21's pickling pattern carried the frame line "in run_hp_search_ray" at weight 3, which
    // every traceback of a Ray search passes: a missing metric there was answered "cannot pickle
    // RLock" at 0.75. Its message is the signal now, the frame only the context it requires.
    const search = [
      'Traceback (most recent call last):',
      '  File "train.py", line 40, in <module>',
      '    trainer.hyperparameter_search(direction="maximize", backend="ray", n_trials=10)',
      '  File "/usr/lib/python3.10/site-packages/transformers/trainer.py", line 2650, in hyperparameter_search',
      '    best_run = backend_obj.run(self, n_trials, direction, **kwargs)',
      '  File "/usr/lib/python3.10/site-packages/transformers/integrations/integration_utils.py", line 340, in run_hp_search_ray',
      '    analysis = ray.tune.run(',
    ];
    const shown = leadCandidates(diagnose([...search, "KeyError: 'eval_accuracy'"].join('\n'))).map((c) => c.id);
    assert.ok(!shown.includes('hf-hp-search-ray-cannot-pickle-rlock-memory-tracker'));
    assert.equal(firstCandidate([...search, "TypeError: cannot pickle '_thread.RLock' object"].join('\n'))?.id, 'hf-hp-search-ray-cannot-pickle-rlock-memory-tracker');
  });

  it('no confident match on the bare lines a native crash prints, whatever program crashed', () => {
    // The sentencepiece segfault pattern took "Segmentation fault (core dumped)" at 0.7 and the
    // TensorFlow AVX pattern "Aborted (core dumped)" at 0.63 until each required its library.
    const crashes = [
      'Segmentation fault (core dumped)',
      'Fatal Python error: Segmentation fault',
      'zsh: segmentation fault  python main.py',
      'Aborted (core dumped)',
      'memory allocation of 1024 bytes failed\nAborted (core dumped)',
      'Illegal instruction (core dumped)',
      'Bus error (core dumped)',
      'Floating point exception (core dumped)',
      'Killed',
      'free(): invalid pointer',
      'double free or corruption (out)',
      "terminate called after throwing an instance of 'std::bad_alloc'",
      'Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)',
      'Process finished with exit code -1073741819 (0xC0000005)',
    ];
    assert.deepEqual(claimsOnLines(crashes), []);
  });

  it('fuzzy likeness of a generic Python message counts only in text about model reuse', () => {
    // The mechanism behind the Parrot case above: a generic type (0.5), a weak regex (1) and a
    // near-identical fuzzy key reached 0.67 on the bare message. Likeness now needs a text about
    // model reuse when the exception type is a generic one; a specific type keeps it.
    const base = defaultTaxonomy();
    const line = "TypeError: 'NoneType' object is not iterable";
    const generic = makePattern('generic-key', base.patterns[0]!.rootCause, 'A library returns None',
      { exceptionTypes: ['TypeError', 'ParrotError'], messagePatterns: [{ regex: 'object is not iterable', weight: 1 }] },
      [messageKey(line), messageKey(line.replace('TypeError', 'ParrotError'))]);
    const claims = (text: string) => leadCandidates(diagnose(text, { taxonomy: { ...base, patterns: [generic] } })).map((c) => c.id);
    assert.deepEqual(claims(line), [], 'a bare generic error: likeness does not count');
    assert.deepEqual(claims(`Paraphrasing with a pre-trained T5 model:\n${line}`), ['generic-key'], 'the same error in a reuse text');
    assert.deepEqual(claims(line.replace('TypeError', 'ParrotError')), ['generic-key'], 'a specific exception type');
  });

  // Two patterns of one root cause for the vote tests: 0.60 and 0.55 on a line with "beta gamma".
  const agreeing = () => [
    makePattern('agrees-1', 'resource-memory', 'Agrees 1', { messagePatterns: [{ regex: 'beta', weight: 2.3 }] }),
    makePattern('agrees-2', 'resource-memory', 'Agrees 2', { messagePatterns: [{ regex: 'gamma', weight: 2 }] }),
  ];
  /** 'alone' rests on a phrase (0.70) unless a test gives it other signals. */
  const byPhrase = { exceptionTypes: ['ZetaError'], phrases: ['alpha beta'] };

  it('the candidates shown vote on the root cause when the first has no regex: two that agree go ahead of one that stands alone by 0.1 or less', () => {
    // 'alone' rests on a phrase (or, in the last case, a message regex); the two others agree on
    // another root cause.
    const tax = (alone: PatternSignals) => taxonomyOf(makePattern('alone', 'api-misuse', 'Alone', alone), ...agreeing());
    const line = 'ZetaError: alpha beta gamma';
    const ranked = (alone: PatternSignals, top?: number) => leadCandidates(diagnose(line, { taxonomy: tax(alone), ...(top ? { top } : {}) }));
    const alone = ranked(byPhrase);
    assert.equal(alone.length, 3, alone.map((c) => `${c.id} ${c.confidence}`).join(', '));
    // As scored, the phrase comes first (0.70) and leads agrees-1 (0.60) by no more than 0.1, and
    // the two that agree weigh 1.15; the vote puts the agreeing root cause ahead.
    const own = confidenceOf(2.3, 2.3);
    assert.ok(alone[1]!.confidence - own <= 0.1 + 1e-9 && own + alone[2]!.confidence > alone[1]!.confidence, alone.map((c) => `${c.id} ${c.confidence}`).join(', '));
    assert.deepEqual(alone.map((x) => x.id), ['agrees-1', 'alone', 'agrees-2']);
    assert.equal(alone[0]!.confidence, alone[1]!.confidence, 'it goes first at the first one\'s confidence');
    assert.deepEqual(alone[0]!.evidenceDetail.filter((e) => e.kind === 'consensus').map((e) => e.text), ['ranked first: 2 of the 3 candidates point to the root cause resource-memory']);
    assert.deepEqual(ranked(byPhrase, 1).map((x) => x.id), ['agrees-1'], '--top 1 gives the same answer');
    // A message regex of the same weight is not outvoted, and neither is a first candidate that
    // leads by more than 0.1 (0.80 against 0.60).
    assert.deepEqual(ranked({ messagePatterns: [{ regex: 'alpha', weight: 3 }] }).map((x) => x.id), ['alone', 'agrees-1', 'agrees-2']);
    const ahead = ranked({ exceptionTypes: ['ZetaError'], phrases: ['alpha beta', 'zetaerror: alpha'] });
    assert.deepEqual(ahead.map((x) => `${x.id} ${x.confidence}`), ['alone 0.8', 'agrees-1 0.6', 'agrees-2 0.55']);
  });

  it('the vote reads the three default candidates whatever --top asks, so --top 5 gives the same answer', () => {
    // With five voters api-misuse would weigh most (0.70 + 0.52 + 0.51) and 'alone' would stay
    // first; the three default voters put resource-memory (0.60 + 0.55) ahead.
    const taxonomy = taxonomyOf(
      makePattern('alone', 'api-misuse', 'Alone', byPhrase),
      ...agreeing(),
      makePattern('other-1', 'api-misuse', 'Other 1', { messagePatterns: [{ regex: 'delta', weight: 1.85 }] }),
      makePattern('other-2', 'api-misuse', 'Other 2', { messagePatterns: [{ regex: 'epsilon', weight: 1.8 }] }),
    );
    const line = 'ZetaError: alpha beta gamma delta epsilon';
    const first = (top?: number) => leadCandidates(diagnose(line, { taxonomy, ...(top ? { top } : {}) })).map((c) => c.id);
    assert.equal(first(5).length, 5, first(5).join(', '));
    assert.equal(first()[0], 'agrees-1');
    assert.equal(first(1)[0], 'agrees-1');
    assert.equal(first(5)[0], 'agrees-1', '--top 5 must not widen the vote');
  });

  it("the report's words choose the root cause when the first candidate has no regex: a candidate whose root cause they favour by e² goes first", () => {
    // 'alone' rests on a phrase (0.70); 'memory' on a weaker regex (0.55). Only the memory
    // pattern's own words (its title) speak of exhausted device memory.
    const memory = (weight: number) => makePattern('memory', 'resource-memory', 'Device memory exhausted while allocating', { messagePatterns: [{ regex: 'gamma', weight }] });
    const tax = (alone: PatternSignals) => taxonomyOf(makePattern('alone', 'api-misuse', 'Alone', alone), memory(2));
    const ranked = (alone: PatternSignals, line: string, top?: number) => leadCandidates(diagnose(line, { taxonomy: tax(alone), ...(top ? { top } : {}) }));
    const memoryLine = 'ZetaError: alpha beta gamma: device memory exhausted while allocating';
    const moved = ranked(byPhrase, memoryLine);
    assert.deepEqual(moved.map((c) => c.id), ['memory', 'alone'], moved.map((c) => `${c.id} ${c.confidence}`).join(', '));
    assert.equal(moved[0]!.confidence, moved[1]!.confidence, "it goes first at the first one's confidence");
    assert.deepEqual(moved[0]!.evidenceDetail.filter((e) => e.kind === 'root-cause-words').map((e) => e.text), [
      "ranked first: the words of this report are more like the taxonomy's resource-memory bugs than its api-misuse bugs",
    ]);
    assert.deepEqual(ranked(byPhrase, memoryLine, 1).map((c) => c.id), ['memory'], '--top 1 gives the same answer');
    // Without those words nothing moves (the order is the scores'), and a message regex is never
    // overruled by words.
    assert.deepEqual(ranked(byPhrase, 'ZetaError: alpha beta gamma').map((c) => c.id), ['alone', 'memory']);
    assert.deepEqual(ranked({ messagePatterns: [{ regex: 'alpha', weight: 3 }] }, memoryLine).map((c) => c.id), ['alone', 'memory']);
    // A candidate under the default threshold is never a voter, even when a caller lowers the
    // threshold to list it: it stays at its own confidence, below the first.
    const weakTax = taxonomyOf(makePattern('alone', 'api-misuse', 'Alone', byPhrase), memory(0.5));
    const listed = leadCandidates(diagnose(memoryLine, { taxonomy: weakTax, minConfidence: 0 }));
    assert.deepEqual(listed.map((c) => c.id), ['alone', 'memory'], listed.map((c) => `${c.id} ${c.confidence}`).join(', '));
    assert.ok(listed[1]!.confidence < DEFAULT_MIN_CONFIDENCE);
  });

  it('a candidate one of its own negatives rules out is never put first by the root-cause words or the vote', () => {
    // Round 40 found the vote putting a pattern first whose author had written a negative for
    // exactly the message at hand (it came in as an alternative, which skips negatives). The same
    // two reorderings as above, with the candidate that would move now contradicted by its
    // negative: it stays listed, at its own place.
    const memory = makePattern('memory', 'resource-memory', 'Device memory exhausted while allocating', {
      messagePatterns: [{ regex: 'gamma', weight: 2.5 }],
      negativePatterns: [{ regex: 'not this one', weight: 0.5 }],
    });
    const byWords = (line: string) => leadCandidates(diagnose(line, { taxonomy: taxonomyOf(makePattern('alone', 'api-misuse', 'Alone', byPhrase), memory) })).map((c) => c.id);
    const memoryLine = 'ZetaError: alpha beta gamma: device memory exhausted while allocating';
    assert.deepEqual(byWords(memoryLine), ['memory', 'alone'], 'without its negative the words move it first');
    assert.deepEqual(byWords(`${memoryLine} (not this one)`), ['alone', 'memory']);
    const [agrees1, agrees2] = agreeing();
    const vetoed = makePattern('agrees-1', 'resource-memory', 'Agrees 1', { messagePatterns: [{ regex: 'beta', weight: 2.8 }], negativePatterns: [{ regex: 'not this one', weight: 0.5 }] });
    const byVote = (line: string, first: CompiledPattern) => leadCandidates(diagnose(line, { taxonomy: taxonomyOf(makePattern('alone', 'api-misuse', 'Alone', byPhrase), first, agrees2!) })).map((c) => c.id);
    assert.deepEqual(byVote('ZetaError: alpha beta gamma', agrees1!), ['agrees-1', 'alone', 'agrees-2'], 'without a negative the vote moves it first');
    assert.deepEqual(byVote('ZetaError: alpha beta gamma (not this one)', vetoed), ['alone', 'agrees-1', 'agrees-2']);
  });

  it("one message, two known causes: the report's words choose between regex siblings within 0.1 that matched the same part of it", () => {
    // Both recognise the same words of the message with the same regex weight (a tie, which the
    // ids alone would break: 'position' before 'vocab'); only the vocabulary pattern's own words
    // speak of added tokens and an embedding matrix that was not resized.
    const vocab = (signals: PatternSignals = {}) => makePattern('vocab', 'vocab-embedding-size', 'Tokens added to the tokenizer without resizing the embedding matrix', { messagePatterns: [{ regex: 'index out of range in self', weight: 2 }], ...signals });
    const position = (signals: PatternSignals = {}) => makePattern('position', 'input-length', 'Input longer than the position embeddings allow', { messagePatterns: [{ regex: 'index out of range in self', weight: 2 }], ...signals });
    const ranked = (text: string, ...patterns: CompiledPattern[]) => leadCandidates(diagnose(text, { taxonomy: taxonomyOf(...patterns) }));
    const bare = 'IndexError: index out of range in self';
    const told = `${bare}\nI added tokens to the tokenizer and did not resize the embedding matrix`;
    assert.deepEqual(ranked(bare, vocab(), position()).map((c) => c.id), ['position', 'vocab'], 'nothing else to go on: the scores and ids decide');
    const moved = ranked(told, vocab(), position());
    assert.deepEqual(moved.map((c) => c.id), ['vocab', 'position'], moved.map((c) => `${c.id} ${c.confidence}`).join(', '));
    assert.equal(moved[0]!.confidence, moved[1]!.confidence, "it goes first at the first one's confidence");
    assert.deepEqual(moved[0]!.evidenceDetail.filter((e) => e.kind === 'message-words').map((e) => e.text), [
      "ranked first: it matches the same message as position, and the words of this report are more like this pattern's",
    ]);
    // A sibling whose regex matched another part of the text is another message, not another
    // cause of this one; one its own negative rules out is no rival; one 0.1 or more behind stays behind.
    const elsewhere = ranked(told, vocab({ messagePatterns: [{ regex: 'IndexError', weight: 2 }] }), position());
    assert.deepEqual(elsewhere.map((c) => c.id), ['position', 'vocab'], elsewhere.map((c) => `${c.id} ${c.confidence}`).join(', '));
    const ruledOut = ranked(told, vocab({ negativePatterns: [{ regex: 'in self', weight: 0.1 }] }), position());
    assert.deepEqual(ruledOut.map((c) => c.id), ['position', 'vocab'], ruledOut.map((c) => `${c.id} ${c.confidence}`).join(', '));
    const behind = ranked(told, vocab(), position({ phrases: ['index out of range'] }));
    assert.ok(behind[0]!.confidence - behind[1]!.confidence > 0.1, behind.map((c) => `${c.id} ${c.confidence}`).join(', '));
    assert.deepEqual(behind.map((c) => c.id), ['position', 'vocab']);
  });

  describe('no confident match on real errors that have nothing to do with model reuse (test/fixtures/unrelated)', () => {
    const unrelated = fixturesIn('unrelated');
    it('has at least 15 of them', () => assert.ok(unrelated.length >= 15, `${unrelated.length}`));
    for (const fx of unrelated) {
      it(fx.name, () => {
        assert.deepEqual(claimsOf(fx.text), [], `source: ${fx.source}`);
      });
    }
  });
});
