/**
 * TypeScript's own per-file emit (`transpileModule`) with the compiler options of
 * `tsconfig.build.json`: the JavaScript `npm run build` puts in `dist/` for each file, relative
 * `.ts` imports rewritten to `.js`, without a type check (that is `npx tsc --noEmit`'s job) and in
 * about a second for the whole tree instead of tsc's whole-program emit. One implementation for the
 * checkout's build cache (`cache.mjs`) and the benchmarks' compiled servers (`bench/lib/build-js.ts`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A source that does not transpile (a syntax error): names the file and TypeScript's message. */
export class TranspileError extends Error {
  constructor(file, messages) {
    super(`${file}: ${messages.join('; ')}`);
    this.name = 'TranspileError';
    this.file = file;
  }
}

/** Loads TypeScript (the checkout's devDependency); throws an Error saying how to install it. */
export async function loadTypeScript() {
  try {
    return (await import('typescript')).default;
  } catch (error) {
    throw new Error(`TypeScript is not installed (${error.code ?? error.message}); run npm ci`, { cause: error });
  }
}

/**
 * The build's compiler options, as `npm run build` reads them from `<root>/tsconfig.build.json`
 * (emit on, no declarations, no comments, no source maps), for a lone file's emit, and the files
 * it selects. `readFile` reads the tsconfig files (default: from disk).
 */
export function emitOptions(ts, root, readFile = ts.sys.readFile) {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    readFile,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(`tsconfig.build.json: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  });
  if (!config) throw new Error('tsconfig.build.json could not be read');
  // ES modules, as tsc emits them under NodeNext for this `"type": "module"` package (a lone
  // file's transpile cannot see package.json and would fall back to CommonJS; a file without
  // imports or exports would become a script). No file here has JSX, but `jsx` still shapes one
  // helper: transpileModule's default (preserve) rewrites a dynamic `.tsx` import to `.jsx` where
  // tsc without the option rewrites it to `.js`, as any value but preserve does.
  const options = { jsx: ts.JsxEmit.React, ...config.options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, moduleDetection: ts.ModuleDetectionKind.Force, declaration: false, declarationMap: false, removeComments: true, noEmit: false, sourceMap: false, inlineSourceMap: false, inlineSources: false };
  return { options, fileNames: config.fileNames };
}

/**
 * Emits each of `files` (relative to `root`; `read` gives a file's text, by default from disk) to
 * `<out>/<file>` with `.ts` → `.js` (`rename` may change the output's relative path further).
 * Throws a {@link TranspileError} for the first file with a syntax error.
 */
export function transpileFiles(ts, options, root, files, out, rename = (rel) => rel.replace(/\.ts$/, '.js'), read = (rel) => readFileSync(join(root, rel), 'utf8')) {
  const made = new Set();
  for (const rel of files) {
    const result = ts.transpileModule(read(rel), { compilerOptions: options, fileName: join(root, rel), reportDiagnostics: true });
    const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      throw new TranspileError(rel, errors.map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${at ? `line ${at.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      }));
    }
    const target = join(out, rename(rel));
    const dir = dirname(target);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(target, result.outputText);
  }
}
