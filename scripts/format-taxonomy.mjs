#!/usr/bin/env node
// Rewrites every pattern file in the project's one form, JSON.stringify(data, null, 2) plus a
// newline, so that hand edits and scripted edits give the same bytes and diffs stay small.
// `check:taxonomy` names any file out of this form. Invalid JSON is left alone (the check reports it).
//   --patterns DIR  format another pattern directory (tests)
import { writeFileSync } from 'node:fs';
import { argValue, loadTaxonomy, PATTERN_DIR } from './taxonomy-lib.mjs';

// The loader lists them as it reads each file, whether or not the file passes the schema.
const files = loadTaxonomy({ fixtures: false, patternDir: argValue('--patterns') ?? PATTERN_DIR }).unformatted;
for (const { path, formatted } of files) writeFileSync(path, formatted);
console.log(`formatted ${files.length} pattern file(s)`);
