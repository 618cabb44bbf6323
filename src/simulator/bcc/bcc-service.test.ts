import { describe, it, expect, beforeEach } from 'vitest';
import { createSimulator, type Simulator } from '../simulator.ts';
import { bccChange, inspect, send, state, BASE } from '../sim-test-kit.ts';
import { DEFAULT_CREDENTIALS } from '../../auth/default-credentials.ts';
import { buildBccDescribe } from '../../requests/bcc-requests.ts';
import { signBceRequest } from '../../auth/bce-auth-v1.ts';

const GOOD = 'Abc12345!';
let sim: Simulator;

beforeEach(async () => {
  sim = createSimulator();
  await state(sim, 'bcc instance', { instanceId: 'i-run', status: 'Running', adminPass: 'Orig1234!' });
});

describe('BCC changePass on the simulator', () => {
  it('accepts an encrypted valid password and stores the plaintext', async () => {
    const a = await bccChange(sim, { instanceId: 'i-run', password: GOOD });
    expect(a.status).toBe(200);
    expect(a.json).toEqual({});
    expect(a.headers.get('x-bce-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect((await inspect(sim, 'bcc', 'i-run')).password).toBe(GOOD);
  });

  it('accepts both ?changePass and ?changePass=, and explicit or empty signed-header lists', async () => {
    for (const queryForm of ['bare', 'empty'] as const) {
      for (const signedHeaders of [undefined, 'default' as const, ['host'], ['host', 'x-bce-date']]) {
        const a = await bccChange(sim, { instanceId: 'i-run', password: GOOD, queryForm, signedHeaders });
        expect(a.status, `${queryForm} ${JSON.stringify(signedHeaders)}`).toBe(200);
      }
    }
  });

  it('accepts a path sent with escaped unreserved characters and lowercase hex', async () => {
    const req = await signBceRequest(
      new Request(`${BASE}/v2/instance/i%2drun?changePass`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ adminPass: (await import('../../auth/password-cipher.ts')).encryptAdminPass(GOOD, DEFAULT_CREDENTIALS.bcc.secretAccessKey) }) }),
      DEFAULT_CREDENTIALS.bcc,
      { timestamp: new Date() },
    );
    expect((await send(sim, req, 'changeInstancePassword', 'bcc')).status).toBe(200);
  });

  it('lets Running and Stopped change; every other status gets 409 and keeps the password', async () => {
    for (const status of sim.contracts.bcc.allStatuses) {
      await state(sim, 'bcc instance', { instanceId: 'i-x', status, adminPass: 'Orig1234!' });
      const a = await bccChange(sim, { instanceId: 'i-x', password: GOOD });
      if (status === 'Running' || status === 'Stopped') {
        expect(a.status, status).toBe(200);
      } else {
        expect(a.status, status).toBe(409);
        expect(a.json.code).toBe('Instance.PasswordOperationForbidden');
        expect((await inspect(sim, 'bcc', 'i-x')).password).toBe('Orig1234!');
      }
    }
  });

  it('answers 404 NoSuchObject for an unknown instance', async () => {
    const a = await bccChange(sim, { instanceId: 'i-nope', password: GOOD });
    expect([a.status, a.json.code]).toEqual([404, 'NoSuchObject']);
    expect(Object.keys(a.json).sort()).toEqual(['code', 'message', 'requestId']);
  });

  it.each([
    ['too short', 'Ab1!xyz'],
    ['too long', 'Ab1!' + 'x'.repeat(29)],
    ['no symbol', 'Abcdefg1'],
    ['no digit', 'Abcdefg!'],
    ['no letter', '1234567!'],
    ['ampersand', 'Abcdef1&'],
    ['space', 'Abc def1!'],
    ['non-ASCII letter', 'Äbcdef1!'],
  ])('rejects a password that is %s with 400 BadRequest and keeps the old one', async (_name, pw) => {
    const a = await bccChange(sim, { instanceId: 'i-run', password: pw });
    expect([a.status, a.json.code]).toEqual([400, 'BadRequest']);
    expect((await inspect(sim, 'bcc', 'i-run')).password).toBe('Orig1234!');
  });

  it('rejects a plaintext or wrongly keyed adminPass and changes nothing', async () => {
    for (const fault of ['plaintext-password', 'wrong-encryption-key'] as const) {
      const a = await bccChange(sim, { instanceId: 'i-run', password: GOOD, fault });
      expect(a.status, fault).toBe(400);
      expect((await inspect(sim, 'bcc', 'i-run')).password).toBe('Orig1234!');
    }
    const failed = sim.recorder.exchanges().flatMap((e) => e.findings).filter((f) => !f.ok);
    expect(failed.map((f) => f.rule)).toEqual(['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-ENCRYPTION'].slice(1));
    expect(failed.map((f) => f.detail.split(':')[0])).toEqual(['not-hex', 'bad-padding']);
  });

  it.each([
    ['no-signature', 403, 'AccessDenied'],
    ['garbled-signature', 400, 'SignatureDoesNotMatch'],
    ['wrong-key', 400, 'SignatureDoesNotMatch'],
    ['unknown-key', 403, 'InvalidAccessKeyId'],
    ['stale-date', 400, 'RequestExpired'],
    ['future-date', 400, 'RequestExpired'],
    ['malformed-auth-header', 400, 'InvalidHTTPAuthHeader'],
    ['body-after-signing', 400, 'SignatureDoesNotMatch'],
    ['path-after-signing', 400, 'SignatureDoesNotMatch'],
  ] as const)('rejects %s with %i %s and changes nothing', async (fault, status, code) => {
    const a = await bccChange(sim, { instanceId: 'i-run', password: GOOD, fault });
    expect([a.status, a.json.code]).toEqual([status, code]);
    expect((await inspect(sim, 'bcc', 'i-run')).password).toBe('Orig1234!');
  });

  it('reads an instance with describeInstance', async () => {
    const req = await buildBccDescribe({ baseUrl: BASE, instanceId: 'i-run', credentials: DEFAULT_CREDENTIALS.bcc });
    const a = await send(sim, req, 'describeInstance', 'bcc');
    expect(a.json).toEqual({ instance: { id: 'i-run', name: 'i-run', status: 'Running' } });
  });
});

