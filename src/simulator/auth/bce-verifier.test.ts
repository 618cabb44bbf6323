import { describe, it, expect } from 'vitest';
import { bceCanonicalRequestFromWire, verifyBceAuth } from './bce-verifier.ts';
import { headersFrom, type WireRequest } from './wire-request.ts';
import { shippedFacts } from '../../contract/shipped-facts.ts';
/** The spec's tolerance for a timestamp ahead of server time. */
const BCC_AUTH = { maxFutureSkewSeconds: shippedFacts('bcc').auth.maxFutureSkewSeconds! };

// Published vectors from facts.md §1; nothing here re-implements the signing algorithm.
const AK = 'a'.repeat(32);
const SK = 'b'.repeat(32);
const SIGNING_KEY = '1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479';
const TS = '2015-04-27T08:23:49Z';
const TS_MS = Date.parse(TS);
const NOW = new Date(TS_MS + 60_000);
const lookup = (ak: string): string | undefined => ({ [AK]: SK, my_ak: 'my_sk' })[ak];

const DOC_SIG = 'd74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e';
const DOC_HOST_DATE_SIG = '1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32';
const DOC_QUERY = 'partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851';
const CP_FOUR_SIG = '5786ae47fd42137db0cf742a30c62b1b46b99b3449266e8f391f717c54e516f4';
const CP_HOST_SIG = '6be98e1d1f2d8393c0539f0b8db4a297e9c88ac5146a6941e35e29508df782f6';
const CP_FOUR = 'content-length;content-type;host;x-bce-date';
const CP_BODY = new TextEncoder().encode('{"adminPass":"e666873d294d9ec590980d8265bfd44e"}');

const auth = (list: string, sig: string, ak = AK, ts = TS, exp = '1800'): string =>
  `bce-auth-v1/${ak}/${ts}/${exp}/${list}/${sig}`;

function docRequest(authorization: string | undefined, over: Partial<WireRequest> = {}): WireRequest {
  const headers = new Headers({
    Host: 'bj.bcebos.com',
    'Content-Type': 'text/plain',
    'Content-Length': '8',
    'Content-Md5': 'NFzcPqhviddjRNnSOGo4rw==',
    'x-bce-date': TS,
  });
  if (authorization !== undefined) headers.set('Authorization', authorization);
  return { method: 'PUT', rawPath: '/v1/test/myfolder/readme.txt', rawQuery: DOC_QUERY, headers, body: new Uint8Array(8), ...over };
}

function changePassRequest(authorization: string, over: Partial<WireRequest> = {}): WireRequest {
  const headers = new Headers({
    Host: 'bcc.bj.baidubce.com',
    'Content-Type': 'application/json;charset=utf-8',
    'Content-Length': String(CP_BODY.length),
    'x-bce-date': TS,
    Authorization: authorization,
  });
  return { method: 'PUT', rawPath: '/v2/instance/i-YufwpQAe', rawQuery: 'changePass', headers, body: CP_BODY, ...over };
}

function withHeader(req: WireRequest, name: string, value: string): WireRequest {
  const headers = headersFrom(req.headers);
  headers.set(name, value);
  return { ...req, headers };
}

function failureOf(req: WireRequest, now = NOW): string {
  const result = verifyBceAuth(req, lookup, now, BCC_AUTH);
  return result.ok ? 'ok' : result.failure;
}

