/**
 * Node module hooks for a checkout of the repository (registered by bin/conformance.js only in a
 * checkout): the package's own import names — `pwchange-conformance`, `/client` (alias `/adapter`),
 * `/config` — resolve to the modules the CLI itself runs, so an example adapter run from the
 * checkout loads the very modules the CLI runs, whether or not a `dist/` has been built (and
 * whatever a concurrent build is doing to it): by default the TypeScript sources behind each
 * `exports` entry of package.json (run through tsx); with `initialize({ root })`, the same files
 * in the compiled build at `root` (a file URL of a folder laid out as `dist/`, see
 * scripts/checkout-build/). The installed package never registers them: it resolves its names
 * through `exports` as any package does.
 */
import { readFileSync } from 'node:fs';

const checkout = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', checkout), 'utf8'));

/**
 * Package import name → module URL: each export's `default` (`./dist/X.js`) as `X.ts` in the
 * checkout, or, with a build `root`, as `X.js` there. With a build, the checkout's `X.ts` maps to it
 * too: tsx resolves the package's names through tsconfig.json's `paths` to those sources before
 * this hook sees them (an example adapter, loaded with tsx's `tsImport`), and then asks the hooks
 * below it for that file.
 */
export function moduleMap(root) {
  const entries = Object.entries(pkg.exports).filter(([, target]) => typeof target === 'object' && typeof target.default === 'string');
  const map = new Map();
  for (const [sub, target] of entries) {
    const path = target.default.replace(/^\.\/dist\//, './');
    const source = new URL(path.replace(/\.js$/, '.ts'), checkout).href;
    const url = root === undefined ? source : new URL(path, root).href;
    map.set(sub === '.' ? pkg.name : `${pkg.name}${sub.slice(1)}`, url);
    if (root !== undefined) map.set(source, url);
  }
  return map;
}

let modules = moduleMap();

/** Called by `module.register` with its `data`: `{ root }` maps the names into the compiled build at `root` (a file URL ending in `/`); without it, to the sources. */
export function initialize(data) {
  modules = moduleMap(data?.root);
}

/** Resolves the package's own names to the modules the CLI runs; everything else goes on down the chain. */
export async function resolve(specifier, context, next) {
  const url = modules.get(specifier);
  return url ? { url, shortCircuit: true } : next(specifier, context);
}
