/**
 * The kit's one deterministic password: characters taken in turn from a policy's classes. The
 * suites use it for fixed examples beside the generated ones, the Pact export for its cases;
 * both get the same password for the same classes, length and offset.
 */

/**
 * A password of `length` characters cycling through `classes` (each class used once the length
 * reaches the class count); `offset` shifts the picks within each alphabet, so different offsets
 * give different passwords of the same composition. Alphabets are read by code point.
 */
export function cycledPassword(classes: ReadonlyArray<{ alphabet: string }>, length: number, offset = 0): string {
  if (classes.length === 0 && length > 0) throw new RangeError(`cycledPassword: no character class to take ${length} characters from`);
  const alphabets = classes.map((c) => Array.from(c.alphabet));
  let out = '';
  for (let i = 0; i < length; i++) {
    const alphabet = alphabets[i % alphabets.length]!;
    out += alphabet[(Math.floor(i / alphabets.length) + offset) % alphabet.length];
  }
  return out;
}
