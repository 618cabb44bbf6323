/**
 * Constructive password generators derived from a policy's data. A valid password is built
 * from chosen classes; an invalid one carries the rule it breaks.
 */
import fc from 'fast-check';
import type { PasswordPolicy } from '../../src/contract/contract.ts';
import { showTestPasswords } from '../../src/report/sent-secrets.ts';

/** An invalid value and the rule (suffix) it breaks, e.g. `PWD-LENGTH`. */
export interface InvalidCase {
  value: unknown;
  breaks: 'PWD-LENGTH' | 'PWD-CLASSES' | 'PWD-SYMBOLS' | 'PWD-CHARSET' | 'PWD-TYPE';
  label: string;
}

/**
 * The arbitraries {@link passwordFrom} made, by alphabets and length. The generators call it inside
 * `chain`, i.e. once per generated case; an arbitrary holds no state between draws, so one made
 * earlier for the same alphabets and length draws exactly the values a new one would (issue 17,
 * round 5: building the tuple, arrays and `constantFrom`s of every class was a share of each case).
 */
const madePasswords = new Map<string, fc.Arbitrary<string>>();

/** A password of exactly `length` characters using exactly the given classes (each at least once). */
export function passwordFrom(classes: ReadonlyArray<{ alphabet: string }>, length: number): fc.Arbitrary<string> {
  const key = `${length}\u0000${classes.map((c) => c.alphabet).join('\u0000')}`;
  let made = madePasswords.get(key);
  if (made === undefined) madePasswords.set(key, (made = newPasswordFrom(classes, length)));
  return made;
}

function newPasswordFrom(classes: ReadonlyArray<{ alphabet: string }>, length: number): fc.Arbitrary<string> {
  const union = classes.map((c) => c.alphabet).join('');
  const required = fc.tuple(...classes.map((c) => fc.constantFrom(...Array.from(c.alphabet))));
  const filler = fc.array(fc.constantFrom(...Array.from(union)), { minLength: length - classes.length, maxLength: length - classes.length });
  const keys = fc.array(fc.nat(1_000_000), { minLength: length, maxLength: length });
  return fc.tuple(required, filler, keys).map(([req, fill, k]) => {
    const chars = [...req, ...fill];
    // The characters in the order of their keys; equal keys keep their places (a stable sort).
    const order = chars.map((_, i) => i).sort((a, b) => k[a]! - k[b]! || a - b);
    let out = '';
    for (const i of order) out += chars[i];
    return out;
  });
}

/** Lengths biased to the boundaries. */
function lengthIn(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(min, max), fc.integer({ min, max }));
}

/** Any valid password: every length, every qualifying class combination, every allowed character. */
export function validPassword(policy: PasswordPolicy): fc.Arbitrary<string> {
  return fc
    .tuple(fc.subarray(policy.classes, { minLength: policy.minClasses }), lengthIn(policy.minLength, policy.maxLength))
    .filter(([classes, length]) => length >= classes.length)
    .chain(([classes, length]) => passwordFrom(classes, length));
}

/** Valid except for its length: one off at each boundary, or far out. */
export function wrongLength(policy: PasswordPolicy): fc.Arbitrary<string> {
  const all = policy.classes;
  const short = fc.oneof(fc.constant(policy.minLength - 1), fc.integer({ min: all.length, max: policy.minLength - 1 }));
  const long = fc.oneof(fc.constant(policy.maxLength + 1), fc.integer({ min: policy.maxLength + 1, max: policy.maxLength * 4 }));
  return fc.oneof(short, long).filter((n) => n >= all.length).chain((n) => passwordFrom(all, n));
}

/** Right length and characters, but too few classes. */
export function tooFewClasses(policy: PasswordPolicy): fc.Arbitrary<string> {
  return fc
    .tuple(fc.subarray(policy.classes, { minLength: 1, maxLength: policy.minClasses - 1 }), lengthIn(policy.minLength, policy.maxLength))
    .chain(([classes, length]) => passwordFrom(classes, length));
}

