import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { PasswordPolicy } from '../../contract/contract.ts';
import { policyBreach, policyBreachGeneral } from './password-policy.ts';

const char = fc.constantFrom(...'aZ09!@#$%^*()-_ ~"\\é你\u0000\u007f\u0080'.split(''), '😀');
/** Random policies: alphabets that overlap, repeat a class name, or hold non-ASCII characters. */
const policy: fc.Arbitrary<PasswordPolicy> = fc
  .record({
    minLength: fc.nat(6),
    span: fc.nat(10),
    classes: fc.array(fc.record({ name: fc.constantFrom('letters', 'digits', 'symbols', 'letters2'), alphabet: fc.string({ unit: char, maxLength: 8 }) }), { maxLength: 5 }),
    minClasses: fc.nat(4),
  })
  .map(({ minLength, span, classes, minClasses }) => ({ minLength, maxLength: minLength + span, classes, minClasses }) as unknown as PasswordPolicy);

/** The BCC policy as the spec states it (seed page: 8–32 characters, 3 classes). */
const BCC_POLICY = {
  minLength: 8,
  maxLength: 32,
  minClasses: 3,
  classes: [
    { name: 'letters', alphabet: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ' },
    { name: 'digits', alphabet: '0123456789' },
    { name: 'symbols', alphabet: '!@#$%^*()' },
  ],
} as unknown as PasswordPolicy;

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
    for (const password of ['Abc12345!', 'Abc12345', 'abc!@#$%', 'Abc 1234!', 'Abc1234é!', 'A1!', 'A1!'.repeat(11)]) {
      expect(policyBreach(BCC_POLICY, password)).toEqual(policyBreachGeneral(BCC_POLICY, password));
    }
    expect(policyBreach(BCC_POLICY, 'Abc12345!')).toBeUndefined();
    expect(policyBreach(BCC_POLICY, 'Abc12345')?.kind).toBe('classes');
  });
});

/** Class `i` of `count`, each with a distinct name and one letter or digit of its own, for wide policies. */
const manyClasses = (count: number): PasswordPolicy['classes'] =>
  Array.from({ length: count }, (_, i) => ({ name: `c${i}`, alphabet: String.fromCharCode(0x30 + (i % 75)) })) as unknown as PasswordPolicy['classes'];

describe('policyBreach: the table past 32 class names (shifts modulo 32, Int8 wrap) still agrees', () => {
  it.each([30, 31, 32, 33, 40, 75, 130])('with %i classes, for passwords using up to all of them', (count) => {
    const classes = manyClasses(count);
    for (const minClasses of [1, Math.min(count, 30), count - 1, count]) {
      const p = { minLength: 1, maxLength: 200, minClasses, classes } as unknown as PasswordPolicy;
      for (const used of [1, 2, 31, 32, 33, count - 1, count].filter((n) => n >= 1 && n <= count)) {
        const password = classes.slice(0, used).map((c) => c.alphabet).join('') + '!';
        expect(policyBreach(p, password)).toEqual(policyBreachGeneral(p, password));
        expect(policyBreach(p, password.slice(0, -1))).toEqual(policyBreachGeneral(p, password.slice(0, -1)));
      }
    }
  });
});

/**
 * A copy of `policy` whose alphabets count how often they are read: the general path reads them
 * for every character, the table only while it is built (once per policy object).
 */
function counted(policy: PasswordPolicy): { policy: PasswordPolicy; reads: () => number } {
  let reads = 0;
  const classes = policy.classes.map(({ name, alphabet }) => ({
    name,
    get alphabet() {
      reads++;
      return alphabet;
    },
  }));
  return { policy: { ...policy, classes } as unknown as PasswordPolicy, reads: () => reads };
}

const asciiChar = fc.constantFrom(...'aZ09!@#$%^*()-_ ~"\\\u0000\u007f'.split(''));

describe('policyBreach: the ASCII table answers every compliant all-ASCII password itself', () => {
  /** Alphabet reads of judging `password` again once the policy's table is built (0 when the table answered). */
  const readsOnceWarm = (p: PasswordPolicy, password: string): number => {
    const probe = counted(p);
    policyBreach(probe.policy, password);
    const before = probe.reads();
    policyBreach(probe.policy, password);
    return probe.reads() - before;
  };

  it('for any policy and any compliant ASCII password: no alphabet read, once warm', () => {
    const asciiPolicy = fc
      .record({
        minLength: fc.nat(6),
        span: fc.nat(10),
        classes: fc.array(fc.record({ name: fc.constantFrom('letters', 'digits', 'symbols', 'letters2'), alphabet: fc.string({ unit: char, minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 5 }),
        minClasses: fc.nat(3),
      })
      .map(({ minLength, span, classes, minClasses }) => ({ minLength, maxLength: minLength + span, classes, minClasses }) as unknown as PasswordPolicy);
    let compliant = 0;
    fc.assert(
      fc.property(asciiPolicy, fc.string({ unit: asciiChar, maxLength: 16 }), (p, password) => {
        if (policyBreachGeneral(p, password) !== undefined) return;
        compliant++;
        expect(readsOnceWarm(p, password)).toBe(0);
      }),
      { numRuns: 3000 },
    );
    // Never green on nothing: the property met compliant passwords.
    expect(compliant).toBeGreaterThan(100);
  });

  it('at the boundaries: minimum and maximum length, exactly the classes required, the first class, 30 to 32 class names', () => {
    for (const password of ['Abcde12!', 'Abcde12!'.repeat(4), 'a1!aaaaaaaaa', 'Z9(Z9(Z9(']) {
      expect(policyBreachGeneral(BCC_POLICY, password)).toBeUndefined();
      expect(readsOnceWarm(BCC_POLICY, password)).toBe(0);
    }
    const oneClass = { ...BCC_POLICY, minClasses: 1 } as unknown as PasswordPolicy;
    expect(readsOnceWarm(oneClass, 'abcdefgh')).toBe(0);
    for (const count of [30, 31, 32]) {
      const classes = manyClasses(count);
      const p = { minLength: 1, maxLength: 64, minClasses: count, classes } as unknown as PasswordPolicy;
      const password = classes.map((c) => c.alphabet).join('');
      expect(policyBreachGeneral(p, password)).toBeUndefined();
      expect(readsOnceWarm(p, password)).toBe(0);
    }
  });
});
