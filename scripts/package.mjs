// `npm run package`: production build, then the .vsix with @vscode/vsce; prints its size and files.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './taxonomy-lib.mjs';

const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = `${name}-${version}.vsix`;
execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--production'], { stdio: 'inherit', cwd: ROOT });
const vsce = join(ROOT, "node_modules", "@vscode", "vsce", "vsce");
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', out], { stdio: 'inherit', cwd: ROOT });
execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { stdio: 'inherit', cwd: ROOT });
console.log(`${out}: ${(statSync(join(ROOT, out)).size / 1024).toFixed(0)} KiB`);
