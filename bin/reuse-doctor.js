#!/usr/bin/env node
// Installed entry point: the bundled CLI (built by `npm run build`, run by npm's `prepare`).
require('../dist/cli.js');
