import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveGuard, type LiveGuardOptions } from './live-guard.ts';
import { BCC_CHANGED, PasswordLedger } from './ledger.ts';
import { GuardRefusal } from '../errors/guard-refusal.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import type { Fixture } from './fixtures.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';

const fixtures: Fixture[] = [
  { service: 'dcs', projectId: 'p', instanceId: 'i1', password: 'OldPass@123', allow: ['change-password'] },
  { service: 'bcc', instanceId: 'b1', password: 'Orig1234!', allow: ['change-password'] },
];

function setup(options: Partial<LiveGuardOptions> = {}, answer: (req: Request) => Response = () => new Response('{"result":"passwordFailed"}', { status: 200 })) {
  const ledger = PasswordLedger.create(join(mkdtempSync(join(tmpdir(), 'ledger-')), 'l.json'), fixtures);
  const seen: string[] = [];
  const guard = liveGuard(async (req) => {
    seen.push(`${req.method} ${new URL(req.url).pathname}`);
    return answer(req);
  }, { allowHosts: ['*.example.com'], maxRequests: 100, rate: 0, allowLockout: false, fixtures, ledger, lockout: loadSpec(builtinSpecPath('dcs')).facts.lockout!, wrongPasswordCodes: ['DCS.4080'], sleep: false, ...options });
  return { guard, ledger, seen };
}

const dcsPut = (old: string, next = 'NewPass@456', host = '127.0.0.1') => new Request(`http://${host}/v2/p/instances/i1/password`, { method: 'PUT', body: JSON.stringify({ old_password: old, new_password: next }) });

describe('live guard', () => {
  it('sends nothing to a host outside the allowlist, and lets loopback and listed hosts through', async () => {
    const { guard, seen } = setup();
    await expect(guard(new Request('https://evil.test/v2/instance/b1'))).rejects.toSatisfy(GuardRefusal.is);
    await guard(new Request('https://api.example.com/'));
    await guard(new Request('http://127.0.0.1:9/'));
    expect(seen).toEqual(['GET /', 'GET /']);
  });

  it('refuses changes to instances that are not fixtures', async () => {
    const { guard, seen } = setup();
    await expect(guard(new Request('http://127.0.0.1/v2/instance/someone-elses?changePass', { method: 'PUT', body: '{}' }))).rejects.toThrow(/not a fixture/);
    expect(seen).toEqual([]);
  });

  it('spends the request budget, then refuses', async () => {
    const { guard } = setup({ maxRequests: 2 });
    await guard(new Request('http://127.0.0.1/'));
    await guard(new Request('http://127.0.0.1/'));
    await expect(guard(new Request('http://127.0.0.1/'))).rejects.toThrow(/budget of 2 is spent/);
    expect(guard.sent()).toBe(2);
  });

  it('never sends the wrong attempt that would lock an instance, unless lockout is allowed', async () => {
    const { guard, ledger } = setup();
    for (let i = 0; i < 4; i++) await guard(dcsPut('Wrong@Pass1'));
    expect(ledger.get('dcs:p/i1')!.failures).toBe(4);
    await expect(guard(dcsPut('Wrong@Pass1'))).rejects.toThrow(/could lock dcs:p\/i1/);
    const allowed = setup({ allowLockout: true, fixtures: [{ ...fixtures[0]!, allow: ['change-password', 'lockout'] }] });
    for (let i = 0; i < 5; i++) await allowed.guard(dcsPut('Wrong@Pass1'));
    expect(allowed.ledger.get('dcs:p/i1')!.lockedUntil).not.toBeNull();
  });

  it('keeps the ledger: a success records the new password and resets the count', async () => {
    const { guard, ledger } = setup({}, () => new Response('{"result":"success"}', { status: 200 }));
    await guard(dcsPut('OldPass@123', 'NewPass@456'));
    expect(ledger.get('dcs:p/i1')).toMatchObject({ current: 'NewPass@456', failures: 0 });
    expect(PasswordLedger.read(ledger.file).get('dcs:p/i1')!.current).toBe('NewPass@456');
  });

  it('records a change whose answer never came as uncertain', async () => {
    const { guard, ledger } = setup({}, () => {
      throw new TransportFault('reset', 'socket hang up');
    });
    await expect(guard(dcsPut('OldPass@123', 'Maybe@Set99'))).rejects.toSatisfy(TransportFault.is);
    expect(ledger.get('dcs:p/i1')!.uncertain).toEqual(['Maybe@Set99']);
  });

  it('turns an unasked-for 5xx into a transport fault, and pauses for Retry-After', async () => {
    const { guard } = setup({}, () => new Response('', { status: 503, headers: { 'retry-after': '1' } }));
    await expect(guard(new Request('http://127.0.0.1/'))).rejects.toSatisfy(TransportFault.is);
    const slow = setup({ sleep: true }, () => new Response('', { status: 429, headers: { 'retry-after': '1' } }));
    await expect(slow.guard(new Request('http://127.0.0.1/'))).rejects.toSatisfy(TransportFault.is);
    const start = Date.now();
    await expect(slow.guard(new Request('http://127.0.0.1/'))).rejects.toSatisfy(TransportFault.is);
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
  });
});

