import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalQuery, canonicalQuerySplit } from './bce-canonical.ts';
import { PercentDecodeError } from './uri-encoding.ts';

/** The canonical query, or the error class it throws (a broken escape). */
function outcome(f: (q: string) => string, query: string): string {
  try {
    return `ok:${f(query)}`;
  } catch (error) {
    if (error instanceof PercentDecodeError) return 'PercentDecodeError';
    throw error;
  }
}

describe('the bce-auth-v1 canonical query', () => {
  it('gives the wire forms of the change action their documented canonical form', () => {
    expect(canonicalQuery('changePass')).toBe('changePass=');
    expect(canonicalQuery('changePass=')).toBe('changePass=');
    expect(canonicalQuery('')).toBe('');
    expect(canonicalQuery('authorization')).toBe('');
    expect(canonicalQuery('b=2&a=%2f')).toBe('a=%2F&b=2');
  });

  it('is the same on the one-piece fast path as on the split-and-sort path, errors included', () => {
    const unit = fc.constantFrom('a', 'Z', '0', '-', '~', '=', '&', '%', '%2f', '%2D', '%zz', '%C3', 'é', ' ', '+', '/', 'authorization', 'AUTHORIZATION', 'changePass');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), (query) => {
        expect(outcome(canonicalQuery, query)).toBe(outcome(canonicalQuerySplit, query));
      }),
      { numRuns: 2000 },
    );
  });
});
