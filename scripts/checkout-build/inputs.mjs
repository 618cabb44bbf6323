/**
 * What a checkout's compiled build is made of, and the key that names it.
 *
 * The key is a sha256 of the CONTENT (never the mtimes) of everything the build compiles, copies or
 * is made by: every `.ts` file `tsconfig.build.json` compiles (its `include` folders minus its
 * `exclude` patterns), the JSON files copied beside the code, the shipped specs, the build's own
 * code (this folder), both tsconfig files, package.json, and the versions of the packages whose
 * code shapes the output (TypeScript's emitter; ajv, ajv-formats and yaml, which validate the specs
 * recorded in the build). Any edit to any of them is another key, so a stale build cannot be run.
 * A file that changes nothing in the build (a test, a fixture, a README) leaves the key alone.
 *
 * Computing it reads ~300 small files and loads no compiler: it runs on every CLI start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bumped when the build's layout changes in a way its own code does not show. */
const FORMAT = 'checkout-build/1';
/** The specs shipped with the code, as `scripts/build.mjs` copies them into `dist/specs`. */
export const SHIPPED_SPECS = ['bcc.openapi.yaml', 'dcs.openapi.yaml', 'x-conformance.schema.json'];
/** Folders whose JSON files are read at run time beside the module that reads them (fixtures aside). */
export const JSON_FOLDERS = ['src', 'reporters'];
/** Packages whose version changes the build: the emitter, and what validates the recorded specs. */
export const TOOL_PACKAGES = ['typescript', 'ajv', 'ajv-formats', 'yaml'];
/** The build's own code and configuration, relative to the checkout's root. */
const CONFIG_FILES = ['tsconfig.build.json', 'tsconfig.json', 'package.json'];
const OWN_DIR = 'scripts/checkout-build';

/** Every file under `dir` (relative to `root`, `/`-separated), recursively, sorted. */
export function walk(root, dir) {
  const out = [];
  const visit = (rel) => {
    for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory()) visit(path);
      else out.push(path);
    }
  };
  if (existsSync(join(root, dir))) visit(dir);
  return out.sort();
}

/**
 * A tsconfig `exclude` glob as a RegExp over `/`-separated relative paths. As in TypeScript, a
 * pattern that names a folder excludes what is under it; `**` is any number of folders, `*` any
 * characters but `/`.
 */
export function globToRegExp(glob) {
  const body = glob
    .replace(/^\.\//, '')
    .replace(/\/+$/, '')
    .split(/(\*\*\/|\*\*|\*|\?)/)
    .map((part) => (part === '**/' ? '(?:[^/]+/)*' : part === '**' ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}(?:/.*)?$`);
}

/** `tsconfig.build.json`'s `include` folders and `exclude` patterns (JSON with comments allowed). */
export function buildConfig(root) {
  const text = readFileSync(join(root, 'tsconfig.build.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const config = JSON.parse(text);
  if (!Array.isArray(config.include) || !config.include.every((i) => typeof i === 'string' && !/[*?]/.test(i))) {
    throw new Error('tsconfig.build.json: "include" must list folders (no globs) for the checkout build; list folders, or run with CONFORMANCE_FROM_SOURCE=1');
  }
  return { include: config.include.map((i) => i.replace(/^\.\//, '').replace(/\/+$/, '')), exclude: (config.exclude ?? []).map(globToRegExp) };
}

/**
 * The build's inputs, relative to `root`, sorted: `compiled` (the `.ts` sources the build emits, as
 * `tsconfig.build.json` selects them; declaration files aside), `copied` (JSON read at run time and
 * the shipped specs) and `own` (the build's code and configuration).
 */
export function buildInputs(root) {
  const { include, exclude } = buildConfig(root);
  const compiled = include
    .flatMap((dir) => walk(root, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !exclude.some((re) => re.test(f)));
  const copied = [
    ...JSON_FOLDERS.flatMap((dir) => walk(root, dir)).filter((f) => f.endsWith('.json') && !f.split('/').includes('fixtures')),
    ...SHIPPED_SPECS.map((name) => `specs/${name}`),
  ];
  const own = [...walk(root, OWN_DIR).filter((f) => f.endsWith('.mjs')), ...CONFIG_FILES];
  return { compiled: [...new Set(compiled)].sort(), copied: copied.sort(), own: own.sort() };
}

/** The installed version of a package in `root`'s node_modules, or `absent`. */
export function packageVersion(root, name) {
  const file = join(root, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : 'absent';
}

/**
 * The build's inputs read once: `key` (sha256, hex, of every input's path and content and the
 * tools' versions), `inputs` (from {@link buildInputs}) and `contents` (each input's bytes, by
 * relative path). A build made from `contents` is exactly what `key` names, whatever is edited
 * while it builds.
 */
export function readInputs(root) {
  const hash = createHash('sha256').update(FORMAT).update('\0');
  const inputs = buildInputs(root);
  const contents = new Map();
  for (const file of [...inputs.compiled, ...inputs.copied, ...inputs.own]) {
    const bytes = readFileSync(join(root, file));
    contents.set(file, bytes);
    hash.update(file).update('\0').update(bytes).update('\0');
  }
  for (const name of TOOL_PACKAGES) hash.update(name).update('@').update(packageVersion(root, name)).update('\0');
  return { key: hash.digest('hex'), inputs, contents };
}

/** The build key of the checkout at `root` (see {@link readInputs}). */
export function buildKey(root) {
  return readInputs(root).key;
}
