/**
 * Regression tests of issue 12 (hostile input): each block names the defect it pins down.
 * Each one failed on the simulator before its fix.
 */
import { describe, it, expect } from 'vitest';
import { createSimulator, type Simulator } from './simulator.ts';
import { BASE, bccChange, dcsChange, inspect, state } from './sim-test-kit.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { verifySdkHmac } from './auth/hmac-verifier.ts';
import { secretLookup } from '../auth/default-credentials.ts';
import { signBceWire } from '../../test/hostile/wire-sign.ts';
import { shippedFacts } from '../contract/shipped-facts.ts';
/** The spec's tolerance for clock skew either way. */
const DCS_AUTH = { maxSkewSeconds: shippedFacts('dcs').auth.maxClockSkewSeconds! };

async function setUp(options: Parameters<typeof createSimulator>[0] = {}): Promise<Simulator> {
  const sim = createSimulator(options);
  await state(sim, 'bcc instance', { instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
  await state(sim, 'dcs instance', { projectId: 'proj-1', instanceId: 'inst-1', status: 'RUNNING', password: 'OldPass@123' });
  return sim;
}

const bccBody = (password: string) => JSON.stringify({ adminPass: encryptAdminPass(password, DEFAULT_CREDENTIALS.bcc.secretAccessKey) });
const signedBcc = (pathAndQuery: string, body: string, expirationSeconds?: number) =>
  signBceRequest(new Request(`${BASE}${pathAndQuery}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body }), DEFAULT_CREDENTIALS.bcc, { timestamp: new Date(), expirationSeconds });
const signedDcs = (pathAndQuery: string, body: string, projectId = 'proj-1') =>
  signSdkHmacRequest(new Request(`${BASE}${pathAndQuery}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body }), { ...DEFAULT_CREDENTIALS.dcs, projectId }, { date: new Date() });

describe('defect 1: query escapes that are not UTF-8 never make a 5xx', () => {
  for (const query of ['%FF=1&changePass', '%C3&changePass', 'changePass&%E2%82', 'changePass&a=%FF%FE']) {
    it(`BCC ?${query} is answered as a named action, not 500`, async () => {
      const sim = await setUp();
      // Signed byte for byte: the kit's signer, like the SDKs, cannot express a key that is not UTF-8.
      const wire = { method: 'PUT', rawPath: '/v2/instance/i-1', rawQuery: query, headers: { host: 'sim.test', 'content-type': 'application/json' }, body: new TextEncoder().encode(bccBody('Abc12345!')) };
      const answer = await sim.handleWire({ ...wire, headers: new Headers(signBceWire(wire, DEFAULT_CREDENTIALS.bcc)) });
      expect(answer.status, answer.body).toBe(200);
      expect((await inspect(sim, 'bcc', 'i-1')).password).toBe('Abc12345!');
    });
  }

  it('a path id whose escapes are not UTF-8 is answered 404 in the vendor format', async () => {
    const sim = await setUp();
    const res = await sim.handle(await signedBcc('/v2/instance/i-%FF?changePass', bccBody('Abc12345!')));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NoSuchObject' });
  });
});

describe('defect 2: a state call cannot break the server', () => {
  for (const advanceSeconds of [5e12, 1e300, -1, Number.MAX_SAFE_INTEGER]) {
    it(`clock advance ${advanceSeconds} is refused without being applied, and both services keep working`, async () => {
      const sim = await setUp();
      const before = sim.clock.now().getTime();
      for (let i = 0; i < 2; i++) {
        const res = await state(sim, 'clock', { advanceSeconds });
        expect(res.status).toBe(400);
        expect(String(res.json.error)).toMatch(/advanceSeconds/);
      }
      expect(Number.isFinite(sim.clock.now().getTime())).toBe(true);
      expect(sim.clock.now().getTime() - before).toBeLessThan(60_000);
      expect((await bccChange(sim, { instanceId: 'i-1', password: 'Abc12345!' })).status).toBe(200);
      expect((await dcsChange(sim, { projectId: 'proj-1', instanceId: 'inst-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456' })).json.result).toBe('success');
    });
  }

  it('a large but sane advance still works and the clock stays monotonic', async () => {
    const sim = await setUp();
    const before = sim.clock.now().getTime();
    expect((await state(sim, 'clock', { advanceSeconds: 10 * 365 * 86_400 })).status).toBe(200);
    expect(sim.clock.now().getTime()).toBeGreaterThan(before);
  });

  it('an internal failure answers the vendor 500 shape, is logged with its stack, and the next request is served', async () => {
    const logged: unknown[] = [];
    const sim = await setUp({ onInternalError: (error) => logged.push(error) });
    const real = sim.store.getDcs.bind(sim.store);
    sim.store.getDcs = () => {
      throw new Error('boom in the store');
    };
    const broken = await sim.handle(await signedDcs('/v2/proj-1/instances/inst-1/password', JSON.stringify({ old_password: 'OldPass@123', new_password: 'NewPass@456' })));
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error_code: 'DCS.5000', error_msg: expect.any(String), error_ext_msg: null });
    expect(logged).toHaveLength(1);
    expect((logged[0] as Error).stack).toMatch(/boom in the store/);
    sim.store.getDcs = real;
    expect((await dcsChange(sim, { projectId: 'proj-1', instanceId: 'inst-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456' })).json.result).toBe('success');
  });

  it('a failing recorder does not turn an answer into a 500', async () => {
    const logged: unknown[] = [];
    const sim = await setUp({ onInternalError: (error) => logged.push(error) });
    sim.recorder.record = () => {
      throw new Error('recorder broke');
    };
    expect((await bccChange(sim, { instanceId: 'i-1', password: 'Abc12345!' })).status).toBe(200);
    expect(logged).toHaveLength(1);
  });
});

