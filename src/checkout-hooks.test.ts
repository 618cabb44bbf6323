import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs module hook without declarations
import { resolve } from './checkout-hooks.mjs';

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
