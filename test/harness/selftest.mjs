#!/usr/bin/env node
// Proves the harness reports failures: runs the deliberate failures in
// selftest/ (and a deliberate hang with a short global timeout) and checks
// the exit code, the closing line and the messages.
//
//   node test/harness/selftest.mjs
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { harnessDir } from './lib/paths.mjs';

const run = (env) => spawnSync(process.execPath, [path.join(harnessDir, 'run.mjs'), '--tests', path.join(harnessDir, 'selftest')], {
  encoding: 'utf8',
  env: { ...process.env, ...env },
});

const cases = [
  {
    name: 'failures',
    env: {},
    expect: [
      /^1 passed, 2 failed$/m,
      /selftest a deliberately broken assertion\n\s+Expected values to be strictly equal:/,
      /test\/harness\/selftest\/failures\.test\.ts:\d+:\d+/, // frames mapped back to the source
      /selftest a page query that finds nothing\n\s+page text failed:/,
      /^1 skipped$/m,
    ],
  },
  {
    name: 'hang',
    env: { RD_SELFTEST_HANG: '1', RD_TEST_GREP: 'hang', RD_TIMEOUT_MS: '90000' },
    expect: [
      /the suite did not finish within 90 s while running "selftest hang never finishes"/,
      /^0 passed, 1 failed$/m,
    ],
  },
];

let ok = true;
for (const c of cases) {
  const res = run(c.env);
  const missing = c.expect.filter((re) => !re.test(res.stdout));
  const good = res.status !== 0 && missing.length === 0;
  ok &&= good;
  console.log(`${good ? 'ok  ' : 'FAIL'} ${c.name}: exit ${res.status}${missing.length ? `, output lacks ${missing.join(', ')}` : ''}`);
  if (!good) console.log(res.stdout, res.stderr);
}
process.exit(ok ? 0 : 1);
