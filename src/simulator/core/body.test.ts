import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { flatStringObject, parseJsonBody } from './body.ts';

/** Same value and the same own-key order as JSON.parse. */
const expectSameAsJsonParse = (text: string, value: Record<string, unknown>): void => {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  expect(value).toStrictEqual(parsed);
  expect(Object.keys(value)).toEqual(Object.keys(parsed));
};

describe('flatStringObject: the JSON.parse shortcut for flat objects of plain strings', () => {
  const space = fc.constantFrom('', ' ', '\t', '\n', '\r\n', '  ');
  const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '~', '_', '1', '"', '\\', 'é', '\u0001', '\u007f', 'p', 'r', 'o', 't'), maxLength: 6 });
  const keyLike = fc.oneof(plain, fc.constantFrom('__proto__', 'adminPass', '1', '0', 'toString', 'constructor', ''));
  /** Flat-ish objects assembled by hand (spacing, duplicates, escapes, bad tails) and JSON generated whole. */
  const text = fc.oneof(
    fc.tuple(fc.array(fc.tuple(space, keyLike, space, space, plain, space), { maxLength: 4 }), space, fc.constantFrom('}', '}x', ',}', '', '} ')).map(
      ([pairs, tail, close]) => `${tail}{${pairs.map(([a, k, b, c, v, d]) => `${a}"${k}"${b}:${c}"${v}"${d}`).join(',')}${close}${tail}`,
    ),
    fc.json(),
    fc.dictionary(keyLike, fc.oneof(plain, fc.integer(), fc.constant(null))).map((o) => JSON.stringify(o)),
    fc.string({ maxLength: 20 }),
  );

  it('answers exactly what JSON.parse does, or leaves the text to it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const value = flatStringObject(t);
        if (value !== undefined) expectSameAsJsonParse(t, value);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the usual bodies, and leaves escapes, non-ASCII, duplicates and __proto__ to JSON.parse', () => {
    expect(flatStringObject('{"adminPass":"e666873d294d9ec590980d8265bfd44e"}')).toEqual({ adminPass: 'e666873d294d9ec590980d8265bfd44e' });
    expect(flatStringObject(' { "a" : "1" , "b":"" }\n')).toEqual({ a: '1', b: '' });
    expect(flatStringObject('{}')).toEqual({});
    for (const t of ['{"a":"\\n"}', '{"a":"é"}', '{"a":"1","a":"2"}', '{"__proto__":"x"}', '{"a":1}', '{"a":"1"', '{"a":"1"}x', '[]', '']) {
      expect(flatStringObject(t)).toBeUndefined();
    }
  });
});

describe('parseJsonBody', () => {
  const bytes = (t: string): Uint8Array => new TextEncoder().encode(t);
  it('gives the same outcome with and without the shortcut', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 20 }), fc.constant('  '), fc.constant('{"__proto__":"x"}')), (t) => {
        const result = parseJsonBody(bytes(t), 'application/json');
        let parsed: unknown;
        try {
          parsed = t.trim() === '' ? undefined : JSON.parse(t);
        } catch {
          expect(result).toMatchObject({ ok: false });
          return;
        }
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
          expect(result.ok).toBe(true);
          if (result.ok) expectSameAsJsonParse(t, result.value);
        } else {
          expect(result.ok).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const result = parseJsonBody(bytes('{"__proto__":"x"}'), null);
    expect(result.ok && Object.hasOwn(result.value, '__proto__')).toBe(true);
  });
});
