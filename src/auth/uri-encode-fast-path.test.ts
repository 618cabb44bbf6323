import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { percentDecode, uriEncode } from './uri-encode.ts';

// The fast paths of uri-encode.ts (issue 17) must give exactly what the byte-by-byte paths give.
const utf8 = new TextEncoder();
const decoder = new TextDecoder();

function slowEncode(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of utf8.encode(value)) {
    const ch = String.fromCharCode(byte);
    if (/^[A-Za-z0-9\-._~]$/.test(ch) || (keepSlash && ch === '/')) out += ch;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function slowDecode(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      const ch = String.fromCodePoint(value.codePointAt(i) ?? 0);
      bytes.push(...utf8.encode(ch));
      i += ch.length - 1;
    }
  }
  return decoder.decode(new Uint8Array(bytes));
}

const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'Z', '0', '-', '.', '_', '~', '/', '%', '4', '1', 'f', '+', ' ', 'é', '\uFEFF', '\uD800', '\uDC00', '😀') }),
  fc.string({ unit: 'binary' }),
  fc.string(),
);

describe('uri-encode fast paths', () => {
  it('uriEncode equals the byte-by-byte encoding, with and without keeping slashes', () => {
    fc.assert(fc.property(text, fc.boolean(), (value, keepSlash) => { expect(uriEncode(value, keepSlash)).toBe(slowEncode(value, keepSlash)); }), { numRuns: 2000 });
  });

  it('percentDecode equals the byte-by-byte decoding, lone surrogates and a leading BOM included', () => {
    fc.assert(fc.property(text, (value) => { expect(percentDecode(value)).toBe(slowDecode(value)); }), { numRuns: 2000 });
    for (const value of ['\uFEFFabc', 'a\uD800b', 'plain-id', '%41', '\uDC00']) expect(percentDecode(value)).toBe(slowDecode(value));
    expect(percentDecode('\uFEFFabc')).toBe('abc');
    expect(percentDecode('a\uD800b')).toBe('a\uFFFDb');
  });
});
