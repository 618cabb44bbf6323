import { describe, it, expect } from 'vitest';
import {
  sdkHmacCanonicalRequest,
  sdkHmacDate,
  sdkHmacSignature,
  sdkHmacStringToSign,
  signSdkHmacRequest,
} from './sdk-hmac-sha256.ts';

// Vectors from facts.md §2 (Huawei Python SDK tests and the DCS password path).
const creds = { accessKeyId: 'AccessKey', secretAccessKey: 'SecretKey' };
const HOST = 'service.endpoint.myhuaweicloud.com';
const PY_DATE = '20200608T023900Z';
const GET_SIG = 'cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842';
const POST_SIG = '436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f';
const POST_BODY = '{"name":"test","id":1}';
const DCS_BODY = '{"old_password":"OldPass@123","new_password":"NewPass@456"}';
const DCS_SIG = '8f96f57cb79c676b9aa1a3ffdef168d2d7e79d7afe5249a9c70174da6341ed59';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const pyParts = (method: string, body: string) => ({
  method,
  path: '/resources',
  query: [['size', '1']] as Array<[string, string]>,
  headers: { Host: HOST, 'X-Sdk-Date': PY_DATE },
  signedHeaders: ['host', 'x-sdk-date'],
  body,
});
const sign = (canonical: string, date: string): string =>
  sdkHmacSignature(creds.secretAccessKey, sdkHmacStringToSign(canonical, date));
const pyRequest = (method: string, body?: string): Request =>
  new Request(`http://${HOST}/resources?size=1`, { method, headers: { Host: HOST }, body });
const authHeader = (signed: string, sig: string): string =>
  `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=${signed}, Signature=${sig}`;

describe('SDK-HMAC-SHA256 low-level functions', () => {
  it('builds the canonical request with trailing "/" and a blank line before SignedHeaders', () => {
    expect(sdkHmacCanonicalRequest(pyParts('GET', ''))).toBe(
      `GET\n/resources/\nsize=1\nhost:${HOST}\nx-sdk-date:${PY_DATE}\n\nhost;x-sdk-date\n${EMPTY_SHA256}`,
    );
  });

  it('builds the string to sign', () => {
    expect(sdkHmacStringToSign('abc', PY_DATE)).toBe(
      `SDK-HMAC-SHA256\n${PY_DATE}\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad`,
    );
  });

  it('reproduces the Python SDK GET and POST vectors', () => {
    expect(sign(sdkHmacCanonicalRequest(pyParts('GET', '')), PY_DATE)).toBe(GET_SIG);
    expect(sign(sdkHmacCanonicalRequest(pyParts('POST', POST_BODY)), PY_DATE)).toBe(POST_SIG);
  });

  it('reproduces the DCS path vector', () => {
    const canonical = sdkHmacCanonicalRequest({
      method: 'PUT',
      path: '/v2/ProjectId/instances/inst-123/password',
      query: [],
      headers: new Headers({
        'Content-Type': 'application/json',
        Host: '127.0.0.1:18080',
        'X-Project-Id': 'ProjectId',
        'X-Sdk-Date': '20240101T000000Z',
      }),
      signedHeaders: ['content-type', 'host', 'x-project-id', 'x-sdk-date'],
      body: new TextEncoder().encode(DCS_BODY),
    });
    expect(sign(canonical, '20240101T000000Z')).toBe(DCS_SIG);
  });

  it('encodes path segments and query (RFC 3986, uppercase hex) and sorts by key then value', () => {
    const canonical = sdkHmacCanonicalRequest({
      method: 'GET',
      path: '/a b/中/',
      query: [['z', '2'], ['q', 'x y/中'], ['z', '1'], ['flag', null]],
      headers: {},
      signedHeaders: [],
    });
    expect(canonical.split('\n').slice(0, 3)).toEqual(['GET', '/a%20b/%E4%B8%AD/', 'flag=&q=x%20y%2F%E4%B8%AD&z=1&z=2']);
  });

  it('replaces the body hash with UNSIGNED-PAYLOAD', () => {
    const signed = sdkHmacCanonicalRequest(pyParts('POST', POST_BODY));
    const unsigned = sdkHmacCanonicalRequest({ ...pyParts('POST', POST_BODY), unsignedPayload: true });
    expect(unsigned).not.toBe(signed);
    expect(unsigned.endsWith('\nUNSIGNED-PAYLOAD')).toBe(true);
  });

  it('formats Date values as YYYYMMDDTHHMMSSZ', () => {
    expect(sdkHmacDate(new Date('2020-06-08T02:39:00.999Z'))).toBe(PY_DATE);
  });
});

describe('signSdkHmacRequest end to end', () => {
  it('signs the Python SDK GET vector, adding X-Sdk-Date', async () => {
    const signed = await signSdkHmacRequest(pyRequest('GET'), creds, { date: PY_DATE });
    expect(signed.headers.get('authorization')).toBe(authHeader('host;x-sdk-date', GET_SIG));
    expect(signed.headers.get('x-sdk-date')).toBe(PY_DATE);
  });

  it('signs the Python SDK POST vector and keeps the body', async () => {
    const signed = await signSdkHmacRequest(pyRequest('POST', POST_BODY), creds, {
      date: new Date('2020-06-08T02:39:00Z'),
      signedHeaders: ['host', 'x-sdk-date'],
    });
    expect(signed.headers.get('authorization')).toBe(authHeader('host;x-sdk-date', POST_SIG));
    expect(await signed.text()).toBe(POST_BODY);
  });

  it('signs the DCS path vector with default headers, host from the URL and X-Project-Id', async () => {
    const request = new Request('http://127.0.0.1:18080/v2/ProjectId/instances/inst-123/password', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(DCS_BODY.length) },
      body: DCS_BODY,
    });
    const signed = await signSdkHmacRequest(request, { ...creds, projectId: 'ProjectId' }, { date: '20240101T000000Z' });
    expect(signed.headers.get('authorization')).toBe(authHeader('content-type;host;x-project-id;x-sdk-date', DCS_SIG));
    expect(signed.headers.get('host')).toBe('127.0.0.1:18080');
    expect(signed.headers.get('x-project-id')).toBe('ProjectId');
  });

  it('sets X-Sdk-Content-Sha256 and signs differently for UNSIGNED-PAYLOAD', async () => {
    const options = { date: PY_DATE, signedHeaders: ['host', 'x-sdk-date'] };
    const normal = await signSdkHmacRequest(pyRequest('POST', POST_BODY), creds, options);
    const unsigned = await signSdkHmacRequest(pyRequest('POST', POST_BODY), creds, { ...options, unsignedPayload: true });
    expect(unsigned.headers.get('x-sdk-content-sha256')).toBe('UNSIGNED-PAYLOAD');
    expect(unsigned.headers.get('authorization')).not.toBe(normal.headers.get('authorization'));
    const expected = sign(sdkHmacCanonicalRequest({ ...pyParts('POST', POST_BODY), unsignedPayload: true }), PY_DATE);
    expect(unsigned.headers.get('authorization')).toBe(authHeader('host;x-sdk-date', expected));
  });
});
