import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { PasswordPolicy } from '../../contract/contract.ts';
import { policyBreach, policyBreachGeneral } from './password-policy.ts';

const char = fc.constantFrom(...'aZ09!@#$%^*()-_ ~"\\é你\u0000\u007f'.split(''), '😀');
/** Random policies: alphabets that overlap, repeat a class name, or hold non-ASCII characters. */
const policy: fc.Arbitrary<PasswordPolicy> = fc
  .record({
    minLength: fc.nat(6),
    span: fc.nat(10),
    classes: fc.array(fc.record({ name: fc.constantFrom('letters', 'digits', 'symbols', 'letters2'), alphabet: fc.string({ unit: char, maxLength: 8 }) }), { maxLength: 5 }),
    minClasses: fc.nat(4),
  })
  .map(({ minLength, span, classes, minClasses }) => ({ minLength, maxLength: minLength + span, classes, minClasses }) as unknown as PasswordPolicy);

describe('policyBreach: the ASCII table shortcut agrees with the general path', () => {
  it('for any policy and any password (ASCII, non-ASCII, astral, out of range)', () => {
    fc.assert(
      fc.property(policy, fc.string({ unit: char, maxLength: 14 }), (p, password) => {
        expect(policyBreach(p, password)).toEqual(policyBreachGeneral(p, password));
      }),
      { numRuns: 3000 },
    );
  });

  it('for the BCC policy of the spec, on typical passwords', () => {
    const bcc = {
      minLength: 8,
      maxLength: 32,
      minClasses: 3,
      classes: [
        { name: 'letters', alphabet: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' },
        { name: 'digits', alphabet: '0123456789' },
        { name: 'symbols', alphabet: '!@#$%^*()' },
      ],
    } as unknown as PasswordPolicy;
    for (const password of ['Abc12345!', 'Abc12345', 'abc!@#$%', 'Abc 1234!', 'Abc1234é!', 'A1!', 'A1!'.repeat(11)]) {
      expect(policyBreach(bcc, password)).toEqual(policyBreachGeneral(bcc, password));
    }
    expect(policyBreach(bcc, 'Abc12345!')).toBeUndefined();
    expect(policyBreach(bcc, 'Abc12345')?.kind).toBe('classes');
  });
});
