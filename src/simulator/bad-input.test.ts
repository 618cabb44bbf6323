import { describe, it, expect, beforeAll } from 'vitest';
import { createSimulator, type Simulator } from './simulator.ts';
import { BASE, send, state } from './sim-test-kit.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = createSimulator({ maxBodyBytes: 1024 });
  await state(sim, 'bcc instance', { instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
  await state(sim, 'dcs instance', { projectId: 'p1', instanceId: 'inst-1', status: 'RUNNING', password: 'OldPass@123' });
});

type Body = string | Uint8Array<ArrayBuffer>;
const bcc = async (body: Body, opts: { contentType?: string; path?: string; method?: string } = {}) =>
  signBceRequest(
    new Request(`${BASE}${opts.path ?? '/v2/instance/i-1?changePass'}`, { method: opts.method ?? 'PUT', headers: opts.contentType === '' ? {} : { 'content-type': opts.contentType ?? 'application/json' }, body: opts.method === 'GET' ? undefined : body }),
    DEFAULT_CREDENTIALS.bcc,
    { timestamp: new Date() },
  );
const dcs = async (body: Body, opts: { contentType?: string; path?: string; method?: string } = {}) =>
  signSdkHmacRequest(
    new Request(`${BASE}${opts.path ?? '/v2/p1/instances/inst-1/password'}`, { method: opts.method ?? 'PUT', headers: { 'content-type': opts.contentType ?? 'application/json' }, body: opts.method === 'GET' ? undefined : body }),
    { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p1' },
    { date: new Date() },
  );

const notUtf8 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);

// Each kind of bad input: the BCC and DCS request, and the code each vendor documents (or the kit chose).
const cases: Array<[string, () => Promise<Request>, string, () => Promise<Request>, string]> = [
  ['malformed JSON', () => bcc('{"adminPass": '), 'MalformedJSON', () => dcs('{"old_password": '), 'DCS.4005'],
  ['empty body', () => bcc(''), 'MalformedJSON', () => dcs(''), 'DCS.4004'],
  ['wrong content type', () => bcc('adminPass=x', { contentType: 'application/x-www-form-urlencoded' }), 'InvalidHTTPRequest', () => dcs('x', { contentType: 'text/plain' }), 'DCS.4005'],
  ['bytes that are not UTF-8', () => bcc(notUtf8), 'MalformedJSON', () => dcs(notUtf8), 'DCS.4005'],
  ['a JSON array instead of an object', () => bcc('[1]'), 'InvalidHTTPRequest', () => dcs('[1]'), 'DCS.4019'],
  ['missing field', () => bcc('{}'), 'InvalidHTTPRequest', () => dcs('{"new_password":"NewPass@456"}'), 'DCS.4019'],
  ['mistyped field (number)', () => bcc('{"adminPass": 12345678}'), 'InvalidHTTPRequest', () => dcs('{"old_password":"OldPass@123","new_password":12345678}'), 'DCS.4019'],
  ['null field', () => bcc('{"adminPass": null}'), 'InvalidHTTPRequest', () => dcs('{"old_password":null,"new_password":"NewPass@456"}'), 'DCS.4019'],
  ['oversize body', () => bcc(JSON.stringify({ adminPass: 'a'.repeat(2000) })), 'EntityTooLarge', () => dcs(JSON.stringify({ old_password: 'a'.repeat(2000), new_password: 'x' })), 'APIGW.0201'],
  ['unknown path', () => bcc('{}', { path: '/v2/instance/i-1/extra' }), 'NoSuchObject', () => dcs('{}', { path: '/v2/p1/instances/inst-1/passwords' }), 'APIGW.0101'],
  ['unknown method', () => bcc('{}', { method: 'POST' }), 'MethodNotAllowed', () => dcs('{}', { method: 'POST' }), 'APIGW.0101'],
  ['missing action query', () => bcc('{}', { path: '/v2/instance/i-1' }), 'InvalidHTTPRequest', () => dcs('{"old_password":"x"}', { path: '/v2/p1/instances/inst-1/password?x=1' }), 'DCS.4019'],
];

describe('bad input never crashes the simulator: documented 4xx and error body', () => {
  for (const [kind, makeBcc, bccCode, makeDcs, dcsCode] of cases) {
    it(kind, async () => {
      const b = await sim.handle(await makeBcc());
      const bBody = (await b.json()) as Record<string, unknown>;
      expect([b.status >= 400 && b.status < 500, bBody.code], `BCC ${b.status} ${JSON.stringify(bBody)}`).toEqual([true, bccCode]);
      expect(Object.keys(bBody).sort()).toEqual(['code', 'message', 'requestId']);
      expect(b.headers.get('x-bce-request-id')).toBeTruthy();
      const d = await sim.handle(await makeDcs());
      const dBody = (await d.json()) as Record<string, unknown>;
      expect([d.status >= 400 && d.status < 500, dBody.error_code], `DCS ${d.status} ${JSON.stringify(dBody)}`).toEqual([true, dcsCode]);
      expect(Object.keys(dBody).sort()).toEqual(['error_code', 'error_ext_msg', 'error_msg']);
    });
  }

  it('answers an unsigned request to an unknown path in the look-alike vendor format', async () => {
    const r = await sim.handle(new Request(`${BASE}/nothing/here`));
    expect(r.status).toBe(404);
    expect(((await r.json()) as Record<string, unknown>).error_code).toBe('APIGW.0101');
  });

  it('documents every bad-input response in the spec', async () => {
    for (const [, makeBcc, , makeDcs] of cases.filter(([k]) => !['unknown path', 'unknown method'].includes(k))) {
      await send(sim, await makeBcc(), 'changeInstancePassword', 'bcc');
      await send(sim, await makeDcs(), 'updatePassword', 'dcs');
    }
  });
});
