import { createHash, createHmac } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import { sdkHmacCanonicalRequestFromWire, verifySdkHmac } from './hmac-verifier.ts';
import type { SdkHmacOptions } from './hmac-verifier.ts';
import { headersFrom, type WireRequest } from './wire-request.ts';
import { shippedFacts } from '../../contract/shipped-facts.ts';
/** The spec's tolerance for clock skew either way. */
const DCS_AUTH = { maxSkewSeconds: shippedFacts('dcs').auth.maxClockSkewSeconds! };

// Published vectors from facts.md §2 (Huawei Python SDK tests and the DCS path vector).
const AK = 'AccessKey';
const SK = 'SecretKey';
const lookup = (ak: string): string | undefined => (ak === AK ? SK : undefined);
const GET_SIG = 'cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842';
const POST_SIG = '436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f';
const DCS_SIG = '8f96f57cb79c676b9aa1a3ffdef168d2d7e79d7afe5249a9c70174da6341ed59';
const PY_DATE_MS = Date.parse('2020-06-08T02:39:00Z');
const PY_NOW = new Date(PY_DATE_MS + 30_000);
const DCS_NOW = new Date('2024-01-01T00:02:00Z');
const POST_BODY = '{"name":"test","id":1}';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const auth = (signed: string, sig: string, ak = AK): string =>
  `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${signed}, Signature=${sig}`;

function pyRequest(method: 'GET' | 'POST', authorization: string | undefined, over: Partial<WireRequest> = {}): WireRequest {
  const headers = new Headers({ Host: 'service.endpoint.myhuaweicloud.com', 'X-Sdk-Date': '20200608T023900Z' });
  if (authorization !== undefined) headers.set('Authorization', authorization);
  const body = new TextEncoder().encode(method === 'POST' ? POST_BODY : '');
  return { method, rawPath: '/resources', rawQuery: 'size=1', headers, body, ...over };
}

function dcsRequest(over: Partial<WireRequest> = {}): WireRequest {
  const headers = new Headers({
    Host: '127.0.0.1:18080',
    'X-Project-Id': 'ProjectId',
    'X-Sdk-Date': '20240101T000000Z',
    'Content-Type': 'application/json',
    Authorization: auth('content-type;host;x-project-id;x-sdk-date', DCS_SIG),
  });
  const body = new TextEncoder().encode('{"old_password":"OldPass@123","new_password":"NewPass@456"}');
  return { method: 'PUT', rawPath: '/v2/ProjectId/instances/inst-123/password', rawQuery: '', headers, body, ...over };
}

function edit(req: WireRequest, change: (h: Headers) => void): WireRequest {
  const headers = headersFrom(req.headers);
  change(headers);
  return { ...req, headers };
}

function failureOf(req: WireRequest, now = PY_NOW, options?: Partial<SdkHmacOptions>): string {
  const result = verifySdkHmac(req, lookup, now, { ...DCS_AUTH, ...options });
  return result.ok ? 'ok' : result.failure;
}

describe('verifySdkHmac — published vectors verify', () => {
  it('Python SDK GET /resources?size=1', () => {
    expect(verifySdkHmac(pyRequest('GET', auth('host;x-sdk-date', GET_SIG)), lookup, PY_NOW, DCS_AUTH)).toEqual({ ok: true, accessKeyId: AK });
  });
  it('Python SDK POST with a JSON body', () => {
    expect(failureOf(pyRequest('POST', auth('host;x-sdk-date', POST_SIG)))).toBe('ok');
  });
  it('DCS change-password path, with and without a matching projectIdFromPath', () => {
    expect(failureOf(dcsRequest(), DCS_NOW)).toBe('ok');
    expect(failureOf(dcsRequest(), DCS_NOW, { projectIdFromPath: 'ProjectId' })).toBe('ok');
  });
  it('tolerates extra spaces and unsorted, mixed-case SignedHeaders', () => {
    const header = `SDK-HMAC-SHA256   Access=${AK} ,  SignedHeaders = X-Sdk-Date;Host ,Signature=${GET_SIG}  `;
    expect(failureOf(pyRequest('GET', header))).toBe('ok');
  });
  it('a trailing slash on the wire gives the same canonical URI', () => {
    expect(failureOf(pyRequest('GET', auth('host;x-sdk-date', GET_SIG), { rawPath: '/resources/' }))).toBe('ok');
  });
  it('percent-escape case and needless escapes on the wire do not matter', () => {
    for (const rawQuery of ['si%7ae=1', 'si%7Ae=%31']) {
      expect(failureOf(pyRequest('GET', auth('host;x-sdk-date', GET_SIG), { rawQuery }))).toBe('ok');
    }
    expect(failureOf(dcsRequest({ rawPath: '/v2/ProjectId/instances/inst%2d123/password' }), DCS_NOW)).toBe('ok');
  });
});

