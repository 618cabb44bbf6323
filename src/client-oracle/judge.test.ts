/**
 * The client-rule oracle on requests the kit's builders make: a correct request passes every
 * client rule it can judge, and each planted mistake fails exactly the rule that owns it.
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';
import { DEFAULT_CREDENTIALS, secretLookup } from '../auth/default-credentials.ts';
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { buildBccChangePassword, buildBccDescribe } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import type { RequestFault } from '../requests/request-faults.ts';
import type { Contract } from '../contract/contract.ts';
import type { Finding } from '../report/exchange.ts';
import { judgeClientRequest } from './judge.ts';
import { viewOfRequest } from './wire.ts';

const BASE = 'http://client.test';
const NOW = new Date('2026-11-29T02:00:00Z');
const bcc = loadSpec(builtinSpecPath('bcc'));
const dcs = loadSpec(builtinSpecPath('dcs'));
const BCC_RULES = ['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE'];
const DCS_RULES = ['DCS-CLIENT-BODY', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-ROUTE', 'DCS-CLIENT-SIGNATURE'];

async function judge(contract: Contract, request: Request, now = NOW): Promise<Finding[]> {
  const credential = DEFAULT_CREDENTIALS[contract.service as 'bcc' | 'dcs'];
  return judgeClientRequest(contract, await viewOfRequest(request), { secretFor: secretLookup([credential]), now });
}
const failed = (findings: Finding[]): string[] => findings.filter((f) => !f.ok).map((f) => f.rule).sort();
const judged = (findings: Finding[]): string[] => findings.map((f) => f.rule).sort();
const detailOf = (findings: Finding[], rule: string): string => findings.find((f) => f.rule === rule)?.detail ?? '(no finding)';

const bccChange = (fault?: RequestFault, extra: Partial<Parameters<typeof buildBccChangePassword>[0]> = {}): Promise<Request> =>
  buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-1', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc, now: NOW, fault, ...extra });
const dcsChange = (fault?: RequestFault, extra: Partial<Parameters<typeof buildDcsChangePassword>[0]> = {}): Promise<Request> =>
  buildDcsChangePassword({ baseUrl: BASE, projectId: 'p1', instanceId: 'd-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456', credentials: { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p1' }, now: NOW, fault, ...extra });

/** A BCC change signed by the kit, with the parts a test wants changed before signing. */
async function bccSigned(init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<Request> {
  const body = init.body ?? JSON.stringify({ adminPass: encryptAdminPass('Abc12345!', DEFAULT_CREDENTIALS.bcc.secretAccessKey) });
  const request = new Request(`${BASE}${init.path ?? '/v2/instance/i-1?changePass'}`, { method: init.method ?? 'PUT', headers: init.headers ?? { 'content-type': 'application/json' }, body });
  return signBceRequest(request, DEFAULT_CREDENTIALS.bcc, { timestamp: NOW });
}

describe('a correct request', () => {
  it('BCC change: every client rule is judged and holds', async () => {
    const findings = await judge(bcc, await bccChange());
    expect(judged(findings)).toEqual(BCC_RULES);
    expect(failed(findings), JSON.stringify(findings)).toEqual([]);
    expect(findings).toContainEqual({ rule: 'BCC-CLIENT-SIGNATURE', ok: true, detail: `signed by ${DEFAULT_CREDENTIALS.bcc.accessKeyId}` });
  });

  it('BCC change in both query forms and with the default signed-header list', async () => {
    for (const extra of [{ queryForm: 'empty' as const }, { signedHeaders: 'default' as const }]) {
      expect(failed(await judge(bcc, await bccChange(undefined, extra))), JSON.stringify(extra)).toEqual([]);
    }
  });

  it('DCS change: every client rule is judged and holds (signed and unsigned payload)', async () => {
    for (const unsignedPayload of [false, true]) {
      const findings = await judge(dcs, await dcsChange(undefined, { unsignedPayload }));
      expect(judged(findings)).toEqual(DCS_RULES);
      expect(failed(findings), JSON.stringify(findings)).toEqual([]);
    }
  });

  it('a GET of the instance has no body to judge', async () => {
    const findings = await judge(bcc, await buildBccDescribe({ baseUrl: BASE, instanceId: 'i-1', credentials: DEFAULT_CREDENTIALS.bcc, now: NOW }));
    expect(judged(findings)).toEqual(['BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE']);
    expect(failed(findings)).toEqual([]);
  });
});

describe('a wrong route', () => {
  it('POST instead of PUT fails ROUTE only, naming the allowed methods', async () => {
    const findings = await judge(bcc, await bccSigned({ method: 'POST' }));
    expect(findings).toEqual([{ rule: 'BCC-CLIENT-ROUTE', ok: false, detail: 'POST is not allowed here (allowed: PUT, GET)' }]);
  });

  it('an undocumented path fails ROUTE only', async () => {
    const findings = await judge(bcc, await bccSigned({ path: '/v2/instances/i-1?changePass' }));
    expect(findings).toEqual([{ rule: 'BCC-CLIENT-ROUTE', ok: false, detail: 'no operation at PUT /v2/instances/i-1' }]);
  });

  it('a change without the ?changePass action fails ROUTE', async () => {
    const findings = await judge(bcc, await bccSigned({ path: '/v2/instance/i-1' }));
    expect(failed(findings)).toEqual(['BCC-CLIENT-ROUTE']);
    expect(detailOf(findings, 'BCC-CLIENT-ROUTE')).toBe('the query does not name the action ?changePass');
  });
});

describe('wrong headers', () => {
  it('no Content-Type (fetch labels a string text/plain) fails HEADERS only', async () => {
    const findings = await judge(bcc, await bccSigned({ headers: {} }));
    expect(failed(findings)).toEqual(['BCC-CLIENT-HEADERS']);
    expect(detailOf(findings, 'BCC-CLIENT-HEADERS')).toContain('content-type: application/json (got text/plain)');
  });

  it('a missing date header (the contract\'s auth.dateHeader) fails HEADERS', async () => {
    const request = await dcsChange();
    const headers = new Headers(request.headers);
    headers.delete('x-sdk-date');
    const findings = await judge(dcs, new Request(request.url, { method: 'PUT', headers, body: await request.text() }));
    expect(failed(findings)).toContain('DCS-CLIENT-HEADERS');
    expect(detailOf(findings, 'DCS-CLIENT-HEADERS')).toBe('missing or wrong: x-sdk-date');
  });

  it('an X-Project-Id that differs from the path fails HEADERS (the signature itself holds)', async () => {
    const findings = await judge(dcs, await dcsChange('project-header-mismatch'));
    expect(failed(findings)).toEqual(['DCS-CLIENT-HEADERS']);
    expect(detailOf(findings, 'DCS-CLIENT-HEADERS')).toMatch(/^missing or wrong: x-project-id matching the path/);
  });
});

describe('a wrong body', () => {
  it('camelCase DCS fields fail BODY only', async () => {
    const findings = await judge(dcs, await dcsChange(undefined, { rawBody: JSON.stringify({ oldPassword: 'OldPass@123', newPassword: 'NewPass@456' }) }));
    expect(failed(findings)).toEqual(['DCS-CLIENT-BODY']);
  });

  it('a byte order mark before the JSON fails BODY (RFC 8259 §8.1)', async () => {
    const findings = await judge(dcs, await dcsChange(undefined, { rawBody: `\uFEFF${JSON.stringify({ old_password: 'OldPass@123', new_password: 'NewPass@456' })}` }));
    expect(failed(findings)).toEqual(['DCS-CLIENT-BODY']);
    expect(detailOf(findings, 'DCS-CLIENT-BODY')).toContain('byte order mark');
  });
});

describe('a wrong signature', () => {
  const cases: Array<[string, Contract, () => Promise<Request>, RegExp]> = [
    ['BCC signed with another SK', bcc, () => bccChange('wrong-key'), /^mismatch: signature does not match/],
    ['BCC body changed after signing', bcc, () => bccChange('body-after-signing'), /^mismatch: /],
    ['BCC path changed after signing', bcc, () => bccChange('path-after-signing'), /^mismatch: /],
    ['BCC garbled signature', bcc, () => bccChange('garbled-signature'), /^(mismatch|malformed): /],
    ['BCC malformed Authorization', bcc, () => bccChange('malformed-auth-header'), /^malformed: /],
    ['BCC no Authorization', bcc, () => bccChange('no-signature'), /^missing: /],
    ['BCC unknown access key', bcc, () => bccChange('unknown-key'), /^unknown-key: /],
    ['BCC stale timestamp', bcc, () => bccChange('stale-date'), /^expired: /],
    ['BCC timestamp far ahead', bcc, () => bccChange('future-date'), /^expired: /],
    ['DCS signed with another SK', dcs, () => dcsChange('wrong-key'), /^mismatch: signature does not match. Server-side canonical request was/],
    ['DCS body changed after signing', dcs, () => dcsChange('body-after-signing'), /^mismatch: /],
    ['DCS stale X-Sdk-Date', dcs, () => dcsChange('stale-date'), /^expired: /],
    ['DCS unknown access key', dcs, () => dcsChange('unknown-key'), /^unknown-key: /],
  ];
  it.each(cases)('%s fails SIGNATURE, and is not judged for encryption', async (_name, contract, build, detail) => {
    const findings = await judge(contract, await build());
    const rule = `${contract.service.toUpperCase()}-CLIENT-SIGNATURE`;
    expect(failed(findings), JSON.stringify(findings)).toEqual([rule]);
    expect(detailOf(findings, rule)).toMatch(detail);
    expect(findings.some((f) => f.rule.endsWith('-ENCRYPTION'))).toBe(false);
  });

  it('the mismatch detail never holds the secret or the expected signature', async () => {
    const request = await bccChange('wrong-key');
    const findings = await judge(bcc, request);
    const good = (await bccChange()).headers.get('authorization')!.split('/').at(-1)!;
    expect(JSON.stringify(findings)).not.toContain(DEFAULT_CREDENTIALS.bcc.secretAccessKey);
    expect(JSON.stringify(findings)).not.toContain(good);
  });

  it('the same request is fresh at its own time and expired 31 minutes later (defaultExpirationSeconds 1800)', async () => {
    const request = await bccChange();
    expect(failed(await judge(bcc, request.clone()))).toEqual([]);
    expect(failed(await judge(bcc, request, new Date(NOW.getTime() + 31 * 60_000)))).toEqual(['BCC-CLIENT-SIGNATURE']);
  });
});

describe('a wrong encryption', () => {
  it('adminPass in plaintext fails ENCRYPTION only', async () => {
    const findings = await judge(bcc, await bccChange('plaintext-password'));
    expect(failed(findings)).toEqual(['BCC-CLIENT-ENCRYPTION']);
    expect(detailOf(findings, 'BCC-CLIENT-ENCRYPTION')).toMatch(/^not-hex: /);
  });

  it('adminPass under another key fails ENCRYPTION only', async () => {
    const findings = await judge(bcc, await bccChange('wrong-encryption-key'));
    expect(failed(findings)).toEqual(['BCC-CLIENT-ENCRYPTION']);
    expect(JSON.stringify(findings)).not.toContain('Abc12345!');
  });

  it('a ciphertext with an extra block of padding fails ENCRYPTION (not what the kit\'s cipher makes)', async () => {
    const sk = DEFAULT_CREDENTIALS.bcc.secretAccessKey;
    const full = encryptAdminPass('Abc12345!Abc1234', sk); // 16 bytes: a whole padding block follows
    const truncated = full.slice(0, 32); // the data block without its padding block
    const findings = await judge(bcc, await bccSigned({ body: JSON.stringify({ adminPass: truncated }) }));
    expect(failed(findings)).toEqual(['BCC-CLIENT-ENCRYPTION']);
    expect(detailOf(findings, 'BCC-CLIENT-ENCRYPTION')).toMatch(/^bad-padding: /);
  });

  it('under the BCC-A3 reading "example-literal" a plaintext adminPass is not judged', async () => {
    const literal = loadSpec(builtinSpecPath('bcc'), { variants: { 'BCC-A3': 'example-literal' } });
    const findings = await judge(literal, await bccChange('plaintext-password'));
    expect(failed(findings)).toEqual([]);
    expect(judged(findings)).toEqual(BCC_RULES.filter((r) => r !== 'BCC-CLIENT-ENCRYPTION'));
  });
});
