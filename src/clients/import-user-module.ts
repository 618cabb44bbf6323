/**
 * Imports a user's module (`conformance.config.ts`, a client adapter) from any project: ESM or
 * CommonJS, with or without `"type": "module"`. Plain JavaScript, and TypeScript where a loader is
 * already active (the kit's own checkout under tsx, a vitest worker), go through `import()`; a
 * TypeScript file Node cannot load by itself goes through tsx's `tsImport`, a scoped loader
 * that does not change how the rest of the process resolves modules.
 */
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Node error codes meaning "this file needs a TypeScript-aware loader". */
const NEEDS_LOADER = new Set(['ERR_UNKNOWN_FILE_EXTENSION', 'ERR_REQUIRE_CYCLE_MODULE', 'ERR_REQUIRE_ESM']);

/** Imports an absolute file path and returns its module namespace. */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  registerCheckoutHooks();
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (!/\.[cm]?ts$/.test(file) || typeof code !== 'string' || !NEEDS_LOADER.has(code)) throw error;
  }
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

/** The environment variable by which bin/conformance.js names a checkout's build and its module hooks. */
export const CHECKOUT_HOOKS_ENV = 'CONFORMANCE_CHECKOUT_HOOKS';
let hooksChecked = false;

/**
 * A checkout runs from a compiled build of its sources (bin/conformance.js), and a user's module
 * there (an example adapter) imports the package by name: `src/checkout-hooks.mjs` maps those names
 * to the build. The hooks are registered here, in the thread that loads a user's module (a suite
 * worker too: Node 20's workers do not inherit hooks), not for every run: a hooks thread costs a
 * run ~25 MB and a cross-thread call per module it resolves. Only a build that is this very code
 * takes them: another kit started by this process (a child inheriting the variable) does not.
 */
function registerCheckoutHooks(): void {
  if (hooksChecked) return;
  hooksChecked = true;
  const value = process.env[CHECKOUT_HOOKS_ENV];
  if (!value) return;
  let named: { hooks?: unknown; root?: unknown };
  try {
    named = JSON.parse(value) as typeof named;
  } catch {
    named = {};
  }
  if (typeof named.hooks !== 'string' || typeof named.root !== 'string') {
    throw new Error(`${CHECKOUT_HOOKS_ENV} is set by bin/conformance.js to {"hooks","root"} file URLs, not ${JSON.stringify(value)}; unset it`);
  }
  if (import.meta.url.startsWith(named.root)) register(named.hooks, { data: { root: named.root } });
}
