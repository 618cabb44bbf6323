import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveGuard, type LiveGuardOptions } from './live-guard.ts';
import { PasswordLedger } from './ledger.ts';
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
