import { describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { buildBccChangePassword } from './bcc-requests.ts';
import { buildDcsChangePassword } from './dcs-requests.ts';
import { REQUEST_FAULTS, type RequestFault } from './request-faults.ts';

// One fault implementation serves both services: every signing fault is checked on each, the same
// way, so a service whose builder stops planting a fault (or plants it differently) fails here.
const NOW = new Date('2026-03-01T12:00:00Z');
const SERVICES = [
  {
    name: 'bcc',
    dateHeader: 'x-bce-date',
    parseDate: (v: string) => Date.parse(v),
    scheme: 'bce-auth-v1',
    instanceId: 'i-fault01',
    own: ['plaintext-password', 'wrong-encryption-key'] as RequestFault[],
    build: (fault?: RequestFault) => buildBccChangePassword({ baseUrl: 'http://127.0.0.1:1', instanceId: 'i-fault01', password: 'Abcdefg1!', credentials: DEFAULT_CREDENTIALS.bcc, fault, now: NOW }),
  },
  {
    name: 'dcs',
    dateHeader: 'x-sdk-date',
    parseDate: (v: string) => Date.parse(v.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')),
    scheme: 'SDK-HMAC-SHA256',
    instanceId: 'inst-0001',
    own: ['project-header-mismatch'] as RequestFault[],
    build: (fault?: RequestFault) => buildDcsChangePassword({ baseUrl: 'http://127.0.0.1:1', projectId: 'proj01', instanceId: 'inst-0001', oldPassword: 'Abcdefg1!', newPassword: 'Bcdefgh2!', credentials: DEFAULT_CREDENTIALS.dcs, fault, now: NOW }),
  },
];
const OTHERS_OWN: RequestFault[] = ['plaintext-password', 'wrong-encryption-key', 'project-header-mismatch'];

const text = (r: Request) => r.clone().text();
const auth = (r: Request) => r.headers.get('authorization') ?? '';

describe.each(SERVICES)('request faults on $name', (svc) => {
  it('every fault the service can carry changes the request (none is silently dropped)', async () => {
    const clean = await svc.build();
    const faults = REQUEST_FAULTS.filter((f) => !OTHERS_OWN.includes(f) || svc.own.includes(f));
    for (const fault of faults) {
      const bad = await svc.build(fault);
      const same = bad.url === clean.url && auth(bad) === auth(clean) && (await text(bad)) === (await text(clean)) && [...bad.headers].join() === [...clean.headers].join();
      expect(same, fault).toBe(false);
    }
  });

  it('no-signature sends the date header and no Authorization', async () => {
    const bad = await svc.build('no-signature');
    expect(bad.headers.has('authorization')).toBe(false);
    expect(svc.parseDate(bad.headers.get(svc.dateHeader)!)).toBe(NOW.getTime());
  });

  it('wrong-key keeps the access key id and changes the signature; unknown-key names another key', async () => {
    const clean = auth(await svc.build());
    const wrong = auth(await svc.build('wrong-key'));
    const unknown = auth(await svc.build('unknown-key'));
    expect(wrong).not.toBe(clean);
    expect(wrong.replace(/[0-9a-f]{64}$/, '')).toBe(clean.replace(/[0-9a-f]{64}$/, ''));
    expect(unknown).toContain(`unknown-${DEFAULT_CREDENTIALS[svc.name as 'bcc'].accessKeyId}`);
  });

  it('stale-date and future-date move the signing date by the same amount, back and forth', async () => {
    const stale = svc.parseDate((await svc.build('stale-date')).headers.get(svc.dateHeader)!) - NOW.getTime();
    const future = svc.parseDate((await svc.build('future-date')).headers.get(svc.dateHeader)!) - NOW.getTime();
    expect(stale).toBeLessThan(0);
    expect(future).toBe(-stale);
  });

  it('garbled-signature changes one character of the signature; malformed-auth-header keeps only the scheme name', async () => {
    const clean = auth(await svc.build());
    const garbled = auth(await svc.build('garbled-signature'));
    expect(garbled).toHaveLength(clean.length);
    expect([...garbled].filter((c, i) => c !== clean[i])).toHaveLength(1);
    const malformed = auth(await svc.build('malformed-auth-header'));
    expect(malformed.startsWith(`${svc.scheme} `)).toBe(true);
    expect(malformed).not.toBe(clean);
  });

  it('body-after-signing keeps the signature and changes the body (and its declared length, if any)', async () => {
    const clean = await svc.build();
    const bad = await svc.build('body-after-signing');
    expect(auth(bad)).toBe(auth(clean));
    const body = await text(bad);
    expect(body).not.toBe(await text(clean));
    if (bad.headers.has('content-length')) expect(bad.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
  });

  it('path-after-signing keeps the signature and renames the instance segment only', async () => {
    const clean = await svc.build();
    const bad = await svc.build('path-after-signing');
    expect(auth(bad)).toBe(auth(clean));
    expect(bad.url).toBe(clean.url.replace(`/${svc.instanceId}`, `/x${svc.instanceId}`));
    expect(await text(bad)).toBe(await text(clean));
  });
});

describe('request faults, by service', () => {
  it('bce-auth-v1 does not hash the body, so body-after-signing changes its signed length', async () => {
    const [bcc] = SERVICES;
    const clean = await bcc!.build();
    const bad = await bcc!.build('body-after-signing');
    expect(bad.headers.get('content-length')).not.toBe(clean.headers.get('content-length'));
  });
});
