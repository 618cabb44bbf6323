#!/usr/bin/env node
/**
 * Builds the publishable package into dist/: tsc, in two emits of one program — declarations
 * (type-checked, TSDoc kept) and JavaScript without comments (users read the TSDoc in the
 * declarations; the comments would be a third of the tarball), relative `.ts` imports rewritten
 * to `.js`. Then the shipped specs next to the code that reads them (`dist/specs`, found from
 * `src/contract/spec-paths.ts` as in the repository), each validated in full once here and recorded
 * (`<spec>.validated.json`, see src/contract/validated-cache.ts) so the installed CLI need not
 * compile the OpenAPI schema on every start. The suites are the
 * product, not the kit's own tests: they are renamed `*.rule.js` so the tarball holds no
 * `*.test.*` file and `runSuites` includes `suites/<service>/**\/*.rule.js` when run from dist.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const host = ts.createCompilerHost(config.options);
const typed = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(typed)];
const emitted = [typed.emit(undefined, undefined, undefined, true)];
// JavaScript from the same (already checked) sources, reused through oldProgram.
const plain = ts.createProgram({ rootNames: config.fileNames, options: { ...config.options, declaration: false, removeComments: true, noCheck: true }, host, oldProgram: typed });
emitted.push(plain.emit());
diagnostics.push(...emitted.flatMap((e) => e.diagnostics));
if (diagnostics.length > 0) {
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' }));
  process.exit(1);
}

/** Every file under `dir`, recursively. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
for (const file of walk(join(dist, 'suites'))) {
  if (file.endsWith('.d.ts')) rmSync(file); // nobody imports a suite's types
  else if (file.endsWith('.test.js')) renameSync(file, file.replace(/\.test\.js$/, '.rule.js'));
}
mkdirSync(join(dist, 'specs'), { recursive: true });
for (const name of ['bcc.openapi.yaml', 'dcs.openapi.yaml', 'x-conformance.schema.json']) copyFileSync(join(root, 'specs', name), join(dist, 'specs', name));
// JSON read at run time beside the module that reads it (e.g. the client protocol's schema).
for (const top of ['src', 'reporters']) {
  for (const file of walk(join(root, top)).filter((f) => f.endsWith('.json') && !f.includes('/fixtures/'))) {
    const target = join(dist, file.slice(root.length + 1));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
}
// Declarations only for what users can import (the package's exports and what their types
// reach): the kit's internals have no typed public surface, and they would double the tarball.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = Object.values(pkg.exports).flatMap((e) => (typeof e === 'object' && e.types ? [join(root, e.types)] : []));
const reachable = new Set();
const pending = [...entries];
while (pending.length > 0) {
  const file = pending.pop();
  if (reachable.has(file) || !existsSync(file)) continue;
  reachable.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*['"](\.[^'"]+)['"]/g)) {
    pending.push(resolve(dirname(file), m[1].replace(/\.js$/, '.d.ts').replace(/\.ts$/, (x) => (x === '.d.ts' ? x : '.d.ts'))));
  }
}
for (const file of walk(dist)) if (file.endsWith('.d.ts') && !reachable.has(file)) rmSync(file);
// Validate each shipped spec in full with the built code, and record it (after the JSON copy:
// the x-conformance schema is part of the digest).
const { recordValidatedSpec } = await import(pathToFileURL(join(dist, 'src/contract/load-spec.js')).href);
for (const name of ['bcc.openapi.yaml', 'dcs.openapi.yaml']) recordValidatedSpec(join(dist, 'specs', name));
process.stdout.write(`built ${dist}\n`);
