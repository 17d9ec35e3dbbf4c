// Build-time entry: bundled to out/tools/diagnose.cjs for the dev scripts (today's core, unbundled
// taxonomy options), with the one definition of "same thread" that the eval uses too.
export * from '../core/diagnose';
export { threadOf } from '../core/sources';
