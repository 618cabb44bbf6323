import { describe, it, expect } from 'vitest';
import { PercentDecodeError, parseRawQuery, percentDecode, signaturesEqual, uriEncode, uriEncodeBytes } from './uri-encoding.ts';

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
