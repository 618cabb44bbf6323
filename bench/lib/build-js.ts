/**
 * Plain JavaScript of this tree for the bench servers, so a benchmark measures what users run
 * (the installed package's compiled `dist/`), not the TypeScript through tsx (whose esbuild
 * output adds a `__name` call per named closure, and whose loader runs in the server process).
 *
 * Each `.ts` file under `src/`, `generated/`, `bench/servers/` and `bench/adapter-floor/` (tests aside) goes through
 * TypeScript's own per-file emit with the compiler options of `tsconfig.build.json`
 * (`scripts/checkout-build/transpile.mjs`, which also builds a checkout's CLI: the JavaScript
 * `npm run build` puts in `dist/`) into a fresh temporary folder laid out like the repository
 * (so `src/contract/spec-paths.ts` finds `specs/` two folders up, as in `dist/`), with copies of
 * `specs/`, the JSON files read at run time and `package.json`, and a link to `node_modules`.
 * No type check (that is `npx tsc --noEmit`'s job); a file that does not transpile fails loudly.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { emitOptions, transpileFiles } from '../../scripts/checkout-build/transpile.mjs';
import { PROJECT_ROOT } from './child-server.ts';

/** A compiled copy of the tree; `remove()` deletes it. */
export interface JsBuild {
  /** Root of the copy (holds `src/`, `generated/`, `bench/servers/`, `specs/`, `package.json`). */
  root: string;
  /** The compiled path of a project file, e.g. `bench/servers/bare-server.ts` → `<root>/bench/servers/bare-server.js`. */
  fileFor(projectPath: string): string;
  remove(): void;
}

const FOLDERS = ['src', 'generated', 'bench/servers', 'bench/adapter-floor'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Compiles the tree into a new temporary folder (a few seconds); throws on any transpile error. */
export function buildJs(): JsBuild {
  const root = mkdtempSync(join(tmpdir(), 'bench-js-'));
  try {
    const { options } = emitOptions(ts, PROJECT_ROOT);
    const sources: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of walk(join(PROJECT_ROOT, folder))) {
        const rel = relative(PROJECT_ROOT, file);
        if (file.endsWith('.json') && !rel.includes('/fixtures/')) {
          mkdirSync(dirname(join(root, rel)), { recursive: true });
          cpSync(file, join(root, rel));
        } else if (file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts') && !rel.includes('/fixtures/')) {
          sources.push(rel);
        }
      }
    }
    transpileFiles(ts, options, PROJECT_ROOT, sources, root);
    cpSync(join(PROJECT_ROOT, 'specs'), join(root, 'specs'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'package.json'), join(root, 'package.json'));
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  return {
    root,
    fileFor: (projectPath) => join(root, projectPath.replace(/\.ts$/, '.js')),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
