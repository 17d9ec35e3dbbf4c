// The compiled taxonomy, injected by the build (scripts/build.mjs) from dist/taxonomy.json.
declare module 'reuse-doctor:taxonomy' {
  import type { CompiledTaxonomy } from './types';
  const taxonomy: CompiledTaxonomy;
  export default taxonomy;
}