describe('defect 3: Authorization parsing is linear and bounded', () => {
  const lookup = secretLookup([DEFAULT_CREDENTIALS.dcs]);
  const request = (authorization: string) => ({
    method: 'PUT', rawPath: '/v2/p/instances/i/password', rawQuery: '', body: new Uint8Array(),
    headers: new Headers({ authorization, 'x-sdk-date': '20250101T000000Z', host: 'x' }),
  });

  it('a header longer than the bound is refused as malformed, naming the bound', () => {
    const result = verifySdkHmac(request(`SDK-HMAC-SHA256 Access=x${' '.repeat(16_000)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`), lookup, new Date(), DCS_AUTH);
    expect(result).toMatchObject({ ok: false, failure: 'malformed' });
    expect(!result.ok && result.detail).toMatch(/longer than \d+ characters/);
  });

  it('3,900 spaces inside a value (under the bound) are parsed and refused for what they are', () => {
    const result = verifySdkHmac(request(`SDK-HMAC-SHA256 Access=x${' '.repeat(3_900)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`), lookup, new Date(), DCS_AUTH);
    expect(result).toMatchObject({ ok: false, failure: 'unknown-key' });
  });

  it('spaces around names and values are still tolerated under the bound', () => {
    const result = verifySdkHmac(request(`SDK-HMAC-SHA256   Access = ${DEFAULT_CREDENTIALS.dcs.accessKeyId}  ,SignedHeaders=  host;x-sdk-date ,  Signature=${'a'.repeat(64)}   `), lookup, new Date('2025-01-01T00:00:00Z'), DCS_AUTH);
    expect(result).toMatchObject({ ok: false, failure: 'mismatch' });
  });

  it('a field without "=" or with a bad name is malformed', () => {
    for (const bad of ['SDK-HMAC-SHA256 Access', 'SDK-HMAC-SHA256 Acc ess=x', 'SDK-HMAC-SHA256 Access=x, Other=y', 'SDK-HMAC-SHA256', 'SDK-HMAC-SHA256Access=x']) {
      expect(verifySdkHmac(request(bad), lookup, new Date(), DCS_AUTH)).toMatchObject({ ok: false, failure: 'malformed' });
    }
  });
});

describe('defect 5: store keys cannot alias', () => {
  it('project p with instance x\\0i does not reach instance i of project p\\0x', async () => {
    const sim = await setUp();
    await state(sim, 'dcs instance', { projectId: 'p\u0000x', instanceId: 'i', status: 'RUNNING', password: 'OldPass@123' });
    const res = await sim.handle(await signedDcs('/v2/p/instances/x%00i/password', JSON.stringify({ old_password: 'OldPass@123', new_password: 'NewPass@456' }), 'p'));
    expect(res.status).toBe(404);
    expect(sim.store.getDcs('p\u0000x', 'i')!.password).toBe('OldPass@123');
  });
});

describe('defect 6: the exchange log is bounded in bytes', () => {
  it('keeps at most its byte budget, drops the oldest first and counts what it dropped', async () => {
    const sim = await setUp({ recordBytes: 256 * 1024 });
    const junk = 'x'.repeat(60 * 1024);
    for (let i = 0; i < 40; i++) {
      await sim.handle(new Request(`${BASE}/v2/instance/i-${i}?changePass`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: junk }));
    }
    const log = sim.recorder.exchanges();
    expect(sim.recorder.bytes).toBeLessThanOrEqual(256 * 1024);
    expect(sim.recorder.dropped).toBeGreaterThan(0);
    expect(log.length + sim.recorder.dropped).toBe(40); // state calls are not recorded
    expect(log.at(-1)!.request.path).toBe('/v2/instance/i-39');
    expect(log[0]!.seq).toBe(sim.recorder.dropped + 1);
  });
});

describe('defect 9: answers a gateway would not give', () => {
  it('a BCC signature valid for more than the bound is refused as malformed', async () => {
    const sim = await setUp();
    const res = await sim.handle(await signedBcc('/v2/instance/i-1?changePass', bccBody('Abc12345!'), 9_999_999_999));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'InvalidHTTPAuthHeader', message: expect.stringMatching(/at most 604800/) });
  });

  it('a body starting with a UTF-8 BOM is accepted (RFC 8259 §8.1) but judged a client fault', async () => {
    const sim = await setUp();
    const res = await sim.handle(await signedDcs('/v2/proj-1/instances/inst-1/password', `\ufeff${JSON.stringify({ old_password: 'OldPass@123', new_password: 'NewPass@456' })}`));
    expect(res.status).toBe(200);
    const body = sim.recorder.exchanges().at(-1)!.findings.find((f) => f.rule === 'DCS-CLIENT-BODY');
    expect(body).toMatchObject({ ok: false, detail: expect.stringMatching(/byte order mark/) });
  });
});
