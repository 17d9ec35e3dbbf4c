// Builds everything from sources: the compiled taxonomy (validated first: a malformed pattern
// stops the build with file, id and reason), the extension and CLI bundles, the webview script,
// and the test/bench/eval bundles. `--production` minifies what ships.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, readdirSync, existsSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { ROOT, loadTaxonomy, compileTaxonomy } from './taxonomy-lib.mjs';

const production = process.argv.includes('--production');
const out = (p) => join(ROOT, p);

// 1. The example-key helper the taxonomy compiler needs (core parser, no taxonomy).
await build({ entryPoints: [out('src/tools/example-keys.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out('out/tools/example-keys.cjs'), logLevel: 'error' });
const { keysOfText } = createRequire(import.meta.url)(out('out/tools/example-keys.cjs'));

// 2. Validate and compile the taxonomy.
// --skip-invalid (authoring only, never in CI): build with the valid patterns, list the rest.
const loaded = loadTaxonomy({ skipInvalid: process.argv.includes('--skip-invalid') });
if (loaded.skipped?.length) console.warn(`taxonomy: skipped ${loaded.skipped.length} invalid pattern(s):\n` + loaded.skipped.map((e) => '  ' + e).join('\n'));
if (loaded.errors.length) {
  console.error(`taxonomy: ${loaded.errors.length} problem(s):\n` + loaded.errors.map((e) => '  ' + e).join('\n'));
  process.exit(1);
}
mkdirSync(out('dist'), { recursive: true });
const compiled = compileTaxonomy(loaded, keysOfText);
writeFileSync(out('dist/taxonomy.json'), JSON.stringify(compiled));

// 3. Bundles. The taxonomy is imported as a virtual module so the core stays free of fs.
const taxonomyPlugin = {
  name: 'taxonomy',
  setup(b) {
    b.onResolve({ filter: /^reuse-doctor:taxonomy$/ }, () => ({ path: out('dist/taxonomy.json') }));
  },
};
const common = { bundle: true, sourcemap: true, logLevel: 'error', plugins: [taxonomyPlugin], minify: production, target: 'node20' };
const tests = (dir) => (existsSync(out(dir)) ? readdirSync(out(dir)).filter((f) => f.endsWith('.ts')).map((f) => out(join(dir, f))) : []);

await Promise.all([
  build({ ...common, entryPoints: [out('src/extension/extension.ts')], platform: 'node', format: 'cjs', outfile: out('dist/extension.js'), external: ['vscode'] }),
  // The sidebar page: a browser bundle (no Node, no `vscode`), loaded by the webview with a nonce.
  build({ ...common, entryPoints: [out('media/sidebar/main.ts')], platform: 'browser', format: 'iife', target: 'es2022', outfile: out('dist/webview.js') }),
  build({ ...common, entryPoints: [out('src/cli/main.ts')], platform: 'node', format: 'cjs', outfile: out('dist/cli.js'), banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: [out('src/tools/diagnose.ts')], platform: 'node', format: 'cjs', outfile: out('out/tools/diagnose.cjs'), minify: false }),
  build({ ...common, entryPoints: tests('test/unit'), platform: 'node', format: 'cjs', outdir: out('out/test/unit'), external: ['mocha', 'recheck'], minify: false }),
  build({ ...common, entryPoints: [out('test/bench/bench.ts')], platform: 'node', format: 'cjs', outfile: out('out/bench/bench.js'), minify: false }),
  build({ ...common, entryPoints: [out('test/eval/eval.ts')], platform: 'node', format: 'cjs', outfile: out('out/eval/eval.js'), minify: false }),
  build({ ...common, entryPoints: [out('test/dev/lexical-dev.ts')], platform: 'node', format: 'cjs', outfile: out('out/test/dev/lexical-dev.js'), minify: false }),
]);
// 4. Webview assets: the stylesheet and the codicon font, served from dist/ (what ships).
copyFileSync(out('media/sidebar/style.css'), out('dist/webview.css'));
mkdirSync(out('dist/codicons'), { recursive: true });
const codicons = join(ROOT, 'node_modules', '@vscode', 'codicons', 'dist');
for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(codicons, f), out(join('dist/codicons', f)));
console.log(`built: ${compiled.patterns.length} patterns, dist/extension.js, dist/cli.js`);
