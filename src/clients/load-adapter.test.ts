/** loadAdapter: builtin names, module paths, and one test per error path (fixtures in ./fixtures). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { BUILTIN_ADAPTERS } from './adapters/index.ts';
import { adapterProblems, loadAdapter } from './load-adapter.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./', import.meta.url));

/** Awaits the load, asserts it failed with a CONFIG_INVALID KitError, and returns it. */
async function kitErrorOf(spec: string, cwd = HERE): Promise<KitError> {
  const error: unknown = await loadAdapter(spec, cwd).then(
    (a) => expect.fail(`expected loadAdapter(${spec}) to throw, got adapter ${a.name}`),
    (e: unknown) => e,
  );
  expect(KitError.is(error), `not a KitError: ${String(error)}`).toBe(true);
  expect((error as KitError).code).toBe('CONFIG_INVALID');
  return error as KitError;
}

describe('loadAdapter: builtins', () => {
  it('registers exactly the three builtin names', () => {
    expect(Object.keys(BUILTIN_ADAPTERS).sort()).toEqual(['baidu-send-request', 'baidu-unimplemented', 'huawei-core']);
  });

  it.each([
    ['baidu-unimplemented', '@baiducloud/sdk BccClient.changeInstanceAdminPassword', ['bcc']],
    ['baidu-send-request', '@baiducloud/sdk BceBaseClient.sendRequest', ['bcc']],
    ['huawei-core', '@huaweicloud/huaweicloud-sdk-core HcClient', ['dcs']],
  ])('%s loads as "%s" for %j', async (spec, name, services) => {
    const adapter = await loadAdapter(spec);
    expect(adapter).toMatchObject({ name, services });
    expect(adapter.changePassword).toBeTypeOf('function');
  });

  it('an unknown bare name lists the builtins and how to pass a path', async () => {
    const error = await kitErrorOf('huawei');
    expect(error.message).toContain('Unknown builtin adapter "huawei"');
    expect(error.message).toContain('baidu-unimplemented, baidu-send-request, huawei-core');
    expect(error.fix).toContain('./huawei.ts');
  });

  it('an empty spec is refused', async () => {
    expect((await kitErrorOf('  ')).message).toContain('--client is empty');
  });
});

describe('loadAdapter: module paths', () => {
  it('loads a .ts module relative to cwd (the template example from the project root)', async () => {
    const adapter = await loadAdapter('./examples/my-adapter-template.ts', ROOT);
    expect(adapter.services).toEqual(['dcs']);
  });

  it('loads a named `adapter` export when there is no default export', async () => {
    expect((await loadAdapter('./fixtures/named-adapter.ts', HERE)).name).toBe('fixture named export');
  });

  it('loads a plain .mjs module', async () => {
    expect(await loadAdapter('fixtures/valid-adapter.mjs', HERE)).toMatchObject({ name: 'fixture plain mjs', services: ['bcc', 'dcs'] });
  });

  it('a missing file names the absolute path, the builtins and the defineAdapter skeleton', async () => {
    const error = await kitErrorOf('./fixtures/nope.ts');
    expect(error.message).toContain(`Adapter module ./fixtures/nope.ts not found: no file at ${HERE}fixtures/nope.ts`);
    expect(error.fix).toContain('baidu-unimplemented, baidu-send-request, huawei-core');
    expect(error.fix).toContain('export default defineAdapter({');
  });

  it('a path without its extension suggests the file that exists', async () => {
    expect((await kitErrorOf('./fixtures/named-adapter')).message).toContain('did you mean ./fixtures/named-adapter.ts?');
  });

  it('a directory is refused', async () => {
    expect((await kitErrorOf('./fixtures')).message).toContain('is a directory');
  });

  it('a file that is not a module is refused by extension', async () => {
    const error = await kitErrorOf('./fixtures/README.md');
    expect(error.message).toContain('has extension ".md"');
    expect(error.fix).toContain('.ts, .mts, .js, .mjs, .cjs');
  });

  it('a module that throws while loading is reported with the cause', async () => {
    const error = await kitErrorOf('./fixtures/throws-on-import.ts');
    expect(error.message).toContain('failed to load: Error: adapter fixture exploded at import time');
    expect((error.cause as Error).message).toBe('adapter fixture exploded at import time');
  });

  it('a module without a default or `adapter` export lists what it does export', async () => {
    const error = await kitErrorOf('./fixtures/no-export.ts');
    expect(error.message).toContain('has no default export and no export named "adapter" (it exports "notAnAdapter")');
    expect(error.fix).toContain('export default defineAdapter({');
  });

  it('a factory function as default export is refused with a hint to export its result', async () => {
    const error = await kitErrorOf('./fixtures/function-export.ts');
    expect(error.message).toContain('the export is a function, not an adapter object');
    expect(error.message).toContain('export default defineAdapter(make())');
  });

  it('every wrongly typed field is named with the type it had', async () => {
    const error = await kitErrorOf('./fixtures/wrong-types.ts');
    expect(error.message).toContain('The adapter from ./fixtures/wrong-types.ts is invalid');
    expect(error.message).toContain('"name" must be a non-empty string (got a number)');
    expect(error.message).toContain('"services" must be a non-empty array of \'bcc\' / \'dcs\' (got an empty array)');
    expect(error.message).toContain('"changePassword" must be a function (input, context) => Promise<ChangePasswordOutcome> (got a string)');
    expect(error.message).toContain('"close" is optional but must be a function when present (got a boolean)');
    expect(error.fix).toContain('defineAdapter');
  });

  it('a service outside bcc/dcs is named', async () => {
    expect((await kitErrorOf('./fixtures/unknown-service.ts')).message).toContain('"services" may only contain \'bcc\' and \'dcs\' (got "ecs")');
  });
});

describe('adapterProblems', () => {
  it('accepts a minimal adapter and describes non-objects', () => {
    expect(adapterProblems({ name: 'x', services: ['dcs'], changePassword: async () => ({ kind: 'success' }) })).toEqual([]);
    expect(adapterProblems(null)).toEqual(['the export is null, not an adapter object']);
    expect(adapterProblems(['a'])).toEqual(['the export is an array, not an adapter object']);
    expect(adapterProblems({ services: 'bcc', changePassword: () => undefined })).toEqual([
      '"name" must be a non-empty string (got undefined)',
      '"services" must be a non-empty array of \'bcc\' / \'dcs\' (got a string)',
    ]);
  });
});
