// Reads the real-text fixtures (header `# source: …` / `# ---`, then the verbatim text).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pattern } from '../../src/core/types';

export const ROOT = join(__dirname, '..', '..', '..');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** The patterns as written in taxonomy/patterns/, not the build's compiled copy. */
export function sourcePatterns(): Pattern[] {
  const dir = join(ROOT, 'taxonomy', 'patterns');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { patterns: Pattern[] }).patterns);
}

export interface Fixture {
  name: string;
  source: string;
  text: string;
}

export function readFixture(path: string): Fixture {
  const raw = readFileSync(path, 'utf8');
  const sep = raw.indexOf('\n# ---');
  const header = raw.slice(0, sep);
  const source = /^# source:\s*(\S+)/m.exec(header)?.[1] ?? '';
  return { name: path.split('/').pop()!, source, text: raw.slice(raw.indexOf('\n', sep + 1) + 1) };
}

export function fixturesIn(dir: string): Fixture[] {
  const d = join(FIXTURES, dir);
  return readdirSync(d).filter((f) => f.endsWith('.txt')).sort().map((f) => readFixture(join(d, f)));
}

export function patternFixture(name: string): string {
  return readFixture(join(FIXTURES, 'patterns', name)).text;
}
