/**
 * Plain JavaScript of this tree for the bench servers, so a benchmark measures what users run
 * (the installed package's compiled `dist/`), not the TypeScript through tsx (whose esbuild
 * output adds a `__name` call per named closure, and whose loader runs in the server process).
 *
 * Each `.ts` file under `src/`, `generated/`, `bench/servers/` and `bench/adapter-floor/` (tests aside) goes through
 * TypeScript's own emitter, `transpileModule`, with the compiler options of
 * `tsconfig.build.json` — the same per-file emit `npm run build` produces for `dist/`, relative
 * `.ts` imports rewritten to `.js` — into a fresh temporary folder laid out like the repository
 * (so `src/contract/spec-paths.ts` finds `specs/` two folders up, as in `dist/`), with copies of
 * `specs/`, the JSON files read at run time and `package.json`, and a link to `node_modules`.
 * No type check (that is `npx tsc --noEmit`'s job); a file that does not transpile fails loudly.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
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

/** The build's compiler options, as `npm run build` reads them (emit on, no declarations, no comments). */
function buildOptions(): ts.CompilerOptions {
  const config = ts.getParsedCommandLineOfConfigFile(join(PROJECT_ROOT, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!config) throw new Error('tsconfig.build.json could not be read');
  // ES modules, as tsc emits them under NodeNext for this `"type": "module"` package (a lone
  // file's transpile cannot see package.json and would fall back to CommonJS).
  return { ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, declaration: false, removeComments: true, noEmit: false, sourceMap: false, inlineSourceMap: false };
}

/** Compiles the tree into a new temporary folder (a few seconds); throws on any transpile error. */
export function buildJs(): JsBuild {
  const root = mkdtempSync(join(tmpdir(), 'bench-js-'));
  try {
    const options = buildOptions();
    for (const folder of FOLDERS) {
      for (const file of walk(join(PROJECT_ROOT, folder))) {
        const rel = relative(PROJECT_ROOT, file);
        const target = join(root, rel);
        if (file.endsWith('.json') && !rel.includes('/fixtures/')) {
          mkdirSync(dirname(target), { recursive: true });
          cpSync(file, target);
          continue;
        }
        if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.endsWith('.test.ts') || rel.includes('/fixtures/')) continue;
        const out = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file, reportDiagnostics: true });
        const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
        if (errors.length > 0) throw new Error(`${rel}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target.replace(/\.ts$/, '.js'), out.outputText);
      }
    }
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
