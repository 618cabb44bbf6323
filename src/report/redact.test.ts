import { describe, it, expect } from 'vitest';
import { curlFor, redactAuthorization, redactBody, redactHeaders } from './redact.ts';

const CIPHER = 'e666873d294d9ec590980d8265bfd44e';

describe('redactBody', () => {
  const cases: Array<[string, string, string]> = [
    ['JSON', `{"adminPass":"${CIPHER}"}`, '{"adminPass":"<redacted>"}'],
    ['JSON with spaces and escapes', '{"old_password" : "a\\"b\\\\c", "new_password":"Xyz12345!"}', '{"old_password" : "<redacted>", "new_password":"<redacted>"}'],
    ['an unquoted key', `{adminPass: "${CIPHER}"}`, '{adminPass: "<redacted>"}'],
    ['an unquoted key and value', `adminPass: ${CIPHER}`, 'adminPass: <redacted>'],
    ['a form body', `adminPass=${CIPHER}&x=1`, 'adminPass=<redacted>&x=1'],
    ['JSON sent as a JSON string', `"{\\"adminPass\\":\\"${CIPHER}\\"}"`, '"{\\"adminPass\\":\\"<redacted>\\"}"'],
    ['a value cut off mid-string', `{"adminPass":"${CIPHER.slice(0, 20)}`, '{"adminPass":"<redacted>'],
    ['a value cut off after an escape', '{"new_password":"Abc\\', '{"new_password":"<redacted>'],
    ['an array value', '{"adminPass":["Abc12345!"]}', '{"adminPass":<redacted>}'],
    ['an object value', '{"adminPass":{"password":"Abc12345!"}}', '{"adminPass":<redacted>}'],
    ['a number value', '{"adminPass":12345678}', '{"adminPass":<redacted>}'],
    ['any case', '{"AdminPass":"x1"}', '{"AdminPass":"<redacted>"}'],
  ];
  for (const [name, input, expected] of cases) {
    it(`redacts ${name}`, () => expect(redactBody(input)).toBe(expected));
  }

  it('keeps null, booleans and fields that only contain the word', () => {
    const text = '{"adminPass":null,"no_password_access":"false","passwordFree":true,"password":false}';
    expect(redactBody(text)).toBe(text);
  });

  it('leaves text without secret fields untouched', () => {
    expect(redactBody('{"code":"MalformedJSON","message":"The body is not valid JSON."}')).toBe('{"code":"MalformedJSON","message":"The body is not valid JSON."}');
    expect(redactBody('')).toBe('');
  });

  it('redacts every occurrence, never leaving the value anywhere', () => {
    const text = `[{"adminPass":"${CIPHER}"},{"adminPass":"${CIPHER}"}] adminPass=${CIPHER}`;
    expect(redactBody(text)).not.toContain(CIPHER);
  });

  it('handles a 1 MB hostile body (a quadratic scan would outlast the test timeout)', () => {
    const hostile = `{"adminPass":${'['.repeat(500_000)}${' adminPass:'.repeat(40_000)}`;
    expect(redactBody(hostile)).toBe('{"adminPass":<redacted>');
  });
});

describe('redactAuthorization and redactHeaders', () => {
  it('drops both signature kinds and keeps the key id', () => {
    expect(redactAuthorization(`bce-auth-v1/ak/2025-01-01T00:00:00Z/1800/host/${'a'.repeat(64)}`)).toBe('bce-auth-v1/ak/2025-01-01T00:00:00Z/1800/host/<signature redacted>');
    expect(redactAuthorization(`SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=${'b'.repeat(64)}`)).toBe('SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=<redacted>');
  });

  it('redacts tokens and secrets by header name', () => {
    expect(redactHeaders({ 'X-Security-Token': 't', 'x-secret': 's', host: 'h' })).toEqual({ 'x-security-token': '<redacted>', 'x-secret': '<redacted>', host: 'h' });
  });

  it('curl carries a variable where the secret was', () => {
    const curl = curlFor({ method: 'PUT', url: 'http://x/v2/instance/i?changePass', headers: { authorization: 'secret-sig', host: 'x' }, body: `{"adminPass":"${CIPHER}"}` });
    expect(curl).not.toContain(CIPHER);
    expect(curl).not.toContain('secret-sig');
    expect(curl).toContain('$PASSWORD_OR_CIPHERTEXT');
  });
});

describe('redactBody on pathological input', () => {
  it('handles long runs of backslashes, quotes and keys without separators', () => {
    for (const hostile of ['\\'.repeat(200_000), '"'.repeat(200_000), 'password '.repeat(50_000), `"${'\\'.repeat(100_000)}password\\"`]) {
      expect(typeof redactBody(hostile)).toBe('string');
    }
    expect(redactBody(`${'\\'.repeat(100)}"adminPass${'\\'.repeat(100)}":"x"`)).toContain('adminPass');
  });
});