describe('sdkHmacCanonicalRequestFromWire', () => {
  it('matches the facts.md layout for the GET vector (blank line before SignedHeaders)', () => {
    expect(sdkHmacCanonicalRequestFromWire(pyRequest('GET', undefined), ['x-sdk-date', 'host'])).toBe(
      'GET\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\nx-sdk-date:20200608T023900Z\n\n' +
        `host;x-sdk-date\n${EMPTY_SHA256}`,
    );
  });
  it('sorts the query by decoded key then value and RFC 3986-encodes it', () => {
    const req = pyRequest('GET', undefined, { rawPath: '', rawQuery: 'b=2&a=%2f&b=1&c&a+b=x' });
    expect(sdkHmacCanonicalRequestFromWire(req, ['host']).split('\n').slice(1, 3)).toEqual(['/', 'a=%2F&a%2Bb=x&b=1&b=2&c=']);
  });
  it('uses UNSIGNED-PAYLOAD instead of the body hash when asked', () => {
    const req = edit(pyRequest('POST', undefined), (h) => h.set('X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD'));
    expect(sdkHmacCanonicalRequestFromWire(req, ['host']).endsWith('\nhost\nUNSIGNED-PAYLOAD')).toBe(true);
  });
  it('renders a signed header the request does not carry with an empty value, as its contract says', () => {
    // The verifier refuses such a request before building this; test/hostile's signer relies on it.
    const lines = sdkHmacCanonicalRequestFromWire(pyRequest('GET', undefined), ['host', 'x-absent']).split('\n');
    expect(lines.slice(3, 6)).toEqual(['host:service.endpoint.myhuaweicloud.com', 'x-absent:', '']);
  });
});

describe('verifySdkHmac — UNSIGNED-PAYLOAD', () => {
  // No published vector uses it, so sign a hand-written canonical request (facts.md §2 layout).
  const canonical =
    'POST\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\n' +
    'x-sdk-date:20200608T023900Z\n\nhost;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD';
  const stringToSign = `SDK-HMAC-SHA256\n20200608T023900Z\n${createHash('sha256').update(canonical).digest('hex')}`;
  const sig = createHmac('sha256', SK).update(stringToSign).digest('hex');
  const header = auth('host;x-sdk-content-sha256;x-sdk-date', sig);
  const unsigned = (body: string): WireRequest =>
    edit(pyRequest('POST', header, { body: new TextEncoder().encode(body) }), (h) => h.set('X-Sdk-Content-Sha256', 'UNSIGNED-PAYLOAD'));

  it('verifies whatever the body is', () => {
    expect(failureOf(unsigned(POST_BODY))).toBe('ok');
    expect(failureOf(unsigned('something else entirely'))).toBe('ok');
  });
  it('without the header the body hash is used again', () => {
    expect(failureOf(edit(unsigned(POST_BODY), (h) => h.delete('X-Sdk-Content-Sha256')))).toBe('mismatch');
  });
});