describe('verifyBceAuth — published vectors verify', () => {
  it('doc example with an empty signed-headers list (default set)', () => {
    expect(verifyBceAuth(docRequest(auth('', DOC_SIG)), lookup, NOW, BCC_AUTH)).toEqual({ ok: true, accessKeyId: AK });
  });
  it('doc example with all five headers listed, in any order', () => {
    expect(failureOf(docRequest(auth('content-length;content-md5;content-type;host;x-bce-date', DOC_SIG)))).toBe('ok');
    expect(failureOf(docRequest(auth('host;content-length;content-type;content-md5;x-bce-date', DOC_SIG)))).toBe('ok');
  });
  it('doc example signing only host;x-bce-date', () => {
    expect(failureOf(docRequest(auth('host;x-bce-date', DOC_HOST_DATE_SIG)))).toBe('ok');
  });
  it('JS SDK vector: A (null → bare key), b (empty), C=d', () => {
    const sig = '80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25';
    const headers = new Headers({
      Host: 'bce.baidu.com',
      'x-bce-meta-key1': 'ABC',
      Authorization: auth('host;x-bce-meta-key1', sig, 'my_ak', '2014-06-13T05:57:36Z'),
    });
    const req: WireRequest = { method: 'PUT', rawPath: '/v1/bucket/object1', rawQuery: 'A&b=&C=d', headers, body: new Uint8Array() };
    expect(verifyBceAuth(req, lookup, new Date('2014-06-13T06:00:00Z'), BCC_AUTH)).toEqual({ ok: true, accessKeyId: 'my_ak' });
  });
  it.each([
    [CP_FOUR, CP_FOUR_SIG, 'changePass'],
    [CP_FOUR, CP_FOUR_SIG, 'changePass='],
    ['host', CP_HOST_SIG, 'changePass'],
    ['host', CP_HOST_SIG, 'changePass='],
  ])('changePass vector signed [%s] with ?%s on the wire', (list, sig, rawQuery) => {
    expect(failureOf(changePassRequest(auth(list, sig), { rawQuery }))).toBe('ok');
  });
});

describe('verifyBceAuth — wire encoding is normalised before canonicalising', () => {
  it('path escapes for unreserved characters (%2D / %2d for "-", %6d / %6D for "m") verify as the plain path', () => {
    for (const rawPath of ['/v2/instance/i%2DYufwpQAe', '/v2/instance/i%2dYufwpQAe']) {
      expect(failureOf(changePassRequest(auth(CP_FOUR, CP_FOUR_SIG), { rawPath }))).toBe('ok');
    }
    for (const rawPath of ['/v1/test/%6dyfolder/readme.txt', '/v1/test/%6Dyfolder/readme.txt']) {
      expect(failureOf(docRequest(auth('', DOC_SIG), { rawPath }))).toBe('ok');
    }
  });
  it('lowercase and uppercase query escapes verify identically (%4e / %4E for "N")', () => {
    for (const rawQuery of [`part%4eumber=9&uploadId=a44cc9bab11cbd156984767aad637851`, `part%4Eumber=%39&uploadId=a44cc9bab11cbd156984767aad637851`]) {
      expect(failureOf(docRequest(auth('', DOC_SIG), { rawQuery }))).toBe('ok');
    }
  });
  it('%2f and %2F in the query canonicalise to the same uppercase escape', () => {
    const base = { method: 'put', rawPath: '/x y', headers: new Headers({ Host: 'h' }), body: new Uint8Array() };
    const lower = bceCanonicalRequestFromWire({ ...base, rawQuery: 'a=%2f' }, ['host']);
    const upper = bceCanonicalRequestFromWire({ ...base, rawQuery: 'a=%2F' }, ['host']);
    expect(lower).toBe('PUT\n/x%20y\na=%2F\nhost:h');
    expect(upper).toBe(lower);
  });
  it('query: "+" is literal, authorization is excluded, whole k=v strings sort bytewise', () => {
    const req: WireRequest = { method: 'GET', rawPath: '/', rawQuery: 'b=1+1&Authorization=x&a&B=', headers: new Headers(), body: new Uint8Array() };
    expect(bceCanonicalRequestFromWire(req, ['host'])).toBe('GET\n/\nB=&a=&b=1%2B1\n');
  });
  it('canonical request for the changePass vector matches the facts.md rules', () => {
    expect(bceCanonicalRequestFromWire(changePassRequest('x'), CP_FOUR.split(';'))).toBe(
      'PUT\n/v2/instance/i-YufwpQAe\nchangePass=\ncontent-length:48\n' +
        'content-type:application%2Fjson%3Bcharset%3Dutf-8\nhost:bcc.bj.baidubce.com\nx-bce-date:2015-04-27T08%3A23%3A49Z',
    );
  });
  it('headers outside the signed list may change freely', () => {
    const req = withHeader(changePassRequest(auth('host', CP_HOST_SIG)), 'Content-Type', 'text/plain');
    expect(failureOf({ ...req, body: new Uint8Array([1, 2, 3]) })).toBe('ok');
  });
});

