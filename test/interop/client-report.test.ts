/**
 * `conformance serve --client-report`: the official SDKs (`@huaweicloud/huaweicloud-sdk-core`,
 * `@baiducloud/sdk`, through the same calls the interop tests and builtin adapters make) and the
 * faulty example clients send their requests to a served simulator; the report it writes on
 * request, and on SIGTERM, judges every client rule from what reached it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonReport, reportDir, serve } from '../cli/cli-harness.ts';
import { BUILTIN_ADAPTERS } from '../../src/clients/adapters/index.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { startProcessClient } from '../../src/clients/process/process-client.ts';
import type { ClientAdapter } from '../../src/clients/client.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';

type Served = Awaited<ReturnType<typeof serve>>;
let servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => (s.child.exitCode === null ? s.stop() : undefined)));
  servers = [];
});

async function served(dir: string): Promise<Served> {
  const s = await serve(['--client-report', dir]);
  servers.push(s);
  return s;
}

async function state(url: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/__conformance/state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`state ${JSON.stringify(body)}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Sets up one instance per service and sends one valid change through `client`. */
async function changeBoth(url: string, client: ClientAdapter, n: number): Promise<void> {
  if (client.services.includes('bcc')) {
    await state(url, { action: 'setup', state: 'bcc instance', params: { instanceId: `i-${n}`, status: 'Running', adminPass: 'Orig1234!' } });
    const outcome = await client.changePassword({ service: 'bcc', instanceId: `i-${n}`, password: `NewPass${n}!x` }, { endpoint: url, credentials: DEFAULT_CREDENTIALS.bcc });
    expect(outcome.kind, JSON.stringify(outcome)).toMatch(/success|error/);
  }
  if (client.services.includes('dcs')) {
    await state(url, { action: 'setup', state: 'dcs instance', params: { projectId: 'p1', instanceId: `d-${n}`, status: 'RUNNING', password: 'OldPass@123' } });
    const outcome = await client.changePassword({ service: 'dcs', projectId: 'p1', instanceId: `d-${n}`, oldPassword: 'OldPass@123', newPassword: `NewPass@45${n}` }, { endpoint: url, credentials: { ...DEFAULT_CREDENTIALS.dcs, projectId: 'p1' } });
    expect(outcome.kind, JSON.stringify(outcome)).toMatch(/success|error/);
  }
}

const byId = (report: ConformanceReport): Record<string, string> => Object.fromEntries(report.rules.map((r) => [r.id, r.verdict]));
const has = (command: string, args: string[]): boolean => {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('serve --client-report', () => {
  it('before any request every client rule is not-run; after the official SDKs, every client rule passes (report on request and on SIGTERM)', async () => {
    const dir = reportDir();
    const s = await served(dir);
    const empty = await state(s.url, { action: 'setup', state: 'client report' });
    expect(empty).toMatchObject({ ok: true, requests: 0 });
    expect(new Set(Object.values(byId(readJsonReport(dir))))).toEqual(new Set(['not-run']));

    const huawei = await BUILTIN_ADAPTERS['huawei-core']!();
    const baidu = await BUILTIN_ADAPTERS['baidu-send-request']!();
    for (let n = 1; n <= 3; n++) {
      await changeBoth(s.url, huawei, n);
      await changeBoth(s.url, baidu, n);
    }
    // An SDK test suite resets the simulator between tests; the report keeps counting.
    await state(s.url, { action: 'setup', state: 'reset' });
    await changeBoth(s.url, huawei, 4);
    await s.stop();
    expect(s.output()).toMatch(/client report \(7 requests judged\): .*conformance-report\.json/);
    const report = readJsonReport(dir);
    expect(byId(report)).toEqual({
      'BCC-CLIENT-ROUTE': 'pass', 'BCC-CLIENT-HEADERS': 'pass', 'BCC-CLIENT-BODY': 'pass', 'BCC-CLIENT-SIGNATURE': 'pass', 'BCC-CLIENT-ENCRYPTION': 'pass',
      'DCS-CLIENT-ROUTE': 'pass', 'DCS-CLIENT-HEADERS': 'pass', 'DCS-CLIENT-BODY': 'pass', 'DCS-CLIENT-SIGNATURE': 'pass',
    });
    expect(report.rules.find((r) => r.id === 'DCS-CLIENT-SIGNATURE')!.cases).toBe(4);
    expect(report.summary).toMatchObject({ conformant: true, pass: 9, 'not-run': 0 });
  }, 120_000);

  it.skipIf(!has('python3', ['--version']) || !has('java', ['-version']))('after the faulty examples, the rule of each fault fails, with the offending request as evidence', async () => {
    const dir = reportDir();
    const s = await served(dir);
    for (const command of ['python3 examples/python/change_password_faulty.py', 'java -Dfault=canonical-uri-without-slash examples/java/ChangePassword.java']) {
      const client = await startProcessClient({ command });
      try {
        await changeBoth(s.url, client, 1);
      } finally {
        await client.close();
      }
    }
    await state(s.url, { action: 'setup', state: 'client report' });
    const report = readJsonReport(dir);
    expect(byId(report)).toMatchObject({ 'BCC-CLIENT-ENCRYPTION': 'fail', 'DCS-CLIENT-SIGNATURE': 'fail', 'BCC-CLIENT-SIGNATURE': 'pass', 'DCS-CLIENT-ROUTE': 'pass', 'BCC-CLIENT-BODY': 'pass' });
    expect(report.summary.conformant).toBe(false);
    const signature = report.rules.find((r) => r.id === 'DCS-CLIENT-SIGNATURE')!;
    expect(signature.reason).toMatch(/^1 of 2 requests broke it; first: mismatch: signature does not match/);
    expect(signature.counterexample!.transcript[0]!.request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=SIMDCSTESTAK0001, SignedHeaders=[^,]+, Signature=<redacted>$/);
    const md = readFileSync(join(dir, 'conformance-report.md'), 'utf8');
    expect(md).toContain('Server-side canonical request was');
    expect(md).toContain('string to sign');
    expect(md).toContain('the client sent: PUT /v2/p1/instances/d-1/password with authorization: SDK-HMAC-SHA256 Access=SIMDCSTESTAK0001');
    for (const file of ['conformance-report.json', 'conformance-report.md', 'conformance-report.html', 'conformance-report.junit.xml']) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text).not.toContain(DEFAULT_CREDENTIALS.dcs.secretAccessKey);
      expect(text).not.toContain('NewPass@451');
    }
  }, 120_000);
});
