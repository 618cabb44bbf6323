import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { BUILTIN_SERVICES } from './spec-paths.ts';
import { generatedPath, renderTypes } from './generate-types.ts';

describe('generated/ matches the specs', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`generated/${service}.ts is what openapi-typescript makes of specs/${service}.openapi.yaml`, async () => {
      const committed = readFileSync(generatedPath(service), 'utf8');
      const fresh = await renderTypes(service);
      // A drift means someone edited the spec (or the file) without `npm run generate`.
      expect(committed, `generated/${service}.ts is stale: run \`npm run generate\` and commit the result`).toBe(fresh);
      expect(committed.startsWith('// DO NOT EDIT.')).toBe(true);
    });
  }
});
