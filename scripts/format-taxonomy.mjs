#!/usr/bin/env node
// Rewrites every pattern file in the project's one form, JSON.stringify(data, null, 2) plus a
// newline, so that hand edits and scripted edits give the same bytes and diffs stay small.
// `check:taxonomy` names any file out of this form. Invalid JSON is left alone (the check reports it).
//   --patterns DIR  format another pattern directory (tests)
import { writeFileSync } from 'node:fs';
import { argValue, PATTERN_DIR, unformattedPatternFiles } from './taxonomy-lib.mjs';

const dir = argValue('--patterns') ?? PATTERN_DIR;
const files = unformattedPatternFiles(dir);
for (const { path, formatted } of files) writeFileSync(path, formatted);
console.log(`formatted ${files.length} pattern file(s)`);