describe('live guard on paths that do not decode (issue 12, defect 8)', () => {
  const put = (path: string) => new Request(`http://127.0.0.1${path}?changePass`, { method: 'PUT', body: '{"adminPass":"00"}' });

  it('lets a broken or non-UTF-8 escape on a fixture id through instead of throwing URIError', async () => {
    const { guard, seen } = setup({}, () => new Response('{"code":"InvalidHTTPRequest"}', { status: 400 }));
    for (const path of ['/v2/instance/b1%2', '/v2/instance/b1%', '/v2/instance/b1%FF', '/v2/instance/b%C31']) await guard(put(path));
    expect(seen).toHaveLength(4);
  });

  it('still refuses an instance that is not a fixture, whatever its escapes', async () => {
    const { guard, seen } = setup();
    for (const path of ['/v2/instance/b1%zz', '/v2/instance/other%2', '/v2/instance/oth%FFer', '/v2/p/instances/i2%zz/password', '/v2/p%2/instances/zz/password']) {
      await expect(guard(put(path))).rejects.toSatisfy(GuardRefusal.is);
    }
    expect(seen).toEqual([]);
  });

  it('decodes valid escapes and keeps the others', async () => {
    const { decodePathLeniently } = await import('./live-guard.ts');
    expect(decodePathLeniently('/a%2Fb%2%zz%FF%C3%A9')).toBe('/a/b%2%zz%FF%C3%A9');
    expect(decodePathLeniently('/a%C3%A9/%zz')).toBe('/a\u00e9/%zz');
  });
});

