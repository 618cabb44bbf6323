import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { bceTimestamp, signBceRequest, signedBceRequest } from '../auth/bce-auth-v1.ts';
import { sdkHmacDate, signedSdkHmacRequest, signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { knownBody, withKnownBody } from '../auth/uri-encode.ts';
import { buildBccChangeDraft, buildBccChangePassword, buildBccDescribe } from './bcc-requests.ts';
import { buildDcsChangeDraft, buildDcsChangePassword, buildDcsShow } from './dcs-requests.ts';
import { requestOf } from '../auth/request-draft.ts';
import { garble, REQUEST_FAULTS, tamperBody, type RequestFault } from './request-faults.ts';
import { outsideWindowMs } from './outside-window.ts';
import { shippedFacts } from '../contract/shipped-facts.ts';

// Issue 17, round 4: the builders sign a draft and build one Fetch Request. Side by side with the
// path they shortcut — an unsigned Request handed to the public signer, which returns a second,
// signed one, and the faults planted on those Requests (the code before round 4, kept here) —
// every request must carry the same method, URL, headers and body bytes, and the same recorded body.

type Sign = (request: Request, credentials: { accessKeyId: string; secretAccessKey: string; projectId?: string }, date: Date) => Promise<Request>;

/** The fault planting of `request-faults.ts` before round 4, on Fetch Requests. */
async function legacySignWithFault(sign: Sign, dateHeader: string, formatDate: (d: Date) => string, malformed: string, staleMs: number, signsBody: boolean, request: Request, body: string, credentials: { accessKeyId: string; secretAccessKey: string; projectId?: string }, instanceId: string, fault: RequestFault | undefined, now: Date): Promise<Request> {
  if (fault === 'no-signature') {
    request.headers.set(dateHeader, formatDate(now));
    return request;
  }
  const signWith =
    fault === 'wrong-key' ? { ...credentials, secretAccessKey: credentials.secretAccessKey.split('').reverse().join('') }
    : fault === 'unknown-key' ? { ...credentials, accessKeyId: `unknown-${credentials.accessKeyId}` }
    : credentials;
  const date = fault === 'stale-date' ? new Date(now.getTime() - staleMs) : fault === 'future-date' ? new Date(now.getTime() + staleMs) : now;
  const signed = await sign(request, signWith, date);
  if (fault === 'garbled-signature') signed.headers.set('authorization', garble(signed.headers.get('authorization')!));
  if (fault === 'malformed-auth-header') signed.headers.set('authorization', malformed);
  if (fault === 'body-after-signing' || fault === 'path-after-signing') {
    let url = signed.url;
    if (fault === 'path-after-signing') {
      const { pathname } = new URL(url);
      const segments = pathname.split('/');
      let at = segments.length - 1;
      while (at > 0 && decodeURIComponent(segments[at]!) !== instanceId) at--;
      segments[at] = `x${segments[at]}`;
      url = url.replace(pathname, segments.join('/'));
    }
    const newBody = fault === 'body-after-signing' ? tamperBody(body) + (signsBody ? '' : ' ') : body;
    const headers = new Headers(signed.headers);
    if (headers.has('content-length')) headers.set('content-length', String(Buffer.byteLength(newBody)));
    // Since round 6 the tampered request's body bytes are recorded too (the builders make every
    // request of a draft), as the valid requests' always were: the same bytes Fetch reads.
    return withKnownBody(new Request(url, { method: signed.method, headers, body: newBody }), UTF8.encode(newBody));
  }
  return signed;
}

const UTF8 = new TextEncoder();
const BASE = 'http://127.0.0.1:9/base/';

async function legacyBcc(instanceId: string, password: string, fault: RequestFault | undefined, now: Date, signedHeaders?: string[] | 'default'): Promise<Request> {
  const credentials = DEFAULT_CREDENTIALS.bcc;
  const encryptWith = fault === 'wrong-encryption-key' ? 'x'.repeat(16) + credentials.secretAccessKey.slice(16) : credentials.secretAccessKey;
  const body = JSON.stringify({ adminPass: fault === 'plaintext-password' ? password : encryptAdminPass(password, encryptWith) });
  const url = `${BASE.replace(/\/$/, '')}/v2/instance/${encodeURIComponent(instanceId)}?changePass`;
  const request = withKnownBody(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body }), UTF8.encode(body));
  const sign: Sign = (r, c, d) => signBceRequest(r, c, { timestamp: d, signedHeaders });
  return legacySignWithFault(sign, 'x-bce-date', bceTimestamp, 'bce-auth-v1 not-a-valid-auth-string', outsideWindowMs(shippedFacts('bcc').auth), false, request, body, credentials, instanceId, fault, now);
}

