/**
 * The bce-auth-v1 expirationSeconds field checked and read in one loop over its characters,
 * instead of a regular expression test and two `Number` conversions per request.
 * `digits.test.ts` holds it equal to the regular expression and `Number`.
 */

/** The value of `text` when `/^[1-9]\d{0,9}$/` matches it (a positive integer of at most ten digits), else -1. */
export function positiveIntegerOf(text: string): number {
  const length = text.length;
  if (length < 1 || length > 10) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (!(digit >= (i === 0 ? 1 : 0) && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}
