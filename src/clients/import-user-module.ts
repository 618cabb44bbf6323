/**
 * Imports a user's module (`conformance.config.ts`, a client adapter) from any project: ESM or
 * CommonJS, with or without `"type": "module"`. Plain JavaScript, and TypeScript where a loader is
 * already active (the kit's own checkout under tsx, a vitest worker), go through `import()`; a
 * TypeScript file Node cannot load by itself goes through tsx's `tsImport`, a scoped loader
 * that does not change how the rest of the process resolves modules.
 */
import { pathToFileURL } from 'node:url';

/** Node error codes meaning "this file needs a TypeScript-aware loader". */
const NEEDS_LOADER = new Set(['ERR_UNKNOWN_FILE_EXTENSION', 'ERR_REQUIRE_CYCLE_MODULE', 'ERR_REQUIRE_ESM']);

/** Imports an absolute file path and returns its module namespace. */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
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
