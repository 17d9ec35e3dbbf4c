// Where things live. Every path the harness uses is derived here so the
// scripts can be run from any working directory.
import * as fs from 'node:fs';
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

/**
 * Extensions loaded next to ours in every run, standing in for ones that cannot be installed
 * offline (e.g. a "debugpy" debugger). Test-only: never in dist/ or the .vsix.
 */
export const testExtensionsDir = path.join(repoRoot, 'test', 'fixtures', 'extensions');

/** The folders of testExtensionsDir that hold an extension (a package.json). */
export function testExtensions() {
  if (!fs.existsSync(testExtensionsDir)) return [];
  return fs.readdirSync(testExtensionsDir)
    .map((name) => path.join(testExtensionsDir, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .sort();
}

/** Screenshots and copies of logs; git-ignored. */
export const artifactsDir = process.env.RD_ARTIFACTS_DIR
  ? path.resolve(process.env.RD_ARTIFACTS_DIR)
  : path.join(repoRoot, 'test-artifacts');

export const chromiumPath = process.env.RD_CHROMIUM ?? '/usr/bin/chromium';
