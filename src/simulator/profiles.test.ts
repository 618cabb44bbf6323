import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword, buildDcsShow } from '../requests/dcs-requests.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { PROFILES, SILENT_PLACES, profileNamed, type ProfileName } from './profiles.ts';
import { createSimulator, type Simulator } from './simulator.ts';
import { BASE, state } from './sim-test-kit.ts';

const OLD = 'OldPass@123';
const NEW = 'NewPass@456';
const BCC_OK = 'Abc12345!';
const PROJECT = 'proj-1';
const bccCreds = DEFAULT_CREDENTIALS.bcc;
const dcsCreds = { ...DEFAULT_CREDENTIALS.dcs, projectId: PROJECT };

/** "STATUS CODE" of an answer (the code from either vendor's error body), or the body of a 200. */
async function answer(sim: Simulator, request: Request): Promise<{ status: number; code: string; json: Record<string, unknown> }> {
  const res = await sim.handle(request);
  const text = await res.text();
  const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  return { status: res.status, code: String(json.code ?? json.error_code ?? ''), json };
}
const short = async (sim: Simulator, request: Request): Promise<string> => {
  const a = await answer(sim, request);
  return a.status === 200 ? `200 ${String(a.json.result ?? JSON.stringify(a.json))}` : `${a.status} ${a.code}`;
};

async function simulator(profile: ProfileName): Promise<Simulator> {
  const sim = createSimulator({ profile });
  await state(sim, 'bcc instance', { instanceId: 'i-run', status: 'Running', password: 'Old12345!' });
  await state(sim, 'bcc instance', { instanceId: 'i-starting', status: 'Starting', password: 'Old12345!' });
  await state(sim, 'dcs instance', { projectId: PROJECT, instanceId: 'inst-1', status: 'RUNNING', password: OLD });
  await state(sim, 'dcs instance', { projectId: PROJECT, instanceId: 'inst-frozen', status: 'FROZEN', password: OLD });
  return sim;
}

const bccChange = (password: string, extra: { instanceId?: string; rawBody?: string; fault?: 'no-signature' | 'malformed-auth-header' } = {}) =>
  buildBccChangePassword({ baseUrl: BASE, credentials: bccCreds, instanceId: extra.instanceId ?? 'i-run', password, rawBody: extra.rawBody, fault: extra.fault });
const dcsChange = (oldPassword: string, newPassword: string, extra: { instanceId?: string; fault?: 'no-signature' | 'malformed-auth-header' | 'unknown-key' | 'project-header-mismatch' } = {}) =>
  buildDcsChangePassword({ baseUrl: BASE, credentials: dcsCreds, projectId: PROJECT, instanceId: extra.instanceId ?? 'inst-1', oldPassword, newPassword, fault: extra.fault });

async function bccSigned(method: string, path: string, body: string | Uint8Array<ArrayBuffer> | undefined, contentType = 'application/json'): Promise<Request> {
  const request = new Request(`${BASE}${path}`, { method, headers: body === undefined ? {} : { 'content-type': contentType }, body });
  return signBceRequest(request, bccCreds, { timestamp: new Date() });
}
async function dcsSigned(method: string, path: string, body: string | undefined, contentType = 'application/json'): Promise<Request> {
  const request = new Request(`${BASE}${path}`, { method, headers: body === undefined ? {} : { 'content-type': contentType }, body });
  return signSdkHmacRequest(request, dcsCreds, { date: new Date() });
}
const dcsPath = (id = 'inst-1') => `/v2/${PROJECT}/instances/${encodeURIComponent(id)}/password`;
const dcsBody = (old: string, next: string) => JSON.stringify({ old_password: old, new_password: next });
const wrongTimes = async (sim: Simulator, n: number) => {
  for (let i = 0; i < n; i++) await answer(sim, await dcsChange('Wrong@1234', NEW));
};

/**
 * One probe per silent place: what the simulator answers there, and what each profile must
 * answer (default first, alternate second).
 */