describe('live guard: the ledger is written before a change leaves (Ctrl-C race)', () => {
  /** An inner transport that reads the ledger file as the target receives each request. */
  function watching(answer: (req: Request) => Response | Promise<Response>, options: Partial<LiveGuardOptions> = {}) {
    const atSend: Array<{ current: string; uncertain: string[] }> = [];
    let file = '';
    const s = setup(options, (req) => {
      const e = PasswordLedger.read(file).get(new URL(req.url).pathname.includes('/instances/') ? 'dcs:p/i1' : 'bcc:b1')!;
      atSend.push({ current: e.current, uncertain: [...e.uncertain] });
      return answer(req) as Response;
    });
    file = s.ledger.file;
    return { ...s, atSend };
  }

  it('names the password a change may set in the ledger file before it is sent, and settles it with the answer', async () => {
    const { guard, ledger, atSend } = watching(() => new Response('{"result":"success"}', { status: 200 }));
    await guard(dcsPut('OldPass@123', 'NewPass@456'));
    expect(atSend).toEqual([{ current: 'OldPass@123', uncertain: ['NewPass@456'] }]);
    expect(PasswordLedger.read(ledger.file).get('dcs:p/i1')).toMatchObject({ current: 'NewPass@456', uncertain: [] });
  });

  it('keeps it when the answer never comes (the worker is terminated while the change is in flight)', async () => {
    const { guard, ledger } = setup({}, () => new Promise<Response>(() => undefined) as unknown as Response);
    void guard(dcsPut('OldPass@123', 'Held@Pass77'));
    await new Promise((r) => setTimeout(r, 50));
    // What the main process reads to restore, with the answer still out.
    const entry = PasswordLedger.read(ledger.file).get('dcs:p/i1')!;
    expect(entry.uncertain).toEqual(['Held@Pass77']);
  });

  it('drops it on a refusal, keeps it on a 5xx (the change may have happened)', async () => {
    const refused = watching(() => new Response('{"error_code":"DCS.4019"}', { status: 400 }));
    await refused.guard(dcsPut('OldPass@123', 'Bad'));
    expect(refused.atSend[0]!.uncertain).toEqual(['Bad']);
    expect(PasswordLedger.read(refused.ledger.file).get('dcs:p/i1')).toMatchObject({ current: 'OldPass@123', uncertain: [] });
    const failed = setup({}, () => new Response('{"error_code":"DCS.5000"}', { status: 500 }));
    await expect(failed.guard(dcsPut('OldPass@123', 'Maybe@Set99'))).rejects.toSatisfy(TransportFault.is);
    expect(PasswordLedger.read(failed.ledger.file).get('dcs:p/i1')!.uncertain).toEqual(['Maybe@Set99']);
  });

  it('writes nothing ahead for an old password that cannot be the target\'s (it cannot set anything)', async () => {
    const { guard, atSend } = watching(() => new Response('{"result":"passwordFailed"}', { status: 200 }));
    await guard(dcsPut('Wrong@Pass1', 'NewPass@456'));
    expect(atSend).toEqual([{ current: 'OldPass@123', uncertain: [] }]);
  });

  it('marks a BCC change as one that may have changed the password before it is sent', async () => {
    const { guard, ledger, atSend } = watching(() => new Response('{}', { status: 200 }));
    await guard(new Request('http://127.0.0.1/v2/instance/b1?changePass', { method: 'PUT', body: '{"adminPass":"00"}' }));
    expect(atSend).toEqual([{ current: 'Orig1234!', uncertain: [BCC_CHANGED] }]);
    expect(PasswordLedger.read(ledger.file).get('bcc:b1')).toMatchObject({ current: BCC_CHANGED, uncertain: [] });
  });

  it('keeps a change still in flight when an earlier one succeeds', async () => {
    let release: (r: Response) => void = () => undefined;
    const { guard, ledger } = setup({}, (req) => (req.headers.get('x-hold') ? (new Promise<Response>((r) => (release = r)) as unknown as Response) : new Response('{"result":"success"}', { status: 200 })));
    const held = new Request('http://127.0.0.1/v2/p/instances/i1/password', { method: 'PUT', headers: { 'x-hold': '1' }, body: JSON.stringify({ old_password: 'OldPass@123', new_password: 'Second@Pass2' }) });
    const second = guard(held);
    await new Promise((r) => setTimeout(r, 20));
    await guard(dcsPut('OldPass@123', 'First@Pass11'));
    expect(PasswordLedger.read(ledger.file).get('dcs:p/i1')).toMatchObject({ current: 'First@Pass11', uncertain: ['Second@Pass2'] });
    release(new Response('{"result":"passwordFailed"}', { status: 200 }));
    await second;
    expect(PasswordLedger.read(ledger.file).get('dcs:p/i1')).toMatchObject({ current: 'First@Pass11', uncertain: [] });
  });

  it('sends nothing once the stop file exists', async () => {
    const stopFile = join(mkdtempSync(join(tmpdir(), 'stop-')), 'ledger.json.stop');
    const { guard, seen } = setup({ stopFile });
    await guard(new Request('http://127.0.0.1/'));
    writeFileSync(stopFile, '');
    await expect(guard(dcsPut('OldPass@123'))).rejects.toThrow(/the run was interrupted; nothing more is sent/);
    await expect(guard(new Request('http://127.0.0.1/'))).rejects.toSatisfy(GuardRefusal.is);
    expect(seen).toEqual(['GET /']);
  });
});
