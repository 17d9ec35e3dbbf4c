#!/usr/bin/env node
// Bundles the integration suite (test/integration/index.ts and every
// test/integration/**/*.test.ts) into out/test/integration/index.js, the file
// the extension host loads as extensionTestsPath.
//
// The test files are reached through a virtual module, `virtual:rd-integration-tests`,
// that lists them as lazy `require()`s: esbuild keeps each one in its own
// closure, so index.ts can announce a file to mocha (`pre-require`, which
// defines suite/test globals) before the file's top level runs.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { harnessDir, repoRoot, suiteDir, testsDir } from './lib/paths.mjs';

const VIRTUAL = 'virtual:rd-integration-tests';

/** Prefers the repo's own copy of a package, falls back to the harness's. */
function resolveFrom(request, ...bases) {
  for (const base of bases) {
    try {
      return createRequire(path.join(base, 'package.json')).resolve(request);
    } catch { /* try the next base */ }
  }
  throw new Error(`cannot resolve ${request} from ${bases.join(' or ')}`);
}

function findTests(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found.sort();
}

/** @param {string[]} files absolute paths of the test files */
function testListPlugin(files) {
  return {
    name: 'rd-integration-tests',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${VIRTUAL}$`) }, () => ({ path: VIRTUAL, namespace: 'rd-tests' }));
      build.onLoad({ filter: /.*/, namespace: 'rd-tests' }, () => {
        const entries = files.map((f) => {
          const rel = path.relative(repoRoot, f).split(path.sep).join('/');
          return `  { file: ${JSON.stringify(rel)}, load: () => require(${JSON.stringify(f)}) },`;
        });
        return { contents: `export const testFiles = [\n${entries.join('\n')}\n];\n`, resolveDir: testsDir, loader: 'js' };
      });
    },
  };
}

/**
 * mocha must stay external (it loads its reporters and interfaces by name), so
 * we point the require at an absolute path: the repo's mocha if the extension
 * has one, otherwise the harness's. The bundle is a local build product.
 */
function mochaPlugin(mochaPath) {
  return {
    name: 'rd-mocha-path',
    setup(build) {
      build.onResolve({ filter: /^mocha$/ }, () => ({ path: mochaPath, external: true }));
    },
  };
}

/**
 * Builds the suite; returns the bundle's path and the test files it holds.
 * @param {string} [dir] where to find *.test.ts (default test/integration;
 *   test/harness/selftest holds the harness's own deliberate failures)
 */
export async function buildSuite(dir = testsDir) {
  const files = findTests(path.resolve(dir));
  // Other test dirs get their own bundle, so they never replace the real suite under a concurrent run.
  const outDir = path.resolve(dir) === testsDir ? suiteDir : path.join(repoRoot, 'out', 'test', path.basename(dir));
  const esbuildPath = resolveFrom('esbuild', repoRoot, harnessDir);
  const esbuild = await import(pathToFileURL(esbuildPath).href);
  const mochaPath = resolveFrom('mocha', repoRoot, harnessDir);
  const { outputFiles } = await esbuild.build({
    entryPoints: [path.join(testsDir, 'index.ts')],
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The extension host owns Error.prepareStackTrace, so stacks point at this
    // bundle; the driver maps them back with this file (lib/stack.mjs).
    sourcemap: 'external',
    external: ['vscode'],
    plugins: [testListPlugin(files), mochaPlugin(mochaPath)],
    logLevel: 'warning',
    write: false,
  });
  // Replace the files atomically: another run may be loading the suite right now.
  fs.mkdirSync(outDir, { recursive: true });
  for (const file of outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, file.contents);
    fs.renameSync(tmp, file.path);
  }
  return { dir: outDir, tests: files.map((f) => path.relative(repoRoot, f)) };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildSuite(process.argv[2]).then(
    ({ dir, tests }) => console.log(`[harness] built ${path.relative(repoRoot, dir)}/index.js with ${tests.length} test files`),
    (err) => { console.error(`[harness] building the suite failed: ${err.message}`); process.exit(1); },
  );
}
