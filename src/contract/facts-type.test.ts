import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { FACTS_SCHEMA_PATH, FACTS_TYPE_PATH, renderFactsType } from './facts-type.ts';

const schema = (): Record<string, unknown> => JSON.parse(readFileSync(FACTS_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

describe('generated/x-conformance.ts matches specs/x-conformance.schema.json', () => {
  it('the committed type is what openapi-typescript makes of the schema', async () => {
    const committed = readFileSync(FACTS_TYPE_PATH, 'utf8');
    // A drift means someone edited the schema (or the file) without `npm run generate`.
    expect(committed, 'generated/x-conformance.ts is stale: run `npm run generate` and commit the result').toBe(await renderFactsType());
    expect(committed.startsWith('// DO NOT EDIT.')).toBe(true);
  });

  it('a change to the schema changes the rendering (the comparison above can fail)', async () => {
    const edited = schema();
    const lockout = (edited.properties as Record<string, { properties: Record<string, unknown>; required: string[] }>).lockout!;
    lockout.properties.graceSeconds = { type: 'integer', minimum: 0 };
    lockout.required.push('graceSeconds');
    const text = await renderFactsType(edited);
    expect(text).not.toBe(readFileSync(FACTS_TYPE_PATH, 'utf8'));
    expect(text).toMatch(/\n\s+graceSeconds: number;\n/);
  });

  it('contract.ts declares no facts type by hand: ConformanceFacts is the generated one', () => {
    const source = readFileSync(new URL('./contract.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/export type ConformanceFacts = XConformance;/);
    // Only Contract (what the loader adds) may be an interface; every facts name is a view into the generated type.
    const interfaces = [...source.matchAll(/export interface (\w+)/g)].map((m) => m[1]);
    expect(interfaces, 'contract.ts: write facts types as views of XConformance (generated/x-conformance.ts), not by hand').toEqual(['Contract']);
  });
});
