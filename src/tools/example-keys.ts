// Build-time entry: bundled to out/tools/example-keys.cjs for scripts/taxonomy-lib.mjs.
export { keysOfText } from '../core/example-keys';
