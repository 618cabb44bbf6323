/**
 * Builds a checkout's sources into a folder laid out as the package's `dist/` (see
 * `scripts/build.mjs`), so a checkout runs the same compiled JavaScript, down the same code paths,
 * as the installed package: `src/`, `generated/`, `reporters/` and the suites (renamed
 * `*.rule.js`, which `runSuites` includes when it runs compiled) emitted file by file
 * (`transpile.mjs`), the JSON read at run time beside its module, the shipped specs in `specs/`
 * with their validation records (`<spec>.validated.json`, src/contract/validated-cache.ts), and
 * package.json at the top (where `src/kit-version.ts` finds it). No type check and no declarations:
 * `npx tsc --noEmit` and `npm run build` do those.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SHIPPED_SPECS } from './inputs.mjs';
import { emitOptions, transpileFiles } from './transpile.mjs';

/** The compiled path of a suite file: `*.test.ts` → `*.rule.js`, as in `dist/` (no `*.test.*` file ships). */
export function compiledPath(rel) {
  return rel.startsWith('suites/') ? rel.replace(/\.test\.ts$/, '.rule.ts').replace(/\.ts$/, '.js') : rel.replace(/\.ts$/, '.js');
}

/**
 * Builds `root`'s sources into `out` (a new, empty folder whose parents lead to `root`'s
 * node_modules, so the built modules resolve their packages) from `snapshot` (`readInputs`: the
 * inputs and their bytes as keyed, not as they may be on disk by now). Throws a `TranspileError`
 * for a syntax error, an Error for anything else.
 */
export function buildLayout(ts, root, snapshot, out) {
  const { inputs, contents } = snapshot;
  const prefix = `${root.replace(/\/+$/, '')}/`;
  const relativeOf = (file) => (file.startsWith(prefix) ? file.slice(prefix.length) : file);
  const bytes = (rel) => {
    const b = contents.get(rel);
    if (!b) throw new Error(`${rel} is not among the build's inputs`);
    return b;
  };
  // The tsconfig files as keyed; any other file TypeScript reads here (none today) from disk.
  const { options, fileNames } = emitOptions(ts, root, (file, encoding) => (contents.has(relativeOf(file)) ? bytes(relativeOf(file)).toString('utf8') : ts.sys.readFile(file, encoding)));
  // The key covers the files `buildInputs` selects from tsconfig.build.json; TypeScript selects
  // what is compiled. Were they ever to differ, a compiled file could change without changing
  // the key: refuse to build rather than risk a stale build.
  const selected = new Set(inputs.compiled);
  const compiled = fileNames.filter((f) => !f.endsWith('.d.ts')).map(relativeOf);
  const unkeyed = compiled.filter((f) => !selected.has(f));
  if (unkeyed.length > 0 || compiled.length !== selected.size) {
    throw new Error(`tsconfig.build.json selects files the build key does not cover (${unkeyed.slice(0, 3).join(', ') || `${compiled.length} vs ${selected.size} files`}); scripts/checkout-build/inputs.mjs must select what tsconfig.build.json compiles`);
  }
  transpileFiles(ts, options, root, inputs.compiled, out, compiledPath, (rel) => bytes(rel).toString('utf8'));
  for (const rel of [...inputs.copied, 'package.json']) {
    mkdirSync(dirname(join(out, rel)), { recursive: true });
    writeFileSync(join(out, rel), bytes(rel));
  }
  recordSpecs(out);
}

/**
 * Records each shipped spec as validated, with the built code, in a child process (so the CLI that
 * builds does not keep a second copy of the contract modules and Ajv). A spec that does not
 * validate gets no record: the run then validates it in full and reports what is wrong with it,
 * exactly as the installed package would.
 */
function recordSpecs(out) {
  const loader = pathToFileURL(join(out, 'src/contract/load-spec.js')).href;
  const specs = SHIPPED_SPECS.filter((s) => s.endsWith('.yaml')).map((s) => join(out, 'specs', s));
  const script = `const { recordValidatedSpec } = await import(${JSON.stringify(loader)});
for (const spec of ${JSON.stringify(specs)}) {
  try { recordValidatedSpec(spec); } catch (error) { if (error?.name !== 'SpecError') throw error; }
}`;
  try {
    execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: out, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const why = `${error.stderr ?? ''}`.split('\n').find((l) => /Error|error:/.test(l)) ?? error.message;
    throw new Error(`the built code could not load the specs: ${why.trim()}`, { cause: error });
  }
}
