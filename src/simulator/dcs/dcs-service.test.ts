import { describe, it, expect, beforeEach } from 'vitest';
import { createSimulator, type Simulator } from '../simulator.ts';
import { dcsChange, inspect, send, state, BASE } from '../sim-test-kit.ts';
import { DEFAULT_CREDENTIALS } from '../../auth/default-credentials.ts';
import { buildDcsShow } from '../../requests/dcs-requests.ts';

const OLD = 'OldPass@123';
const NEW = 'NewPass@456';
let sim: Simulator;

async function setup(s: Simulator, extra: Record<string, unknown> = {}): Promise<void> {
  await state(s, 'dcs instance', { projectId: 'proj-1', instanceId: 'inst-1', status: 'RUNNING', password: OLD, ...extra });
}

beforeEach(async () => {
  sim = createSimulator();
  await setup(sim);
});

const wrong = (s = sim) => dcsChange(s, { instanceId: 'inst-1', oldPassword: 'Wrong@1234', newPassword: NEW });
const right = (s = sim) => dcsChange(s, { instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW });

describe('DCS password change on the simulator', () => {
  it('changes the password and answers the documented success body, numbers as strings', async () => {
    const a = await right();
    expect(a.status).toBe(200);
    expect(a.json).toEqual({ lock_time: '0', result: 'success', lock_time_left: '0', retry_times_left: '5', message: 'Modify DCSInstance password success.' });
    expect((await inspect(sim, 'dcs', 'inst-1')).password).toBe(NEW);
  });

  it('counts down, locks on the fifth wrong attempt, blocks the right password, unlocks after 5 virtual minutes', async () => {
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await wrong()).json);
    expect(answers.map((a) => [a.result, a.retry_times_left])).toEqual([
      ['passwordFailed', '4'], ['passwordFailed', '3'], ['passwordFailed', '2'], ['passwordFailed', '1'], ['passwordFailed', '0'],
    ]);
    const blocked = await right();
    expect(blocked.json).toMatchObject({ result: 'locked', lock_time_left: '5' });
    expect((await inspect(sim, 'dcs', 'inst-1')).password).toBe(OLD);
    await state(sim, 'clock', { advanceSeconds: 241 });
    expect((await right()).json).toMatchObject({ result: 'locked', lock_time_left: '1' });
    await state(sim, 'clock', { advanceSeconds: 59 });
    expect((await right()).json.result).toBe('success');
    expect((await inspect(sim, 'dcs', 'inst-1')).password).toBe(NEW);
  });

  it('keeps the lock at 299 virtual seconds however much real time passes (the virtual clock moves only when told)', async () => {
    for (let i = 0; i < 5; i++) await wrong();
    // More than a second of real time: a clock that also ran with the wall clock would unlock here.
    await new Promise((r) => setTimeout(r, 1_100));
    await state(sim, 'clock', { advanceSeconds: 299 });
    expect((await right()).json).toMatchObject({ result: 'locked', lock_time_left: '1' });
    await state(sim, 'clock', { advanceSeconds: 1 });
    expect((await right()).json.result).toBe('success');
  });

  it('resets the count after a success', async () => {
    await wrong();
    await wrong();
    expect((await right()).json.retry_times_left).toBe('5');
    expect((await inspect(sim, 'dcs', 'inst-1')).failedAttempts).toBe(0);
    expect((await dcsChange(sim, { instanceId: 'inst-1', oldPassword: 'Wrong@1234', newPassword: OLD })).json.retry_times_left).toBe('4');
  });

  it.each([
    ['too short', 'Ab1@xyz'],
    ['too long', 'Ab1@' + 'x'.repeat(61)],
    ['two classes', 'abcdefgh1'],
    ['space', 'Abc def1@'],
    ['emoji', 'Abcdef1@😀'],
    ['control char', 'Abcdef1@\u0007'],
  ])('rejects a new password that is %s with 400 DCS.4019, without counting an attempt', async (_n, pw) => {
    const a = await dcsChange(sim, { instanceId: 'inst-1', oldPassword: OLD, newPassword: pw });
    expect([a.status, a.json.error_code]).toEqual([400, 'DCS.4019']);
    expect(a.json.error_ext_msg).toBeNull();
    expect(await inspect(sim, 'dcs', 'inst-1')).toMatchObject({ password: OLD, failedAttempts: 0 });
  });

  it('rejects new = old with DCS.4019', async () => {
    const a = await dcsChange(sim, { instanceId: 'inst-1', oldPassword: OLD, newPassword: OLD });
    expect([a.status, a.json.error_code]).toEqual([400, 'DCS.4019']);
  });

  it('requires RUNNING (DCS.4049) for every other status, and refuses password-free instances (DCS.4850)', async () => {
    for (const status of sim.contracts.dcs.allStatuses.filter((s) => s !== 'RUNNING')) {
      await setup(sim, { status });
      const a = await right();
      expect([a.status, a.json.error_code], status).toEqual([400, 'DCS.4049']);
      expect((await inspect(sim, 'dcs', 'inst-1')).password).toBe(OLD);
    }
    await setup(sim, { passwordFree: true });
    expect((await right()).json.error_code).toBe('DCS.4850');
  });

  it('answers 404 DCS.3022 for an unknown instance', async () => {
    const a = await dcsChange(sim, { instanceId: 'nope', oldPassword: OLD, newPassword: NEW });
    expect([a.status, a.json.error_code]).toEqual([404, 'DCS.3022']);
  });

  it.each([
    ['no-signature', 'APIGW.0301'],
    ['garbled-signature', 'APIGW.0301'],
    ['wrong-key', 'APIGW.0301'],
    ['unknown-key', 'APIGW.0301'],
    ['malformed-auth-header', 'APIGW.0301'],
    ['body-after-signing', 'APIGW.0301'],
    ['path-after-signing', 'APIGW.0301'],
    ['project-header-mismatch', 'APIGW.0301'],
    ['stale-date', 'APIGW.0303'],
    ['future-date', 'APIGW.0303'],
  ] as const)('rejects %s with 401 %s and changes nothing', async (fault, code) => {
    const a = await dcsChange(sim, { instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW, fault });
    expect([a.status, a.json.error_code]).toEqual([401, code]);
    expect(await inspect(sim, 'dcs', 'inst-1')).toMatchObject({ password: OLD, failedAttempts: 0 });
  });

  it('accepts UNSIGNED-PAYLOAD', async () => {
    expect((await dcsChange(sim, { instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW, unsignedPayload: true })).status).toBe(200);
  });

  it('reads an instance with showInstance', async () => {
    const req = await buildDcsShow({ baseUrl: BASE, projectId: 'proj-1', instanceId: 'inst-1', credentials: DEFAULT_CREDENTIALS.dcs });
    expect((await send(sim, req, 'showInstance', 'dcs')).json).toMatchObject({ instance_id: 'inst-1', status: 'RUNNING', no_password_access: 'false' });
  });

  it('keeps at most five failures under concurrent wrong attempts', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong()));
    const failed = answers.filter((a) => a.json.result === 'passwordFailed').length;
    expect(failed).toBe(5);
    expect(answers.filter((a) => a.json.result === 'locked')).toHaveLength(7);
  });
});

