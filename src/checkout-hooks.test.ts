import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module hook without declarations
import { initialize, moduleMap, resolve } from './checkout-hooks.mjs';

type Next = (specifier: string) => Promise<{ url: string }>;
const hook = resolve as (specifier: string, context: object, next: Next) => Promise<{ url: string; shortCircuit?: boolean }>;
const passOn: Next = async (specifier) => ({ url: `next:${specifier}` });

describe('checkout module hooks', () => {
  it.each([
    ['pwchange-conformance', 'src/index.ts'],
    ['pwchange-conformance/client', 'src/clients/client.ts'],
    ['pwchange-conformance/adapter', 'src/clients/client.ts'],
    ['pwchange-conformance/config', 'src/config/define-config.ts'],
  ])('resolve %s to the existing source %s', async (name, source) => {
    const { url, shortCircuit } = await hook(name, {}, passOn);
    expect(shortCircuit).toBe(true);
    expect(url.endsWith(`/${source}`)).toBe(true);
    expect(existsSync(fileURLToPath(url))).toBe(true);
  });

  it('pass every other name down the chain', async () => {
    expect(await hook('pwchange-conformance/package.json', {}, passOn)).toEqual({ url: 'next:pwchange-conformance/package.json' });
    expect(await hook('vitest', {}, passOn)).toEqual({ url: 'next:vitest' });
  });
});

describe('checkout module hooks with a compiled build', () => {
  const build = 'file:///tmp/some-build/';
  const names: Array<[string, string]> = [
    ['pwchange-conformance', 'src/index'],
    ['pwchange-conformance/client', 'src/clients/client'],
    ['pwchange-conformance/adapter', 'src/clients/client'],
    ['pwchange-conformance/config', 'src/config/define-config'],
  ];

  it.each(names)('map %s, and the source tsx resolves it to through tsconfig paths, into the build (%s.js)', (name, module) => {
    const map = moduleMap(build);
    expect(map.get(name)).toBe(`${build}${module}.js`);
    const source = new URL(`../${module}.ts`, import.meta.url).href;
    expect(existsSync(fileURLToPath(source))).toBe(true);
    expect(map.get(source)).toBe(`${build}${module}.js`);
  });

  it('map no other module (the sources map nothing to themselves without a build)', () => {
    expect(moduleMap(build).size).toBe(new Set(names.map(([, m]) => m)).size + names.length);
    expect([...moduleMap().keys()].sort()).toEqual(names.map(([n]) => n).sort());
  });

  it('initialize({ root }) switches resolve to the build', async () => {
    initialize({ root: build });
    try {
      expect(await hook('pwchange-conformance/client', {}, passOn)).toEqual({ url: `${build}src/clients/client.js`, shortCircuit: true });
      expect(await hook('vitest', {}, passOn)).toEqual({ url: 'next:vitest' });
    } finally {
      initialize({ root: undefined });
    }
  });
});