describe('verifyBceAuth — failure kinds', () => {
  it('missing: no or blank Authorization header', () => {
    expect(failureOf(docRequest(undefined))).toBe('missing');
    expect(failureOf(docRequest('   '))).toBe('missing');
  });
  it.each([
    ['wrong scheme', `bce-auth-v2/${AK}/${TS}/1800//${DOC_SIG}`],
    ['too few fields', `bce-auth-v1/${AK}/${TS}/1800/${DOC_SIG}`],
    ['empty access key', `bce-auth-v1//${TS}/1800//${DOC_SIG}`],
    ['bad timestamp', auth('', DOC_SIG, AK, '2015-04-27 08:23:49')],
    ['impossible date', auth('', DOC_SIG, AK, '2015-02-30T08:23:49Z')],
    ['non-numeric expiration', auth('', DOC_SIG, AK, TS, 'abc')],
    ['short signature', auth('', DOC_SIG.slice(1))],
    ['non-hex signature', auth('', 'z'.repeat(64))],
  ])('malformed: %s', (_label, header) => {
    expect(failureOf(docRequest(header))).toBe('malformed');
  });
  it('malformed: a broken percent escape in the path', () => {
    expect(failureOf(docRequest(auth('', DOC_SIG), { rawPath: '/v1/%zz' }))).toBe('malformed');
  });
  it('unknown-key: access key id not registered', () => {
    const result = verifyBceAuth(docRequest(auth('', DOC_SIG, 'c'.repeat(32))), lookup, NOW, BCC_AUTH);
    expect(result).toMatchObject({ ok: false, failure: 'unknown-key' });
  });
  it('expired: past timestamp + expirationSeconds, valid up to the boundary', () => {
    const req = docRequest(auth('', DOC_SIG));
    expect(failureOf(req, new Date(TS_MS + 1800_000))).toBe('ok');
    expect(failureOf(req, new Date(TS_MS + 1801_000))).toBe('expired');
  });
  it('expired: timestamp more than 15 minutes in the future', () => {
    const req = docRequest(auth('', DOC_SIG));
    expect(failureOf(req, new Date(TS_MS - 14 * 60_000))).toBe('ok');
    expect(failureOf(req, new Date(TS_MS - 16 * 60_000))).toBe('expired');
    // The tolerance is the spec's, not the verifier's own: a tighter one refuses 2 minutes ahead.
    expect(verifyBceAuth(req, lookup, new Date(TS_MS - 2 * 60_000), { maxFutureSkewSeconds: 60 })).toMatchObject({ ok: false, failure: 'expired' });
  });
  it('mismatch: path, query, signed header value, signed list or signature tampered', () => {
    const good = auth(CP_FOUR, CP_FOUR_SIG);
    expect(failureOf(changePassRequest(good, { rawPath: '/v2/instance/i-YufwpQAf' }))).toBe('mismatch');
    expect(failureOf(changePassRequest(good, { rawQuery: 'changePass&x=1' }))).toBe('mismatch');
    expect(failureOf(docRequest(auth('', DOC_SIG), { rawQuery: DOC_QUERY.replace('=9', '=10') }))).toBe('mismatch');
    expect(failureOf(withHeader(changePassRequest(good), 'Host', 'bcc.gz.baidubce.com'))).toBe('mismatch');
    expect(failureOf(withHeader(changePassRequest(good), 'Content-Length', '49'))).toBe('mismatch');
    expect(failureOf(withHeader(docRequest(auth('host;x-bce-date', DOC_HOST_DATE_SIG)), 'x-bce-date', '2015-04-27T08:23:50Z'))).toBe('mismatch');
    expect(failureOf(changePassRequest(auth('content-type;host;x-bce-date', CP_FOUR_SIG)))).toBe('mismatch');
    expect(failureOf(changePassRequest(auth(CP_FOUR, CP_FOUR_SIG.replace(/^5/, '6'))))).toBe('mismatch');
    expect(failureOf(changePassRequest(good, { method: 'POST' }))).toBe('mismatch');
  });
  it('mismatch detail shows the canonical request but no secret, signing key or signature', () => {
    const result = verifyBceAuth(withHeader(changePassRequest(auth(CP_FOUR, CP_FOUR_SIG)), 'Host', 'evil.example'), lookup, NOW, BCC_AUTH);
    if (result.ok) throw new Error('expected a mismatch');
    expect(result.detail).toContain('host:evil.example');
    expect(result.detail).not.toContain(SK);
    expect(result.detail).not.toContain(SIGNING_KEY);
    expect(result.detail).not.toMatch(/[0-9a-f]{64}/i);
  });
  it('mismatch detail names signed headers that were absent', () => {
    const req = changePassRequest(auth(`${CP_FOUR};x-bce-request-id`, CP_FOUR_SIG.replace(/^5/, '6')));
    const result = verifyBceAuth(req, lookup, NOW, BCC_AUTH);
    expect(result.ok ? '' : result.detail).toContain('x-bce-request-id');
  });
});