const PROBES: Record<string, { probe: (sim: Simulator) => Promise<string>; expected: [string, string] }> = {
  'bcc-policy-code': { probe: async (s) => short(s, await bccChange('short1!')), expected: ['400 BadRequest', '400 InvalidParameter'] },
  'bcc-not-utf8-code': { probe: async (s) => short(s, await bccSigned('PUT', '/v2/instance/i-run?changePass', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))), expected: ['400 MalformedJSON', '400 InvalidParameter'] },
  'bcc-not-object-code': { probe: async (s) => `${await short(s, await bccChange('x', { rawBody: '[1]' }))}; ${await short(s, await bccChange('x', { rawBody: '{"adminPass":5}' }))}`, expected: ['400 InvalidHTTPRequest; 400 InvalidHTTPRequest', '400 InvalidParameter; 400 InvalidParameter'] },
  'bcc-bad-ciphertext-code': { probe: async (s) => short(s, await bccChange('x', { rawBody: '{"adminPass":"zz"}' })), expected: ['400 BadRequest', '400 InvalidParameter'] },
  'bcc-auth-missing': { probe: async (s) => short(s, await bccChange(BCC_OK, { fault: 'no-signature' })), expected: ['403 AccessDenied', '401 AuthorizationRequired'] },
  'bcc-auth-malformed': { probe: async (s) => short(s, await bccChange(BCC_OK, { fault: 'malformed-auth-header' })), expected: ['400 InvalidHTTPAuthHeader', '403 AccessDenied'] },
  'bcc-unknown-route': { probe: async (s) => short(s, await bccSigned('GET', '/v2/instances/i-run', undefined)), expected: ['404 NoSuchObject', '400 InvalidURI'] },
  'bcc-wrong-method': { probe: async (s) => short(s, await bccSigned('DELETE', '/v2/instance/i-run', undefined)), expected: ['405 MethodNotAllowed', '404 ResourceNotFound'] },
  'bcc-body-too-large': { probe: async (s) => short(s, await bccSigned('PUT', '/v2/instance/i-run?changePass', JSON.stringify({ adminPass: 'a'.repeat(70_000) }))), expected: ['413 EntityTooLarge', '400 RequestTooLarge'] },
  'bcc-order-policy-status': { probe: async (s) => short(s, await bccChange('short1!', { instanceId: 'i-starting' })), expected: ['409 Instance.PasswordOperationForbidden', '400 InvalidParameter'] },
  'bcc-media-type': {
    probe: async (s) => (await short(s, await bccSigned('PUT', '/v2/instance/i-run?changePass', JSON.stringify({ adminPass: encryptAdminPass(BCC_OK, bccCreds.secretAccessKey) }), 'text/plain'))).replace(/^200 .*/, '200'),
    expected: ['400 InvalidHTTPRequest', '200'],
  },
  'bcc-success-body': {
    probe: async (s) => {
      const a = await answer(s, await bccChange(BCC_OK));
      return `${a.status} ${Object.keys(a.json).join(',') || '{}'}`;
    },
    expected: ['200 {}', '200 requestId'],
  },
  'dcs-same-as-old-code': { probe: async (s) => short(s, await dcsChange(OLD, OLD)), expected: ['400 DCS.4019', '400 DCS.4800'] },
  'dcs-length-charset-code': {
    probe: async (s) => [await short(s, await dcsChange(OLD, 'Ab1@xyz')), await short(s, await dcsChange(OLD, 'Abc def1@')), await short(s, await dcsChange(OLD, 'abcdefgh1'))].join('; '),
    expected: ['400 DCS.4019; 400 DCS.4019; 400 DCS.4019', '400 DCS.4020; 400 DCS.4020; 400 DCS.4019'],
  },
  'dcs-status-code': { probe: async (s) => short(s, await dcsChange(OLD, NEW, { instanceId: 'inst-frozen' })), expected: ['400 DCS.4049', '400 DCS.4026'] },
  'dcs-auth-missing': {
    probe: async (s) => {
      const req = await dcsChange(OLD, NEW);
      const empty = new Request(req, { headers: (() => { const h = new Headers(req.headers); h.set('authorization', ''); return h; })() });
      return `${await short(s, await dcsChange(OLD, NEW, { fault: 'no-signature' }))}; ${await short(s, empty)}`;
    },
    expected: ['401 APIGW.0301; 401 APIGW.0301', '401 APIGW.0302; 401 APIGW.0302'],
  },
  'dcs-auth-malformed': { probe: async (s) => short(s, await dcsChange(OLD, NEW, { fault: 'malformed-auth-header' })), expected: ['401 APIGW.0301', '401 APIGW.0302'] },
  'dcs-auth-unknown-key': { probe: async (s) => short(s, await dcsChange(OLD, NEW, { fault: 'unknown-key' })), expected: ['401 APIGW.0301', '403 APIGW.0306'] },
  'dcs-project-mismatch': { probe: async (s) => short(s, await dcsChange(OLD, NEW, { fault: 'project-header-mismatch' })), expected: ['401 APIGW.0301', '401 DCS.1004'] },
  'dcs-unknown-route': { probe: async (s) => short(s, await dcsSigned('GET', `/v2/${PROJECT}/clusters`, undefined)), expected: ['404 APIGW.0101', '404 APIGW.0002'] },
  'dcs-wrong-method': { probe: async (s) => short(s, await dcsSigned('DELETE', dcsPath(), undefined)), expected: ['404 APIGW.0101', '405 APIGW.0105'] },
  'dcs-body-too-large': { probe: async (s) => short(s, await dcsSigned('PUT', dcsPath(), dcsBody(OLD, 'a'.repeat(70_000)))), expected: ['413 APIGW.0201', '400 APIGW.0202'] },
  'dcs-id-format': {
    probe: async (s) => `${await short(s, await dcsChange(OLD, NEW, { instanceId: 'no such id' }))}; ${await short(s, await dcsChange(OLD, NEW, { instanceId: 'inst-unknown' }))}; ${await short(s, await buildDcsShow({ baseUrl: BASE, projectId: PROJECT, instanceId: 'é', credentials: dcsCreds }))}`,
    expected: ['404 DCS.3022; 404 DCS.3022; 404 DCS.3022', '400 DCS.4001; 404 DCS.3022; 400 DCS.4001'],
  },
  'dcs-order-status-policy': { probe: async (s) => short(s, await dcsChange(OLD, 'short', { instanceId: 'inst-frozen' })), expected: ['400 DCS.4019', '400 DCS.4026'] },
  'dcs-order-old-new': {
    probe: async (s) => {
      const first = await short(s, await dcsChange('Wrong@1234', 'short'));
      const next = await answer(s, await dcsChange('Wrong@1234', NEW));
      return `${first}; then retry_times_left ${String(next.json.retry_times_left)}`;
    },
    expected: ['400 DCS.4019; then retry_times_left 4', '200 passwordFailed; then retry_times_left 3'],
  },
  'dcs-trailing-slash': { probe: async (s) => short(s, await dcsSigned('PUT', `${dcsPath()}/`, dcsBody(OLD, NEW))), expected: ['200 success', '404 APIGW.0002'] },
  'dcs-media-type': { probe: async (s) => short(s, await dcsSigned('PUT', dcsPath(), dcsBody(OLD, NEW), 'text/plain')), expected: ['400 DCS.4005', '200 success'] },
  'dcs-lock-time-before-lock': {
    probe: async (s) => {
      const wrong = await answer(s, await dcsChange('Wrong@1234', NEW));
      const ok = await answer(s, await dcsChange(OLD, NEW));
      return `${String(wrong.json.lock_time)},${String(ok.json.lock_time)}`;
    },
    expected: ['0,0', '5,5'],
  },
  'dcs-lock-left-rounding': {
    probe: async (s) => {
      await wrongTimes(s, 5);
      await state(s, 'clock', { advanceSeconds: 90 });
      return String((await answer(s, await dcsChange(OLD, NEW))).json.lock_time_left);
    },
    expected: ['4', '3'],
  },
  'dcs-lock-extends': {
    probe: async (s) => {
      await wrongTimes(s, 5);
      await state(s, 'clock', { advanceSeconds: 200 });
      const during = await answer(s, await dcsChange('Wrong@1234', NEW));
      await state(s, 'clock', { advanceSeconds: 120 }); // 320 s after the lock began
      const after = await answer(s, await dcsChange(OLD, NEW));
      return `${String(during.json.result)} ${String(during.json.lock_time_left)}; ${String(after.json.result)}`;
    },
    expected: ['locked 2; success', 'locked 5; locked'],
  },
  'dcs-invalid-new-count': {
    probe: async (s) => {
      await wrongTimes(s, 2);
      const refused = await answer(s, await dcsChange(OLD, 'x'));
      const next = await answer(s, await dcsChange('Wrong@1234', NEW));
      return `${refused.status}; then retry_times_left ${String(next.json.retry_times_left)}`;
    },
    expected: ['400; then retry_times_left 2', '400; then retry_times_left 4'],
  },
  'dcs-success-message': { probe: async (s) => `message ${'message' in (await answer(s, await dcsChange(OLD, NEW))).json ? 'present' : 'absent'}`, expected: ['message present', 'message absent'] },
};

