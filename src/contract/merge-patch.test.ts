/**
 * RFC 7386 merge patch: readings of ambiguities and planted faults are patches, shared by the
 * simulator and the suites, so a bug here would hit both alike. Cases from RFC 7386 appendix A.
 */
import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.ts';

describe('mergePatch (RFC 7386 appendix A)', () => {
  const cases: Array<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(cases)('%j patched with %j is %j', (target, patch, expected) => {
    expect(mergePatch(target, patch)).toEqual(expected);
  });

  it('never modifies the target or the patch', () => {
    const target = { passwordPolicy: { classes: [{ name: 'digits', alphabet: '0123456789' }], minLength: 8 } };
    const patch = { passwordPolicy: { minLength: 9, classes: [{ name: 'x', alphabet: 'x' }] } };
    const before = structuredClone(target);
    const patchBefore = structuredClone(patch);
    const result = mergePatch(target, patch) as typeof target;
    expect(target).toEqual(before);
    expect(patch).toEqual(patchBefore);
    // Arrays are replaced, not merged, and the result shares nothing with the patch.
    expect(result.passwordPolicy.classes).toEqual([{ name: 'x', alphabet: 'x' }]);
    result.passwordPolicy.classes[0]!.name = 'changed';
    expect(patch.passwordPolicy.classes[0]!.name).toBe('x');
  });
});
