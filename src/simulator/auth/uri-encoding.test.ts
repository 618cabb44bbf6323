import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { timingSafeEqual } from 'node:crypto';
import { PercentDecodeError, hexDigestMatches, parseRawQuery, percentDecode, reencode, signaturesEqual, uriEncode, uriEncodeBytes } from './uri-encoding.ts';

// The BCC verifier's comparison before issue 17's round 5 (hex decoded into buffers, then
// timingSafeEqual): no longer used by the simulator, kept here as the oracle of hexDigestMatches.
// Both sides of a SHA-256 signature comparison landed here: no buffer allocation per request.
const DIGEST_BYTES = 32;
const providedScratch = Buffer.alloc(DIGEST_BYTES);
const expectedScratch = Buffer.alloc(DIGEST_BYTES);

/**
 * Constant-time comparison of a client-supplied hex signature (either case) against the expected
 * digest, given as a `binary` string (one character per byte, as `hmacSha256` returns it).
 * Decoding the hex avoids case-folding and re-encoding two 64-character strings.
 */
function hexSignatureMatches(providedHex: string, expectedBinary: string): boolean {
  const size = expectedBinary.length;
  if (providedHex.length !== 2 * size) return false;
  const exact = size === DIGEST_BYTES;
  const provided = exact ? providedScratch : Buffer.alloc(size);
  const expected = exact ? expectedScratch : Buffer.alloc(size);
  // `write` stops at the first pair that is not hex, so anything but exact hex comes out short.
  const written = provided.write(providedHex, 0, 'hex');
  expected.write(expectedBinary, 0, 'latin1');
  return written === size && timingSafeEqual(provided, expected);
}

describe('uri-encoding helpers', () => {
  it('percentDecode accepts either hex case and keeps "+" literal', () => {
    expect(percentDecode('a%2fb%2Fc+d').toString('utf8')).toBe('a/b/c+d');
  });
  it('percentDecode keeps raw non-ASCII characters as UTF-8 and decodes byte escapes', () => {
    expect(percentDecode('%E4%BD%A0é').toString('utf8')).toBe('你é');
  });
  it.each(['%', '%2', '%zz', 'a%g1'])('percentDecode rejects the broken escape in %s', (wire) => {
    expect(() => percentDecode(wire)).toThrow(PercentDecodeError);
  });
  it('uriEncode keeps only the unreserved set, with uppercase hex; keepSlash keeps "/"', () => {
    expect(uriEncode("A-z_0.~ /!*'()é")).toBe('A-z_0.~%20%2F%21%2A%27%28%29%C3%A9');
    expect(uriEncode('/a b/', true)).toBe('/a%20b/');
    expect(uriEncodeBytes(new Uint8Array([0x00, 0xff]))).toBe('%00%FF');
  });
  it('parseRawQuery treats bare and empty values alike and skips empty pieces', () => {
    const pairs = parseRawQuery('changePass&&a=&b=1=2&').map((p) => [p.key.toString(), p.value.toString()]);
    expect(pairs).toEqual([['changePass', ''], ['a', ''], ['b', '1=2']]);
  });
  it('signaturesEqual is case-insensitive and false on length differences', () => {
    expect(signaturesEqual('ABcd', 'abCD')).toBe(true);
    expect(signaturesEqual('abc', 'abcd')).toBe(false);
    expect(signaturesEqual('abce', 'abcd')).toBe(false);
  });
});

// The hot-path shortcuts (lookup tables, runs, no-'%' fast paths) must not change any result.
describe('uri-encoding fast paths agree with the byte-wise definitions', () => {
  const wire = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '~', '/', ' ', '%', '2', 'f', 'F', '+', 'é', '你', '\ud800') });

  it('uriEncode(text) === uriEncodeBytes(UTF-8 bytes of text), with and without keepSlash', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), wire), fc.boolean(), (text, keepSlash) => {
      expect(uriEncode(text, keepSlash)).toBe(uriEncodeBytes(Buffer.from(text, 'utf8'), keepSlash));
    }));
  });

  it('reencode(wire) === uriEncodeBytes(percentDecode(wire)), or both throw', () => {
    fc.assert(fc.property(wire, fc.boolean(), (text, keepSlash) => {
      let expected: string | undefined;
      try {
        expected = uriEncodeBytes(percentDecode(text), keepSlash);
      } catch (e) {
        expect(e).toBeInstanceOf(PercentDecodeError);
      }
      if (expected === undefined) expect(() => reencode(text, keepSlash)).toThrow(PercentDecodeError);
      else expect(reencode(text, keepSlash)).toBe(expected);
    }));
  });

  it('hexSignatureMatches compares hex (either case) with binary digest bytes, and rejects anything else', () => {
    const digest = Buffer.from('00ff10abcdef', 'hex').toString('latin1');
    expect(hexSignatureMatches('00ff10abcdef', digest)).toBe(true);
    expect(hexSignatureMatches('00FF10ABCDEF', digest)).toBe(true);
    expect(hexSignatureMatches('00ff10abcdee', digest)).toBe(false);
    expect(hexSignatureMatches('00ff10abcde', digest)).toBe(false);
    expect(hexSignatureMatches('00ff10abcdezz', digest)).toBe(false);
    expect(hexSignatureMatches('00ff10abcdzz', digest)).toBe(false);
  });
});

// The verifier's shortcut (lower-case hex digest, compared in JavaScript) against the buffer path.
describe('hexDigestMatches agrees with hexSignatureMatches', () => {
  const hexish = fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEFgG/@`\u0010\u00c1 '.split('')), maxLength: 66 });
  it('for any provided string against any digest, near misses and case changes included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 33 }), hexish, fc.nat(), fc.constantFrom('same', 'upper', 'mixed', 'other'), (digest, other, at, how) => {
        const expectedHex = Buffer.from(digest).toString('hex');
        const flip = (text: string): string => [...text].map((ch, i) => ((i + at) % 2 === 0 ? ch.toUpperCase() : ch)).join('');
        const provided = how === 'same' ? expectedHex : how === 'upper' ? expectedHex.toUpperCase() : how === 'mixed' ? flip(expectedHex) : other;
        expect(hexDigestMatches(provided, expectedHex)).toBe(hexSignatureMatches(provided, Buffer.from(digest).toString('latin1')));
      }),
    );
  });
  it('answers true only for the same digits, in either case', () => {
    expect(hexDigestMatches('00FF10abCDef', '00ff10abcdef')).toBe(true);
    expect(hexDigestMatches('00ff10abcdee', '00ff10abcdef')).toBe(false);
    // Characters one case bit away from a digit or letter are never folded onto it.
    expect(hexDigestMatches('\u0010', '0')).toBe(false);
    expect(hexDigestMatches('G', 'g')).toBe(false);
    expect(hexDigestMatches('@', '`')).toBe(false);
    expect(hexDigestMatches('abc', 'abcd')).toBe(false);
  });
});