describe('simulator profiles', () => {
  it('has a probe for every silent place and a silent place for every probe', () => {
    expect(Object.keys(PROBES).sort()).toEqual(SILENT_PLACES.map((p) => p.id).sort());
  });

  it('names each silent place once, with both choices and the silent document', () => {
    expect(new Set(SILENT_PLACES.map((p) => p.id)).size).toBe(SILENT_PLACES.length);
    for (const p of SILENT_PLACES) {
      expect(p.defaultChoice).not.toBe(p.alternateChoice);
      expect(p.silentIn.length, p.id).toBeGreaterThan(10);
      expect(p.id.startsWith(p.service), p.id).toBe(true);
    }
  });

  it('ARCHITECTURE.md lists every silent place with both choices', () => {
    const doc = readFileSync(new URL('../../ARCHITECTURE.md', import.meta.url), 'utf8');
    const missing = SILENT_PLACES.filter((p) => !doc.split('\n').some((line) => line.startsWith(`| \`${p.id}\` |`) && line.includes(p.alternateChoice.replace(/\|/g, '\\|'))));
    expect(missing.map((p) => p.id)).toEqual([]);
  });

  it('rejects an unknown profile name with the known ones', () => {
    expect(() => profileNamed('strict')).toThrow(/default, alternate/);
    expect(profileNamed(undefined)).toBe(PROFILES.default);
  });

  describe.each(SILENT_PLACES.map((p) => [p.id, p] as const))('%s', (id) => {
    it.each([['default', 0], ['alternate', 1]] as const)('%s profile makes its declared choice', async (profile, index) => {
      const sim = await simulator(profile);
      expect(await PROBES[id]!.probe(sim)).toBe(PROBES[id]!.expected[index]);
    });
  });

  it('the alternate profile still obeys what the documents say', async () => {
    const sim = await simulator('alternate');
    const inspect = async (service: 'bcc' | 'dcs', instanceId: string) => (await state(sim, 'inspect', { service, instanceId, projectId: PROJECT })).json;
    // BCC: a valid change is stored; a forbidden status is 409; an unknown id is 404; signatures are checked.
    expect(await short(sim, await bccChange(BCC_OK))).toMatch(/^200 /);
    expect((await inspect('bcc', 'i-run')).password).toBe(BCC_OK);
    expect(await short(sim, await bccChange(BCC_OK, { instanceId: 'i-starting' }))).toBe('409 Instance.PasswordOperationForbidden');
    expect(await short(sim, await bccChange(BCC_OK, { instanceId: 'i-none' }))).toBe('404 NoSuchObject');
    expect(await short(sim, await buildBccChangePassword({ baseUrl: BASE, credentials: bccCreds, instanceId: 'i-run', password: BCC_OK, fault: 'garbled-signature' }))).toBe('400 SignatureDoesNotMatch');
    expect(await short(sim, await buildBccChangePassword({ baseUrl: BASE, credentials: bccCreds, instanceId: 'i-run', password: BCC_OK, fault: 'unknown-key' }))).toBe('403 InvalidAccessKeyId');
    expect(await short(sim, await buildDcsChangePassword({ baseUrl: BASE, credentials: dcsCreds, projectId: PROJECT, instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW, fault: 'stale-date' }))).toBe('401 APIGW.0303');
    expect(await short(sim, await buildDcsChangePassword({ baseUrl: BASE, credentials: dcsCreds, projectId: PROJECT, instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW, fault: 'garbled-signature' }))).toBe('401 APIGW.0301');
    // DCS: five wrong attempts count down and lock; the lock blocks the right password for 5 minutes, then ends.
    const counts: string[] = [];
    for (let i = 0; i < 5; i++) counts.push(String((await answer(sim, await dcsChange('Wrong@1234', NEW))).json.retry_times_left));
    expect(counts).toEqual(['4', '3', '2', '1', '0']);
    const locked = await answer(sim, await dcsChange(OLD, NEW));
    expect(locked.json.result).toBe('locked');
    // Rounded down, a lock a few milliseconds old has 4 whole minutes left: both are in 0–5.
    expect(['4', '5']).toContain(locked.json.lock_time_left);
    expect((await inspect('dcs', 'inst-1')).password).toBe(OLD);
    await state(sim, 'clock', { advanceSeconds: 300 });
    expect((await answer(sim, await dcsChange(OLD, NEW))).json).toMatchObject({ result: 'success', retry_times_left: '5' });
    expect((await inspect('dcs', 'inst-1')).password).toBe(NEW);
    expect(await short(sim, await dcsChange(NEW, OLD, { instanceId: 'inst-unknown' }))).toBe('404 DCS.3022');
  });
});
