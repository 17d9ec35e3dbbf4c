// Build-time entry: bundled to out/tools/diagnose.cjs for the dev scripts, which run today's core
// on other taxonomies (an older commit's, or today's with patterns left out); it also carries the
// one definition of "the same thread" that the eval uses.
export * from '../core/diagnose';
export { threadOf } from '../core/sources';
