import { describe, it, expect } from 'vitest';
import {
  bceCanonicalRequest,
  bceDefaultSignedHeaders,
  bceSignature,
  bceSigningKey,
  bceTimestamp,
  signBceRequest,
} from './bce-auth-v1.ts';

// Vectors from facts.md §1 (Baidu doc example, JS SDK test, changePass).
const AK = 'a'.repeat(32);
const SK = 'b'.repeat(32);
const TS = '2015-04-27T08:23:49Z';
const PREFIX = `bce-auth-v1/${AK}/${TS}/1800`;
const DOC_SIG = 'd74a04362e6a848f5b39b15421cb449427f419c95a480fd6b8cf9fc783e2999e';
const DOC_SIG_HOST_DATE = '1b8de5a23a56eef657c69f94c621e7acd227d049a4ba577f537d5e5cebf0cf32';
const CHANGE_PASS_SIG = '5786ae47fd42137db0cf742a30c62b1b46b99b3449266e8f391f717c54e516f4';
const CHANGE_PASS_HOST_SIG = '6be98e1d1f2d8393c0539f0b8db4a297e9c88ac5146a6941e35e29508df782f6';
const CHANGE_PASS_BODY = '{"adminPass":"e666873d294d9ec590980d8265bfd44e"}';

const docHeaders = {
  Host: 'bj.bcebos.com',
  'Content-Type': 'text/plain',
  'Content-Length': '8',
  'Content-Md5': 'NFzcPqhviddjRNnSOGo4rw==',
  'x-bce-date': TS,
};
const docRequest = (): Request =>
  new Request('http://bj.bcebos.com/v1/test/myfolder/readme.txt?partNumber=9&uploadId=a44cc9bab11cbd156984767aad637851', {
    method: 'PUT',
    headers: docHeaders,
    body: 'Example!',
  });
const changePassRequest = (query = '?changePass'): Request =>
  new Request(`http://bcc.bj.baidubce.com/v2/instance/i-YufwpQAe${query}`, {
    method: 'PUT',
    headers: { Host: 'bcc.bj.baidubce.com', 'Content-Type': 'application/json;charset=utf-8' },
    body: CHANGE_PASS_BODY,
  });
const creds = { accessKeyId: AK, secretAccessKey: SK };

describe('bce-auth-v1 low-level functions', () => {
  it('derives the doc-example signing key', () => {
    expect(bceSigningKey(SK, PREFIX)).toBe('1d5ce5f464064cbee060330d973218821825ac6952368a482a592e6615aef479');
  });

  it('reproduces both doc-example signatures from the canonical request', () => {
    const parts = {
      method: 'PUT',
      path: '/v1/test/myfolder/readme.txt',
      query: [['partNumber', '9'], ['uploadId', 'a44cc9bab11cbd156984767aad637851']] as Array<[string, string]>,
      headers: docHeaders,
    };
    const key = bceSigningKey(SK, PREFIX);
    const all = bceCanonicalRequest({ ...parts, signedHeaders: bceDefaultSignedHeaders(docHeaders) });
    expect(all).toBe(
      'PUT\n/v1/test/myfolder/readme.txt\npartNumber=9&uploadId=a44cc9bab11cbd156984767aad637851\n' +
        'content-length:8\ncontent-md5:NFzcPqhviddjRNnSOGo4rw%3D%3D\ncontent-type:text%2Fplain\n' +
        'host:bj.bcebos.com\nx-bce-date:2015-04-27T08%3A23%3A49Z',
    );
    expect(bceSignature(key, all)).toBe(DOC_SIG);
    const hostDate = bceCanonicalRequest({ ...parts, signedHeaders: ['host', 'x-bce-date'] });
    expect(bceSignature(key, hostDate)).toBe(DOC_SIG_HOST_DATE);
  });

  it('reproduces the JS SDK vector with null and empty params', () => {
    const canonical = bceCanonicalRequest({
      method: 'PUT',
      path: '/v1/bucket/object1',
      query: [['A', null], ['b', ''], ['C', 'd']],
      headers: { Host: 'bce.baidu.com', 'x-bce-meta-key1': 'ABC' },
      signedHeaders: ['host', 'x-bce-meta-key1'],
    });
    expect(canonical).toBe('PUT\n/v1/bucket/object1\nA=&C=d&b=\nhost:bce.baidu.com\nx-bce-meta-key1:ABC');
    const key = bceSigningKey('my_sk', 'bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800');
    expect(bceSignature(key, canonical)).toBe('80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25');
  });

  it('percent-encodes non-ASCII, space and "/" in query values, and keeps "/" in the path', () => {
    const canonical = bceCanonicalRequest({
      method: 'get',
      path: '/a b/中',
      query: [['k', 'x y/中~'], ['authorization', 'dropped'], ['Authorization', 'dropped']],
      headers: new Headers({ 'X-Bce-Meta': '  v w  ', empty: '' }),
      signedHeaders: ['X-Bce-Meta', 'empty', 'absent'],
    });
    expect(canonical).toBe('GET\n/a%20b/%E4%B8%AD\nk=x%20y%2F%E4%B8%AD~\nx-bce-meta:v%20w');
  });

  it('formats Date timestamps without milliseconds', () => {
    expect(bceTimestamp(new Date('2015-04-27T08:23:49.123Z'))).toBe(TS);
  });
});

