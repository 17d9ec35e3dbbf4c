// Where things live. Every path the harness uses is derived here so the
// scripts can be run from any working directory.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const harnessDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(harnessDir, '..', '..');
export const harnessModules = path.join(harnessDir, 'node_modules');
export const codeServerDir = path.join(harnessModules, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');

/** The bundled suite: the extension host loads this file and calls its run(). */
export const suiteDir = path.join(repoRoot, 'out', 'test', 'integration');
export const testsDir = path.join(repoRoot, 'test', 'integration');

/** Screenshots and copies of logs; git-ignored. */
export const artifactsDir = process.env.RD_ARTIFACTS_DIR
  ? path.resolve(process.env.RD_ARTIFACTS_DIR)
  : path.join(repoRoot, 'test-artifacts');

export const chromiumPath = process.env.RD_CHROMIUM ?? '/usr/bin/chromium';
