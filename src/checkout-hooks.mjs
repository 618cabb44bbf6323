/**
 * Node module hooks for a checkout of the repository (registered by bin/conformance.js only when
 * it runs the TypeScript sources): the package's own import names — `pwchange-conformance`,
 * `/client` (alias `/adapter`), `/config` — resolve to the sources behind each `exports` entry of package.json, so
 * an example adapter run from the checkout loads the very modules the CLI runs, whether or not a
 * `dist/` has been built (and whatever a concurrent build is doing to it). The installed package
 * never registers them: it resolves its names through `exports` as any package does.
 */
import { readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));

/** Package import name → source file URL, from each export's `types` path (dist/X.d.ts → X.ts). */
const sources = new Map(
  Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && typeof target.types === 'string')
    .map(([sub, target]) => [sub === '.' ? pkg.name : `${pkg.name}${sub.slice(1)}`, new URL(target.types.replace(/^\.\/dist\//, './').replace(/\.d\.ts$/, '.ts'), root).href]),
);

/** Resolves the package's own names to its sources; everything else goes on down the chain. */
export async function resolve(specifier, context, next) {
  const url = sources.get(specifier);
  return url ? { url, shortCircuit: true } : next(specifier, context);
}
