/**
 * Interop with the official Baidu SDK (`@baiducloud/sdk` 1.0.7) against the simulator over HTTP.
 * The SDK is CommonJS without usable types, so it is loaded with `createRequire` and typed here.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptAdminPass } from '../../src/auth/password-cipher.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { startSimHarness, type SimHarness } from './sim-http.ts';

interface BceConfig {
  endpoint: string;
  credentials: { ak: string; sk: string };
}
/** What a request resolves with on 2xx: headers lower-cased, body parsed when JSON. */
interface BceResponse {
  http_headers: Record<string, string>;
  body: unknown;
}
/** What the SDK rejects with on a non-2xx answer: a plain object, not an Error. `code` and
 * `request_id` are copied from the body only when the body carries a `requestId`. */
interface BceFailure {
  status_code: number;
  message: unknown;
  code?: string;
  request_id?: string;
}
interface BceSendArgs {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}
/** The SDK returns Q promises: thenables, so they are wrapped in `Promise.resolve` below. */
interface BceBaseClient {
  sendRequest(method: string, resource: string, args: BceSendArgs): PromiseLike<BceResponse>;
}
interface BccClient extends BceBaseClient {
  changeInstanceAdminPassword(instanceId: string, adminPass: string): PromiseLike<BceResponse>;
}
interface BaiduSdk {
  BccClient: new (config: BceConfig) => BccClient;
  BceBaseClient: new (config: BceConfig, serviceId: string, regionSupported?: boolean) => BceBaseClient;
}

const sdk = createRequire(import.meta.url)('@baiducloud/sdk') as BaiduSdk;
const { accessKeyId: ak, secretAccessKey: sk } = DEFAULT_CREDENTIALS.bcc;
const NEW_PASS = 'Abc12345!';

let h: SimHarness;
beforeAll(async () => {
  h = await startSimHarness();
});
afterAll(async () => {
  await h?.srv.close();
});

function bccClient(secret = sk): BccClient {
  return new sdk.BccClient({ endpoint: h.srv.url, credentials: { ak, sk: secret } });
}

/** The request `changeInstanceAdminPassword` would send: `PUT /v2/instance/{id}?changePass=`
 * with `{"adminPass": <AES-128-ECB hex under the SK's first 16 chars>}`. The SDK serialises
 * `{changePass: ''}` as `changePass=` and signs `content-length;content-type;host;x-bce-date`. */
function changePass(client: BceBaseClient, instanceId: string, plaintext: string, secret = sk): Promise<BceResponse> {
  const body = JSON.stringify({ adminPass: encryptAdminPass(plaintext, secret) });
  return Promise.resolve(client.sendRequest('PUT', `/v2/instance/${instanceId}`, { params: { changePass: '' }, body }));
}

/** Awaits a rejection and returns the SDK's failure object (fails the test on success). */
async function failureOf(promise: Promise<unknown>): Promise<BceFailure> {
  try {
    const ok = await promise;
    throw new Error(`expected the SDK to reject, but it resolved with ${JSON.stringify(ok)}`);
  } catch (e) {
    if (e instanceof Error) throw e;
    return e as BceFailure;
  }
}

describe('Baidu @baiducloud/sdk 1.0.7 against the simulator over HTTP', () => {
  it('(a) BccClient.changeInstanceAdminPassword is an unimplemented stub and sends nothing', async () => {
    await h.setup('bcc instance', { instanceId: 'i-stub', status: 'Running', adminPass: 'Orig1234!' });
    const before = h.sim.recorder.exchanges().length;
    // It is `abstractMethod`, which throws synchronously rather than returning a rejected promise.
    expect(() => bccClient().changeInstanceAdminPassword('i-stub', NEW_PASS)).toThrow(/^unimplemented method$/);
    expect(h.sim.recorder.exchanges().length).toBe(before);
  });

  it('(b) BceBaseClient.sendRequest changes the password: 200, stored, signature verified', async () => {
    await h.setup('bcc instance', { instanceId: 'i-ok', status: 'Running', adminPass: 'Orig1234!' });
    const client = bccClient();
    expect(client).toBeInstanceOf(sdk.BceBaseClient);
    const res = await changePass(client, 'i-ok', NEW_PASS);
    expect(res.body).toEqual({});
    expect(res.http_headers['content-type']).toMatch(/^application\/json/);

    expect(await h.inspect({ service: 'bcc', instanceId: 'i-ok' })).toMatchObject({ status: 'Running', password: NEW_PASS });

    const ex = h.lastExchange('/v2/instance/i-ok');
    expect(ex, 'the simulator recorded no exchange for /v2/instance/i-ok').toBeDefined();
    expect(ex!.response.status).toBe(200);
    expect(ex!.request).toMatchObject({ method: 'PUT', query: 'changePass=' });
    // The SDK sends Host with the port and signs exactly these headers.
    expect(ex!.request.headers.host).toBe(new URL(h.srv.url).host);
    expect(ex!.request.headers.authorization).toMatch(/^bce-auth-v1\/sim-bcc-test-ak-0001\/[0-9T:-]+Z\/1800\/content-length;content-type;host;x-bce-date\//);
    expect(ex!.findings).toContainEqual({ rule: 'BCC-CLIENT-SIGNATURE', ok: true, detail: `signed by ${ak}` });
    expect(ex!.findings).toContainEqual(expect.objectContaining({ rule: 'BCC-CLIENT-ENCRYPTION', ok: true }));
    // The official SDK (with the kit's encryption) breaks no client-side rule.
    expect(ex!.findings.filter((f) => !f.ok)).toEqual([]);
    expect(ex!.findings.map((f) => f.rule).sort()).toEqual(['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE']);
  });

  it('(c) a Starting instance: the SDK rejects with status_code 409 and code Instance.PasswordOperationForbidden', async () => {
    await h.setup('bcc instance', { instanceId: 'i-starting', status: 'Starting', adminPass: 'Orig1234!' });
    const failure = await failureOf(changePass(bccClient(), 'i-starting', NEW_PASS));
    // `code` is only surfaced because the simulator's error body carries `requestId`.
    expect(failure).toMatchObject({ status_code: 409, code: 'Instance.PasswordOperationForbidden' });
    expect(failure.request_id).toEqual(expect.any(String));
    expect(failure.message).toEqual(expect.stringContaining('Running or Stopped'));
    expect(await h.inspect({ service: 'bcc', instanceId: 'i-starting' })).toMatchObject({ password: 'Orig1234!' });
  });

  it('(d) a wrong SK in the SDK config: the SDK rejects with code SignatureDoesNotMatch', async () => {
    await h.setup('bcc instance', { instanceId: 'i-badsk', status: 'Running', adminPass: 'Orig1234!' });
    const wrongSk = 'sim-bcc-WRONG-secret-key-0000001';
    const failure = await failureOf(changePass(bccClient(wrongSk), 'i-badsk', NEW_PASS, wrongSk));
    expect(failure).toMatchObject({ status_code: 400, code: 'SignatureDoesNotMatch' });
    expect(await h.inspect({ service: 'bcc', instanceId: 'i-badsk' })).toMatchObject({ password: 'Orig1234!' });
    const ex = h.lastExchange('/v2/instance/i-badsk');
    expect(ex!.findings).toContainEqual(expect.objectContaining({ rule: 'BCC-CLIENT-SIGNATURE', ok: false }));
  });
});
