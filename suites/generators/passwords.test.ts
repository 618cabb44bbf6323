import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { cycled, passwordFrom, show, showBreaking, validPassword } from './passwords.ts';
import { policyReadings, satisfies } from './policy-oracle.ts';
import { documentedContract } from '../../src/contract/documented.ts';
import type { PasswordPolicy } from '../../src/contract/contract.ts';
import { cycledPassword } from '../../src/contract/cycled-password.ts';

describe('show', () => {
  it('describes a password by length and kinds of character, never quoting it', () => {
    expect(show('abc1!xyz9()q')).toBe('12 chars: lower, digit, symbol');
    expect(showBreaking('Abc12345&', 'BCC-PWD-SYMBOLS')).toBe('9 chars: lower, upper, digit, symbol; breaks BCC-PWD-SYMBOLS');
    expect(show('a b\tc中😀')).toBe('7 chars: lower, space, control, non-ASCII');
    expect(show('')).toBe('0 chars');
    for (const pw of ['Abc12345!', 'OldPass@123']) expect(show(pw)).not.toContain(pw.slice(0, 3));
  });
});

describe('cycled', () => {
  it('is the kit\'s one cycling implementation (src/contract/cycled-password.ts, shared with the Pact cases), not a copy', () => {
    expect(cycled).toBe(cycledPassword);
  });
});

// Issue 17, round 5: passwordFrom hands out the arbitrary it made before for the same alphabets and
// length, sorts indices instead of pairs, and show counts in one pass. Side by side with the code
// before (kept here): the same values, the same shrunk counterexamples and paths, the same text.
function passwordFromBefore(classes: ReadonlyArray<{ alphabet: string }>, length: number): fc.Arbitrary<string> {
  const union = classes.map((c) => c.alphabet).join('');
  const required = fc.tuple(...classes.map((c) => fc.constantFrom(...Array.from(c.alphabet))));
  const filler = fc.array(fc.constantFrom(...Array.from(union)), { minLength: length - classes.length, maxLength: length - classes.length });
  const keys = fc.array(fc.nat(1_000_000), { minLength: length, maxLength: length });
  return fc.tuple(required, filler, keys).map(([req, fill, k]) => {
    const chars = [...req, ...fill];
    return chars.map((c, i) => [k[i]!, c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c).join('');
  });
}
const KINDS_BEFORE: ReadonlyArray<[string, (code: number) => boolean]> = [
  ['lower', (c) => c >= 0x61 && c <= 0x7a], ['upper', (c) => c >= 0x41 && c <= 0x5a], ['digit', (c) => c >= 0x30 && c <= 0x39],
  ['symbol', (c) => c > 0x20 && c < 0x7f], ['space', (c) => c === 0x20], ['control', (c) => c < 0x20 || c === 0x7f], ['non-ASCII', () => true],
];
function showBefore(value: string): string {
  const chars = Array.from(value);
  const seen = new Set<string>();
  for (const ch of chars) seen.add(KINDS_BEFORE.find(([, test]) => test(ch.codePointAt(0)!))![0]);
  const kinds = KINDS_BEFORE.map(([name]) => name).filter((name) => seen.has(name));
  return `${chars.length} chars${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}`;
}

describe('the generators as before (issue 17, round 5)', () => {
  const policies = (['bcc', 'dcs'] as const).map((s) => documentedContract(s).facts.passwordPolicy);
  const validBefore = (policy: PasswordPolicy) => fc
    .tuple(fc.subarray(policy.classes, { minLength: policy.minClasses }), fc.oneof(fc.constantFrom(policy.minLength, policy.maxLength), fc.integer({ min: policy.minLength, max: policy.maxLength })))
    .filter(([classes, length]) => length >= classes.length)
    .chain(([classes, length]) => passwordFromBefore(classes, length));

  it('passwordFrom draws the same passwords as a newly built arbitrary, made once or many times', () => {
    for (const policy of policies) {
      for (let seed = 1; seed <= 40; seed++) {
        const classes = policy.classes.slice(0, 1 + (seed % policy.classes.length));
        const length = classes.length + (seed % 30);
        const expected = fc.sample(passwordFromBefore(classes, length), { seed, numRuns: 25 });
        expect(fc.sample(passwordFrom(classes, length), { seed, numRuns: 25 })).toEqual(expected);
        expect(fc.sample(passwordFrom([...classes], length), { seed, numRuns: 25 })).toEqual(expected);
        expect(passwordFrom([...classes], length)).toBe(passwordFrom(classes, length));
      }
      expect(passwordFrom(policy.classes, 12)).not.toBe(passwordFrom(policy.classes, 13));
    }
  });

  it('validPassword (passwordFrom inside chain): the same values, shrunk counterexamples and replay paths', () => {
    for (const policy of policies) {
      for (let seed = 1; seed <= 15; seed++) {
        expect(fc.sample(validPassword(policy), { seed, numRuns: 200 })).toEqual(fc.sample(validBefore(policy), { seed, numRuns: 200 }));
        // A predicate that fails on some passwords: fast-check shrinks through the chained arbitraries.
        const failing = (pw: string) => pw.length < policy.minLength + 3 || !/[0-9]/.test(pw);
        const now = fc.check(fc.property(validPassword(policy), failing), { seed, numRuns: 200 });
        const before = fc.check(fc.property(validBefore(policy), failing), { seed, numRuns: 200 });
        expect(now.failed).toBe(true);
        expect([now.counterexample, now.counterexamplePath, now.numShrinks]).toEqual([before.counterexample, before.counterexamplePath, before.numShrinks]);
      }
    }
  });

  it('show describes any string as before', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (s) => {
      expect(show(s)).toBe(showBefore(s));
    }), { numRuns: 1000 });
    for (const s of ['', 'a\uD800b', '\uDC00', 'Aa1! \u0000\u007f\u00e9😀']) expect(show(s)).toBe(showBefore(s));
  });
});