describe('signBceRequest end to end', () => {
  it('signs the doc example with an empty list, all five listed, and host;x-bce-date', async () => {
    const empty = await signBceRequest(docRequest(), creds, { timestamp: TS, signedHeaders: 'default' });
    expect(empty.headers.get('authorization')).toBe(`${PREFIX}//${DOC_SIG}`);
    const five = ['host', 'content-type', 'content-length', 'content-md5', 'x-bce-date'];
    const listed = await signBceRequest(docRequest(), creds, { timestamp: TS, signedHeaders: five });
    expect(listed.headers.get('authorization')).toBe(`${PREFIX}/${five.join(';')}/${DOC_SIG}`);
    const hostDate = await signBceRequest(docRequest(), creds, { timestamp: new Date(TS), signedHeaders: ['host', 'x-bce-date'] });
    expect(hostDate.headers.get('authorization')).toBe(`${PREFIX}/host;x-bce-date/${DOC_SIG_HOST_DATE}`);
  });

  it('signs the JS SDK vector from a URL with a bare key', async () => {
    const request = new Request('http://bce.baidu.com/v1/bucket/object1?A&b=&C=d', {
      method: 'PUT',
      headers: { Host: 'bce.baidu.com', 'x-bce-meta-key1': 'ABC' },
    });
    const signed = await signBceRequest(request, { accessKeyId: 'my_ak', secretAccessKey: 'my_sk' }, {
      timestamp: '2014-06-13T05:57:36Z',
      signedHeaders: ['host', 'x-bce-meta-key1'],
    });
    expect(signed.headers.get('authorization')).toBe(
      'bce-auth-v1/my_ak/2014-06-13T05:57:36Z/1800/host;x-bce-meta-key1/80c9672aca2ea9af4bb40b9a8ff458d72df94e97d550840727f3a929af271d25',
    );
  });

  it('signs changePass with the SDK default list, adding content-length and x-bce-date', async () => {
    const signed = await signBceRequest(changePassRequest(), creds, { timestamp: TS });
    expect(signed.headers.get('authorization')).toBe(
      `${PREFIX}/content-length;content-type;host;x-bce-date/${CHANGE_PASS_SIG}`,
    );
    expect(signed.headers.get('content-length')).toBe('48');
    expect(signed.headers.get('x-bce-date')).toBe(TS);
    expect(signed.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(await signed.text()).toBe(CHANGE_PASS_BODY);
  });

  it('signs changePass with host only', async () => {
    const signed = await signBceRequest(changePassRequest(), creds, { timestamp: TS, signedHeaders: ['host'] });
    expect(signed.headers.get('authorization')).toBe(`${PREFIX}/host/${CHANGE_PASS_HOST_SIG}`);
  });

  it('gives ?changePass and ?changePass= the same canonical query and signature', async () => {
    const bare = await signBceRequest(changePassRequest('?changePass'), creds, { timestamp: TS });
    const withEq = await signBceRequest(changePassRequest('?changePass='), creds, { timestamp: TS });
    expect(withEq.headers.get('authorization')).toBe(bare.headers.get('authorization'));
    const canonical = (query: Array<[string, string | null]>): string =>
      bceCanonicalRequest({ method: 'PUT', path: '/', query, headers: {}, signedHeaders: [] });
    expect(canonical([['changePass', null]])).toBe(canonical([['changePass', '']]));
  });

  it('decodes lowercase-hex escapes in the URL before re-encoding', async () => {
    const upper = await signBceRequest(changePassRequest('?changePass=&x=a%2fb'), creds, { timestamp: TS });
    const lower = await signBceRequest(changePassRequest('?changePass=&x=a%2Fb'), creds, { timestamp: TS });
    expect(lower.headers.get('authorization')).toBe(upper.headers.get('authorization'));
  });

  it('sets host from the URL (with port) and leaves the original request usable', async () => {
    const original = new Request('http://example.test:8080/v2/instance/i-1?changePass', { method: 'PUT', body: '{}' });
    const signed = await signBceRequest(original, creds, { timestamp: TS });
    expect(signed.headers.get('host')).toBe('example.test:8080');
    expect(signed.headers.get('authorization')).toMatch(/\/content-length;content-type;host;x-bce-date\/[0-9a-f]{64}$/);
    expect(await original.text()).toBe('{}');
  });
});