// The verifier caches derived values (signing keys, parsed signed lists); never a verdict.
describe('verifyBceAuth — caches hold derivations, not verdicts', () => {
  it('a replayed Authorization is checked again against each request', () => {
    const good = changePassRequest(auth(CP_FOUR, CP_FOUR_SIG));
    expect(failureOf(good)).toBe('ok');
    expect(failureOf(withHeader(good, 'Content-Length', '49'))).toBe('mismatch');
    expect(failureOf({ ...good, rawQuery: 'changePass&x=1' })).toBe('mismatch');
    expect(failureOf(good)).toBe('ok');
  });
  it('the signing key follows the secret, not only the auth-string prefix', () => {
    const good = changePassRequest(auth(CP_FOUR, CP_FOUR_SIG));
    expect(verifyBceAuth(good, lookup, NOW, BCC_AUTH).ok).toBe(true);
    expect(verifyBceAuth(good, (ak) => (ak === AK ? 'c'.repeat(32) : undefined), NOW, BCC_AUTH)).toMatchObject({ ok: false, failure: 'mismatch' });
    expect(verifyBceAuth(good, lookup, NOW, BCC_AUTH).ok).toBe(true);
  });
  it('timestamps: leap days, impossible times and years before 100 are read exactly', () => {
    const at = (ts: string): string => failureOf(docRequest(auth('', DOC_SIG, AK, ts)));
    // A well-formed timestamp other than the signed one can only fail the signature (or expire).
    expect(at('2016-02-29T08:23:49Z')).toBe('expired');
    expect(at('2015-04-27T08:23:49Z')).toBe('ok');
    for (const ts of ['2015-02-29T08:23:49Z', '2015-04-31T08:23:49Z', '2015-04-27T24:00:00Z', '2015-04-27T08:60:00Z', '2015-04-27T08:23:60Z', '2015-13-01T00:00:00Z', '2015-00-10T00:00:00Z', '2015-04-27T08:23:49.000Z', '²015-04-27T08:23:49Z']) {
      expect(at(ts), ts).toBe('malformed');
    }
    expect(at('0050-02-29T00:00:00Z')).toBe('malformed'); // year 50 is not a leap year
    expect(at('0048-02-29T00:00:00Z')).toBe('expired'); // it is a real date, long past
  });
});