describe('DCS readings (ambiguities)', () => {
  it('DCS-A1 locked-on-fifth answers locked on the fifth wrong attempt', async () => {
    const s = createSimulator({ variants: { 'DCS-A1': 'locked-on-fifth' } });
    await setup(s);
    for (let i = 0; i < 4; i++) await wrong(s);
    expect((await wrong(s)).json).toMatchObject({ result: 'locked', lock_time_left: '5' });
  });

  it('DCS-A2 error-4080 answers a wrong old password with 400 DCS.4080, still counted', async () => {
    const s = createSimulator({ variants: { 'DCS-A2': 'error-4080' } });
    await setup(s);
    const a = await wrong(s);
    expect([a.status, a.json.error_code]).toEqual([400, 'DCS.4080']);
    expect((await inspect(s, 'dcs', 'inst-1')).failedAttempts).toBe(1);
  });

  it('DCS-A3 result-failed answers new = old with 200 failed', async () => {
    const s = createSimulator({ variants: { 'DCS-A3': 'result-failed' } });
    await setup(s);
    const a = await dcsChange(s, { instanceId: 'inst-1', oldPassword: OLD, newPassword: OLD });
    expect([a.status, a.json.result]).toEqual([200, 'failed']);
  });

  it('DCS-A4 legacy-8-32 refuses 33 characters and %', async () => {
    const s = createSimulator({ variants: { 'DCS-A4': 'legacy-8-32' } });
    await setup(s);
    expect((await dcsChange(s, { instanceId: 'inst-1', oldPassword: OLD, newPassword: 'Ab1@' + 'x'.repeat(29) })).status).toBe(400);
    expect((await dcsChange(s, { instanceId: 'inst-1', oldPassword: OLD, newPassword: 'Abcdef1%' })).status).toBe(400);
    expect((await dcsChange(s, { instanceId: 'inst-1', oldPassword: OLD, newPassword: 'Abcdef1\\' })).status).toBe(200);
  });

  it('DCS-A5 any-status lets a FROZEN instance change', async () => {
    const s = createSimulator({ variants: { 'DCS-A5': 'any-status' } });
    await setup(s, { status: 'FROZEN' });
    expect((await right(s)).status).toBe(200);
  });
});

describe('DCS request edge cases', () => {
  it('verifies an instance id with an escaped slash as the official signers canonicalise it (decoded, then split)', async () => {
    // The kit's signer, like the SDKs, signs /v2/proj-1/instances/a/b/password/ for a%2Fb: the
    // signature must verify and the answer be the 404 of an unknown instance, not a 401.
    const a = await dcsChange(sim, { instanceId: 'a/b', oldPassword: OLD, newPassword: NEW });
    expect([a.status, a.json.error_code]).toEqual([404, 'DCS.3022']);
  });
});