describe('BCC readings (ambiguities)', () => {
  it('BCC-A1 stopped-only refuses Running', async () => {
    const s = createSimulator({ variants: { 'BCC-A1': 'stopped-only' } });
    await state(s, 'bcc instance', { instanceId: 'i-run', status: 'Running' });
    expect((await bccChange(s, { instanceId: 'i-run', password: GOOD })).status).toBe(409);
  });

  it('BCC-A2 three-of-four accepts a password without symbols', async () => {
    const s = createSimulator({ variants: { 'BCC-A2': 'three-of-four' } });
    await state(s, 'bcc instance', { instanceId: 'i-run', status: 'Running' });
    expect((await bccChange(s, { instanceId: 'i-run', password: 'Abcdefg1' })).status).toBe(200);
    expect((await bccChange(sim, { instanceId: 'i-run', password: 'Abcdefg1' })).status).toBe(400);
  });

  it('BCC-A3 example-literal takes a non-hex adminPass as the password', async () => {
    const s = createSimulator({ variants: { 'BCC-A3': 'example-literal' } });
    await state(s, 'bcc instance', { instanceId: 'i-run', status: 'Running' });
    expect((await bccChange(s, { instanceId: 'i-run', password: GOOD, fault: 'plaintext-password' })).status).toBe(200);
    expect((await inspect(s, 'bcc', 'i-run')).password).toBe(GOOD);
  });

  it('BCC-A4 empty-body answers 200 with no body', async () => {
    const s = createSimulator({ variants: { 'BCC-A4': 'empty-body' } });
    await state(s, 'bcc instance', { instanceId: 'i-run', status: 'Running' });
    const res = await s.handle(await (await import('../../requests/bcc-requests.ts')).buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-run', password: GOOD, credentials: DEFAULT_CREDENTIALS.bcc }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('BCC-A5 invalid-http-request changes the code for a bad password', async () => {
    const s = createSimulator({ variants: { 'BCC-A5': 'invalid-http-request' } });
    await state(s, 'bcc instance', { instanceId: 'i-run', status: 'Running' });
    expect((await bccChange(s, { instanceId: 'i-run', password: 'short' })).json.code).toBe('InvalidHTTPRequest');
  });
});