describe('verifySdkHmac — failure kinds', () => {
  it('missing: no Authorization header', () => {
    expect(failureOf(pyRequest('GET', undefined))).toBe('missing');
  });
  it.each([
    ['another algorithm', `SDK-HMAC-SHA1 Access=${AK}, SignedHeaders=host, Signature=${GET_SIG}`],
    ['no fields', 'SDK-HMAC-SHA256'],
    ['no Signature', `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;x-sdk-date`],
    ['no Access', `SDK-HMAC-SHA256 SignedHeaders=host;x-sdk-date, Signature=${GET_SIG}`],
    ['empty SignedHeaders', auth('', GET_SIG)],
    ['short signature', auth('host;x-sdk-date', GET_SIG.slice(2))],
    ['duplicate field', `${auth('host;x-sdk-date', GET_SIG)}, Access=${AK}`],
    ['garbage field', `${auth('host;x-sdk-date', GET_SIG)}, nonsense`],
  ])('malformed: %s', (_label, header) => {
    expect(failureOf(pyRequest('GET', header))).toBe('malformed');
  });
  it('unknown-key: access key id not registered', () => {
    expect(failureOf(pyRequest('GET', auth('host;x-sdk-date', GET_SIG, 'OtherKey')))).toBe('unknown-key');
  });
  it('expired: more than 15 minutes of skew either way, fine within it', () => {
    const req = pyRequest('GET', auth('host;x-sdk-date', GET_SIG));
    expect(failureOf(req, new Date(PY_DATE_MS + 14 * 60_000))).toBe('ok');
    expect(failureOf(req, new Date(PY_DATE_MS - 14 * 60_000))).toBe('ok');
    expect(failureOf(req, new Date(PY_DATE_MS + 16 * 60_000))).toBe('expired');
    expect(failureOf(req, new Date(PY_DATE_MS - 16 * 60_000))).toBe('expired');
    // The tolerance is the spec's, not the verifier's own: a tighter one refuses 2 minutes.
    expect(failureOf(req, new Date(PY_DATE_MS + 2 * 60_000), { maxSkewSeconds: 60 })).toBe('expired');
  });
  it('expired: X-Sdk-Date absent or not YYYYMMDDTHHMMSSZ', () => {
    const req = pyRequest('GET', auth('host;x-sdk-date', GET_SIG));
    expect(failureOf(edit(req, (h) => h.delete('X-Sdk-Date')))).toBe('expired');
    expect(failureOf(edit(req, (h) => h.set('X-Sdk-Date', '2020-06-08T02:39:00Z')))).toBe('expired');
    expect(failureOf(edit(req, (h) => h.set('X-Sdk-Date', '20200631T023900Z')))).toBe('expired');
  });
  it('mismatch: body, path, query, method, signed header value or signature tampered', () => {
    const post = pyRequest('POST', auth('host;x-sdk-date', POST_SIG));
    expect(failureOf({ ...post, body: new TextEncoder().encode('{"name":"test","id":2}') })).toBe('mismatch');
    expect(failureOf({ ...post, rawPath: '/resource' })).toBe('mismatch');
    expect(failureOf({ ...post, rawQuery: 'size=2' })).toBe('mismatch');
    expect(failureOf({ ...post, rawQuery: 'size=1&extra=' })).toBe('mismatch');
    expect(failureOf({ ...post, method: 'PUT' })).toBe('mismatch');
    expect(failureOf(edit(post, (h) => h.set('Host', 'other.myhuaweicloud.com')))).toBe('mismatch');
    expect(failureOf(pyRequest('POST', auth('host;x-sdk-date', POST_SIG.replace(/^4/, '5'))))).toBe('mismatch');
    expect(failureOf(edit(dcsRequest(), (h) => h.set('Content-Type', 'text/plain')), DCS_NOW)).toBe('mismatch');
  });
  it('mismatch: a listed signed header is absent, and the detail names it', () => {
    const result = verifySdkHmac(edit(dcsRequest(), (h) => h.delete('X-Project-Id')), lookup, DCS_NOW, DCS_AUTH);
    expect(result).toMatchObject({ ok: false, failure: 'mismatch' });
    expect(result.ok ? '' : result.detail).toContain('x-project-id');
  });
  it('mismatch detail shows the canonical request but not the secret', () => {
    const result = verifySdkHmac({ ...pyRequest('GET', auth('host;x-sdk-date', GET_SIG)), rawQuery: 'size=9' }, lookup, PY_NOW, DCS_AUTH);
    if (result.ok) throw new Error('expected a mismatch');
    expect(result.detail).toContain('size=9');
    expect(result.detail).not.toContain(SK);
  });
  it('project-mismatch: X-Project-Id differs from the project id in the path', () => {
    expect(failureOf(dcsRequest(), DCS_NOW, { projectIdFromPath: 'OtherProject' })).toBe('project-mismatch');
    // No X-Project-Id header at all: nothing to contradict the path.
    expect(failureOf(pyRequest('GET', auth('host;x-sdk-date', GET_SIG)), PY_NOW, { projectIdFromPath: 'P' })).toBe('ok');
  });
});