async function legacyDcs(projectId: string, instanceId: string, oldPassword: string, newPassword: string, fault: RequestFault | undefined, now: Date, unsignedPayload?: boolean): Promise<Request> {
  const [newField, oldField] = shippedFacts('dcs').passwordPolicy.fields as [string, string];
  const body = JSON.stringify({ [oldField]: oldPassword, [newField]: newPassword });
  const url = `${BASE.replace(/\/$/, '')}/v2/${encodeURIComponent(projectId)}/instances/${encodeURIComponent(instanceId)}/password`;
  const request = withKnownBody(new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json;charset=UTF-8' }, body }), UTF8.encode(body));
  const credentials = { ...DEFAULT_CREDENTIALS.dcs, projectId: fault === 'project-header-mismatch' ? `other-${projectId}` : projectId };
  const sign: Sign = (r, c, d) => signSdkHmacRequest(r, c, { date: d, unsignedPayload });
  return legacySignWithFault(sign, 'X-Sdk-Date', sdkHmacDate, 'SDK-HMAC-SHA256 garbage', outsideWindowMs(shippedFacts('dcs').auth), true, request, body, credentials, instanceId, fault, now);
}

/** Everything a transport or the exchange log reads of a request. */
async function wire(request: Request): Promise<unknown> {
  const known = knownBody(request);
  return {
    method: request.method,
    url: request.url,
    headers: [...request.headers],
    body: request.body === null ? null : new Uint8Array(await request.clone().arrayBuffer()),
    known: known === undefined ? undefined : [...known],
  };
}

const id = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const password = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constant('Abcdefg1!'));
const fault = fc.option(fc.constantFrom(...REQUEST_FAULTS), { nil: undefined });
/** A request as `wire` records it, or the error making it threw. */
async function outcome(make: () => Promise<Request> | Request): Promise<{ ok: true; wire: unknown } | { ok: false; message: string }> {
  try {
    return { ok: true, wire: await wire(await make()) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

const now = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true });

describe('one Fetch Request per signed request (the builders sign a draft)', () => {
  it('BCC changePass: same request as the unsigned Request signed by the public signer, every fault', async () => {
    const signedHeaders = fc.option(fc.constantFrom<string[] | 'default'>('default', ['host', 'x-bce-date'], ['content-type', 'host', 'x-bce-date', 'content-length']), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(id, password, fault, now, signedHeaders, async (instanceId, pw, f, at, sh) => {
        const built = await buildBccChangePassword({ baseUrl: BASE, instanceId, password: pw, credentials: DEFAULT_CREDENTIALS.bcc, fault: f, now: at, signedHeaders: sh });
        expect(await wire(built)).toEqual(await wire(await legacyBcc(instanceId, pw, f, at, sh)));
      }),
      { numRuns: 150 },
    );
  });

  it('DCS change: same request as the unsigned Request signed by the public signer, every fault', async () => {
    await fc.assert(
      fc.asyncProperty(id, id, password, password, fault, now, fc.boolean(), async (projectId, instanceId, oldPw, newPw, f, at, unsigned) => {
        const built = await buildDcsChangePassword({ baseUrl: BASE, projectId, instanceId, oldPassword: oldPw, newPassword: newPw, credentials: DEFAULT_CREDENTIALS.dcs, fault: f, now: at, unsignedPayload: unsigned });
        expect(await wire(built)).toEqual(await wire(await legacyDcs(projectId, instanceId, oldPw, newPw, f, at, unsigned)));
      }),
      { numRuns: 150 },
    );
  });

  it('the signed drafts of the kit\'s own change are the builders\' valid requests before they become Requests', async () => {
    await fc.assert(
      fc.asyncProperty(id, id, password, password, now, async (projectId, instanceId, a, b, at) => {
        const bcc = { baseUrl: BASE, instanceId, password: a, credentials: DEFAULT_CREDENTIALS.bcc, now: at };
        expect(await wire(requestOf(await buildBccChangeDraft(bcc)))).toEqual(await wire(await buildBccChangePassword(bcc)));
        const dcs = { baseUrl: BASE, projectId, instanceId, oldPassword: a, newPassword: b, credentials: DEFAULT_CREDENTIALS.dcs, now: at };
        expect(await wire(requestOf(await buildDcsChangeDraft(dcs)))).toEqual(await wire(await buildDcsChangePassword(dcs)));
      }),
      { numRuns: 100 },
    );
  });

  it('signedBceRequest (the suites\' hand-made requests) gives what signBceRequest gives for the same new Request, errors included', async () => {
    const init = fc.record({
      method: fc.constantFrom('PUT', 'put', 'POST', 'PATCH', 'patch', 'GET', 'DELETE', 'CONNECT', 'bad method'),
      headers: fc.oneof(fc.constant({ 'content-type': 'application/json; charset=utf-8' }), fc.dictionary(fc.constantFrom('content-type', 'Content-Type', 'x-bce-date', 'host', 'content-length', 'x-other'), fc.constantFrom('application/json', 'text/plain', '2026-01-01T00:00:00Z', 'example.test', '7', ' v '))),
      body: fc.option(fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from(b)), { nil: undefined }),
    });
    const options = fc.record({ signedHeaders: fc.option(fc.constantFrom<string[] | 'default'>('default', ['host', 'x-bce-date'], ['content-type', 'content-length', 'host', 'x-bce-date']), { nil: undefined }), expirationSeconds: fc.option(fc.integer({ min: 1, max: 3600 }), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(init, options, now, fc.constantFrom(`${BASE}v2/instance/i-1?changePass`, `${BASE}v2/instance/a%2Fb?changePass=&x=1`, 'not a url'), async (i, o, at, url) => {
        const opts = { ...o, timestamp: at };
        const viaDraft = await outcome(() => signedBceRequest(url, { ...i, body: i.body === undefined ? undefined : Uint8Array.from(i.body) }, DEFAULT_CREDENTIALS.bcc, opts));
        const viaRequests = await outcome(() => signBceRequest(new Request(url, { ...i, body: i.body === undefined ? undefined : Uint8Array.from(i.body) }), DEFAULT_CREDENTIALS.bcc, opts));
        expect(viaDraft).toEqual(viaRequests);
      }),
      { numRuns: 400 },
    );
  });

  it('signedSdkHmacRequest (the DCS suites\' hand-made requests) gives what signSdkHmacRequest gives for the same new Request, errors included', async () => {
    const init = fc.record({
      method: fc.constantFrom('PUT', 'put', 'POST', 'PATCH', 'patch', 'GET', 'DELETE', 'CONNECT', 'bad method'),
      headers: fc.oneof(fc.constant({ 'content-type': 'application/json;charset=UTF-8' }), fc.dictionary(fc.constantFrom('content-type', 'Content-Type', 'X-Sdk-Date', 'host', 'x-project-id', 'content-length', 'x-sdk-content-sha256', 'x-other'), fc.constantFrom('application/json', 'text/plain', '20260101T000000Z', 'example.test', 'UNSIGNED-PAYLOAD', '7', ' v '))),
      // A string body without a content type is where Fetch adds one of its own.
      body: fc.option(fc.oneof(fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from(b)), fc.string({ maxLength: 40, unit: 'binary' })), { nil: undefined }),
    });
    const options = fc.record({ signedHeaders: fc.option(fc.constantFrom<string[]>(['host', 'x-sdk-date'], ['content-type', 'host', 'x-project-id', 'x-sdk-date']), { nil: undefined }), unsignedPayload: fc.option(fc.boolean(), { nil: undefined }) });
    const credentials = fc.constantFrom({ ...DEFAULT_CREDENTIALS.dcs, projectId: 'p1' }, { ...DEFAULT_CREDENTIALS.dcs });
    const copy = (body: string | Uint8Array | undefined) => (body instanceof Uint8Array ? Uint8Array.from(body) : body);
    await fc.assert(
      fc.asyncProperty(init, options, credentials, now, fc.constantFrom(`${BASE}v2/p1/instances/d-1/password`, `${BASE}v2/p1/instances/a%2Fb/password?x=1&a=`, 'not a url'), async (i, o, c, at, url) => {
        const opts = { ...o, date: at };
        const viaDraft = await outcome(() => signedSdkHmacRequest(url, { ...i, body: copy(i.body) }, c, opts));
        const viaRequests = await outcome(() => signSdkHmacRequest(new Request(url, { ...i, body: copy(i.body) }), c, opts));
        expect(viaDraft).toEqual(viaRequests);
      }),
      { numRuns: 400 },
    );
  });

  it('the GET builders: same request as an unsigned GET signed by the public signer', async () => {
    const at = new Date('2026-03-01T12:00:00Z');
    const bcc = await buildBccDescribe({ baseUrl: BASE, instanceId: 'i-1', credentials: DEFAULT_CREDENTIALS.bcc, now: at });
    const bccLegacy = await signBceRequest(new Request(`${BASE}v2/instance/i-1`, { method: 'GET' }), DEFAULT_CREDENTIALS.bcc, { timestamp: at, signedHeaders: ['host', 'x-bce-date'] });
    expect(await wire(bcc)).toEqual(await wire(bccLegacy));
    const dcs = await buildDcsShow({ baseUrl: BASE, projectId: 'p1', instanceId: 'd-1', credentials: DEFAULT_CREDENTIALS.dcs, now: at });
    const dcsLegacy = await signSdkHmacRequest(new Request(`${BASE}v2/p1/instances/d-1`, { method: 'GET' }), { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p1' }, { date: at });
    expect(await wire(dcs)).toEqual(await wire(dcsLegacy));
  });

  it('a base URL Fetch refuses fails with Fetch\'s own error, as before', async () => {
    const input = { baseUrl: 'not a url', instanceId: 'i-1', password: 'Abcdefg1!', credentials: DEFAULT_CREDENTIALS.bcc };
    const legacy = (() => {
      try {
        new Request('not a url/v2/instance/i-1?changePass', { method: 'PUT' });
      } catch (error) {
        return error as Error;
      }
      throw new Error('unreachable: Fetch accepted the URL');
    })();
    await expect(buildBccChangePassword(input)).rejects.toThrow(legacy.message);
  });
});