describe('satisfies with a character table per policy (issue 17, round 6)', () => {
  /** The reading before: each character's class found by scanning the alphabets. */
  const scanning = (policy: PasswordPolicy, password: string): boolean => {
    const chars = Array.from(password);
    if (chars.length < policy.minLength || chars.length > policy.maxLength) return false;
    const classes = new Set<string>();
    for (const ch of chars) {
      const owner = policy.classes.find((c) => c.alphabet.includes(ch));
      if (!owner) return false;
      classes.add(owner.name);
    }
    return classes.size >= policy.minClasses;
  };
  it('gives what scanning gives, for every reading of both services and any string', () => {
    const policies = [...policyReadings(documentedContract('bcc')), ...policyReadings(documentedContract('dcs'))];
    // An extra policy with a non-BMP alphabet and overlapping classes: lone surrogates and first-class-wins.
    policies.push({ ...policies[0]!, classes: [{ name: 'emoji', alphabet: '\u{1F600}\u{1F601}a' }, { name: 'letters', alphabet: 'abc' }], minClasses: 2, minLength: 1 } as PasswordPolicy);
    const alphabet = policies.flatMap((p) => p.classes.flatMap((c) => Array.from(c.alphabet)));
    const password = fc.oneof(validPassword(policies[0]!), fc.array(fc.constantFrom(...alphabet, '\ud83d', '\ude00', ' ', 'é'), { maxLength: 40 }).map((a) => a.join('')), fc.string({ maxLength: 40, unit: 'binary' }));
    // The extra policy's own characters, where the class a shared character counts for decides.
    const extra = policies.at(-1)!;
    fc.assert(
      fc.property(fc.array(fc.constantFrom('\u{1F600}', '\u{1F601}', 'a', 'b', 'c', '\ud83d'), { minLength: 1, maxLength: 6 }), (chars) => {
        expect(satisfies(extra, chars.join(''))).toBe(scanning(extra, chars.join('')));
      }),
      { numRuns: 300 },
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...policies), password, (policy, pw) => {
        const expected = scanning(policy, pw);
        if (expected) accepted++;
        expect(satisfies(policy, pw)).toBe(expected);
      }),
      { numRuns: 800 },
    );
    expect(accepted).toBeGreaterThan(30);
  });
});
