// Maps stack frames that point into the suite bundle (out/test/integration/
// index.js) back to the TypeScript lines, with the source map build-suite.mjs
// writes beside it. The extension host cannot do it: it owns prepareStackTrace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceMap } from 'node:module';
import { repoRoot } from './paths.mjs';

/** Loaded maps by bundle name; null when a bundle has none. */
const maps = new Map();

function mapFor(name) {
  if (!maps.has(name)) {
    try {
      const file = path.join(repoRoot, 'out', 'test', name, 'index.js.map');
      maps.set(name, new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))));
    } catch {
      maps.set(name, null); // no map: frames stay as they are
    }
  }
  return maps.get(name);
}

/** Rewrites `…/out/test/<suite>/index.js:L:C` to `test/integration/x.test.ts:L:C`. */
export function mapFrame(frame) {
  return frame.replace(/(?:[\w:/.-]*\/)?out\/test\/([\w-]+)\/index\.js:(\d+):(\d+)/, (whole, name, line, col) => {
    const entry = mapFor(name)?.findEntry(Number(line) - 1, Number(col) - 1);
    if (!entry?.originalSource) return whole;
    const source = path.relative(repoRoot, path.resolve(repoRoot, 'out', 'test', name, entry.originalSource));
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
