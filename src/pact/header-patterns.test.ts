import { describe, it, expect } from 'vitest';
import { documentedContract } from '../contract/documented.ts';
import { signedHeaderPatterns } from './header-patterns.ts';

describe('signedHeaderPatterns', () => {
  it('BCC: the x-bce-date pattern of the spec, and inside the bce-auth-v1 string', () => {
    const p = signedHeaderPatterns(documentedContract('bcc'));
    expect(p['x-bce-date']).toBe('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$');
    expect(new RegExp(p.authorization!).test(`bce-auth-v1/AK/2025-01-01T00:00:00Z/1800/host;x-bce-date/${'a'.repeat(64)}`)).toBe(true);
    expect(new RegExp(p.authorization!).test(`bce-auth-v1/AK/20250101T000000Z/1800/host;x-bce-date/${'a'.repeat(64)}`)).toBe(false);
  });
  it('DCS: the X-Sdk-Date pattern of the spec', () => {
    const p = signedHeaderPatterns(documentedContract('dcs'));
    expect(p['x-sdk-date']).toBe('^\\d{8}T\\d{6}Z$');
    expect(Object.keys(p).sort()).toEqual(['authorization', 'x-sdk-date']);
  });
  it('names the spec to fix when the date header has no pattern', () => {
    const c = documentedContract('dcs');
    const stripped = { ...c, openapi: { ...c.openapi, components: { parameters: {} } } };
    expect(() => signedHeaderPatterns(stripped)).toThrow(/declares no x-sdk-date header parameter with a pattern/);
  });
});
