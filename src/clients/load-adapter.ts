/**
 * Resolves `--client <spec>` to a {@link ClientAdapter}: a builtin name from
 * {@link BUILTIN_ADAPTERS}, or a module path imported from disk and checked field by field.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { importUserModule } from './import-user-module.ts';
import { KitError } from '../errors/kit-error.ts';
import { BUILTIN_ADAPTERS } from './adapters/index.ts';
import type { ClientAdapter } from './client.ts';
import { BROKER_SPEC_PREFIX, brokerAdapter } from './process/client-broker.ts';

/** File extensions an adapter module may have (`.ts` is loaded through tsx, see `import-user-module.ts`). */
export const ADAPTER_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'] as const;

const SERVICES = ['bcc', 'dcs'] as const;

const SKELETON = [
  "import { defineAdapter } from 'pwchange-conformance/client';",
  'export default defineAdapter({',
  "  name: 'my-sdk changePassword',",
  "  services: ['dcs'],",
  '  async changePassword(input, { endpoint, credentials }) {',
  "    return { kind: 'success', status: 200, body: {} };",
  '  },',
  '});',
].join('\n      ');

const builtinList = (): string => Object.keys(BUILTIN_ADAPTERS).join(', ');

/** How to write a module, for the `fix` of errors about one. */
const writeOne = (): string =>
  `pass a builtin adapter (${builtinList()}) or a module whose default export is an adapter (copy examples/my-adapter-template.ts):\n      ${SKELETON}`;

/** Describes a value's type for messages: `null`, `an array`, `a function`, `undefined`, … */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'undefined') return 'undefined';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Lists what is wrong with a would-be adapter; empty when it is a valid {@link ClientAdapter}. */
export function adapterProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const hint = typeof value === 'function' ? ' (if it is a factory, export its result: `export default defineAdapter(make())`)' : '';
    return [`the export is ${typeName(value)}, not an adapter object${hint}`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof record.name !== 'string' || record.name.trim() === '') {
    problems.push(`"name" must be a non-empty string (got ${typeof record.name === 'string' ? 'an empty string' : typeName(record.name)})`);
  }
  const services = record.services;
  if (!Array.isArray(services) || services.length === 0) {
    problems.push(`"services" must be a non-empty array of ${SERVICES.map((s) => `'${s}'`).join(' / ')} (got ${Array.isArray(services) ? 'an empty array' : typeName(services)})`);
  } else {
    const unknown = services.filter((s: unknown) => !SERVICES.includes(s as (typeof SERVICES)[number]));
    if (unknown.length > 0) problems.push(`"services" may only contain ${SERVICES.map((s) => `'${s}'`).join(' and ')} (got ${unknown.map((s) => JSON.stringify(s)).join(', ')})`);
  }
  if (typeof record.changePassword !== 'function') problems.push(`"changePassword" must be a function (input, context) => Promise<ChangePasswordOutcome> (got ${typeName(record.changePassword)})`);
  if (record.close !== undefined && typeof record.close !== 'function') problems.push(`"close" is optional but must be a function when present (got ${typeName(record.close)})`);
  return problems;
}

/** Throws a {@link KitError} naming every problem unless `value` is a valid adapter. */
export function assertAdapter(value: unknown, source: string): ClientAdapter {
  const problems = adapterProblems(value);
  if (problems.length === 0) return value as ClientAdapter;
  throw new KitError(
    'CONFIG_INVALID',
    `The adapter from ${source} is invalid:\n  - ${problems.join('\n  - ')}`,
    'wrap the adapter in defineAdapter({...}) so the compiler checks it; see examples/my-adapter-template.ts',
  );
}

/** Picks the adapter out of a module: the default export, else a named `adapter` export. */
function pickExport(mod: Record<string, unknown>, source: string): unknown {
  let chosen = mod.default ?? mod.adapter;
  // A CommonJS module compiled from ESM arrives as `{ default: { default: adapter } }`.
  if (typeof chosen === 'object' && chosen !== null && !('changePassword' in chosen) && 'default' in chosen) chosen = (chosen as { default: unknown }).default;
  if (chosen !== undefined) return chosen;
  const names = Object.keys(mod);
  throw new KitError(
    'CONFIG_INVALID',
    `${source} has no default export and no export named "adapter" (it exports ${names.length ? names.map((n) => `"${n}"`).join(', ') : 'nothing'})`,
    `export the adapter as the default export:\n      ${SKELETON}`,
  );
}

/** Whether `spec` names a file rather than a builtin adapter. */
function looksLikePath(spec: string): boolean {
  return /[\\/]/.test(spec) || spec.startsWith('.') || extname(spec) !== '';
}

/** Throws the not-found error, suggesting a file that exists with an adapter extension. */
function notFound(spec: string, abs: string): never {
  const near = extname(abs) === '' ? ADAPTER_EXTENSIONS.map((ext) => abs + ext).find((p) => existsSync(p)) : undefined;
  const suggestion = near ? ` (did you mean ${spec}${extname(near)}?)` : '';
  throw new KitError('CONFIG_INVALID', `Adapter module ${spec} not found: no file at ${abs}${suggestion}`, writeOne());
}

/** Loads the adapter `spec` names: a builtin name, or a module path resolved against `cwd`. */
export async function loadAdapter(spec: string, cwd: string = process.cwd()): Promise<ClientAdapter> {
  const name = spec.trim();
  if (name === '') throw new KitError('CONFIG_INVALID', 'No client adapter given (--client is empty)', writeOne());
  const builtin = Object.hasOwn(BUILTIN_ADAPTERS, name) ? BUILTIN_ADAPTERS[name] : undefined;
  if (builtin) return assertAdapter(await builtin(), `builtin "${name}"`);
  // A --client-cmd run: the main process serves the client program to the workers.
  if (name.startsWith(BROKER_SPEC_PREFIX)) return brokerAdapter(name);
  // The kit's own faulty clients, one planted mistake each (`list-rules --faults`).
  if (name.startsWith('faulty:')) return (await import('./faulty-clients.ts')).faultyClientAdapter(name.slice('faulty:'.length));
  if (!looksLikePath(name)) {
    throw new KitError('CONFIG_INVALID', `Unknown builtin adapter "${name}" (builtins: ${builtinList()})`, `use one of the builtin names, or a module path such as ./${name}.ts (a path must start with ./ or ../ or end in ${ADAPTER_EXTENSIONS.join(', ')})`);
  }
  const abs = resolve(cwd, name);
  if (!existsSync(abs)) notFound(name, abs);
  if (statSync(abs).isDirectory()) throw new KitError('CONFIG_INVALID', `Adapter module ${name} is a directory (${abs})`, 'point --client at the adapter file itself, e.g. ./adapters/my-adapter.ts');
  const ext = extname(abs);
  if (!(ADAPTER_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new KitError('CONFIG_INVALID', `Adapter module ${name} has extension "${ext || '(none)'}", which cannot be imported as an adapter`, `use a module ending in ${ADAPTER_EXTENSIONS.join(', ')}`);
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importUserModule(abs);
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new KitError('CONFIG_INVALID', `Adapter module ${name} failed to load: ${reason}`, `fix the module so that \`node --import tsx ${name}\` runs without throwing (check its imports and top-level code)`, { cause: error });
  }
  return assertAdapter(pickExport(mod, `Adapter module ${name}`), name);
}
