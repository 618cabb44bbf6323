import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { positiveIntegerOf } from './digits.ts';

const unit = fc.constantFrom(...'0189aAfFgG/:@`\u0660 -+.e'.split(''), '١');

describe('the expirationSeconds check agrees with the regular expression it replaces', () => {
  it('positiveIntegerOf(text) is Number(text) exactly when /^[1-9]\\d{0,9}$/ matches, else -1', () => {
    const check = (text: string): void => {
      expect(positiveIntegerOf(text)).toBe(/^[1-9]\d{0,9}$/.test(text) ? Number(text) : -1);
    };
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), check), { numRuns: 3000 });
    for (const text of ['1800', '0', '01', '9999999999', '99999999999', '', '1e3', '+1', ' 1', '١']) check(text);
  });
});