/** Characters outside every class: the neighbours of the symbol set, whitespace, non-ASCII, emoji, control. */
export function forbiddenCharacters(policy: PasswordPolicy): string[] {
  const allowed = new Set(policy.classes.flatMap((c) => Array.from(c.alphabet)));
  const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).filter((c) => !allowed.has(c));
  return [...printable, '\t', '\n', '\u0000', '\u0007', '\u007f', 'é', 'Ä', 'ß', 'П', '中', '😀', '\u00a0', '\u200b'];
}

/** A valid password with one forbidden character inserted (length kept inside the bounds). */
export function withForbiddenCharacter(policy: PasswordPolicy): fc.Arbitrary<{ password: string; bad: string }> {
  // The password before the insertion has min-1 … max-1 characters, so the result spans both bounds.
  const length = fc.integer({ min: Math.max(policy.minLength - 1, policy.classes.length), max: policy.maxLength - 1 });
  return fc
    .tuple(length.chain((n) => passwordFrom(policy.classes, n)), fc.constantFrom(...forbiddenCharacters(policy)), fc.nat())
    .map(([pw, bad, at]) => {
      const chars = Array.from(pw);
      chars.splice(at % (chars.length + 1), 0, bad);
      return { password: chars.join(''), bad };
    });
}

/** Values of the wrong type or absent: each must be rejected with a 4xx. */
export const WRONG_TYPES: ReadonlyArray<{ label: string; value: unknown; omit?: boolean }> = [
  { label: 'missing', value: undefined, omit: true },
  { label: 'null', value: null },
  { label: 'number', value: 12345678 },
  { label: 'boolean', value: true },
  { label: 'array', value: ['Abc12345!'] },
  { label: 'object', value: { password: 'Abc12345!' } },
  { label: 'empty string', value: '' },
];

/** The kinds of character a description names, in order. */
const KINDS: ReadonlyArray<[string, (code: number) => boolean]> = [
  ['lower', (c) => c >= 0x61 && c <= 0x7a],
  ['upper', (c) => c >= 0x41 && c <= 0x5a],
  ['digit', (c) => c >= 0x30 && c <= 0x39],
  ['symbol', (c) => c > 0x20 && c < 0x7f],
  ['space', (c) => c === 0x20],
  ['control', (c) => c < 0x20 || c === 0x7f],
  ['non-ASCII', () => true],
];

/**
 * Describes a password without quoting it — `12 chars: lower, digit, symbol; breaks
 * BCC-PWD-SYMBOLS` — for counterexample summaries and transcript labels, which end up in
 * reports and tickets (issue 12). The replay key regenerates the exact value; `run
 * --show-test-passwords` (embedded simulator only) quotes it as well.
 */
export function show(value: string): string {
  // One pass over the code points, a bit per kind (the first kind whose test accepts the code point).
  let count = 0;
  let seen = 0;
  for (const ch of value) {
    count++;
    const code = ch.codePointAt(0)!;
    for (let k = 0; k < KINDS.length; k++) {
      if (KINDS[k]![1](code)) {
        seen |= 1 << k;
        break;
      }
    }
  }
  const kinds = KINDS.filter((_, k) => seen & (1 << k)).map(([name]) => name);
  const described = `${count} chars${kinds.length > 0 ? `: ${kinds.join(', ')}` : ''}`;
  return showTestPasswords() ? `${JSON.stringify(value)} (${described})` : described;
}

/** {@link show} plus the rule the password breaks. */
export function showBreaking(value: string, rule: string): string {
  return `${show(value)}; breaks ${rule}`;
}

/** A deterministic password of `length` that cycles through `classes`: the kit's one implementation, shared with the Pact cases. */
export { cycledPassword as cycled } from '../../src/contract/cycled-password.ts';

/** Every non-empty subset of `items`, smallest first. */
export function subsets<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out.sort((a, b) => a.length - b.length);
}
