/**
 * Export → verify round trip: the exported pacts are Pact V4 files holding the kit's cases
 * (facts read from the specs), and Pact's own Verifier passes them against the simulator,
 * with no WARN line from Pact (JS or native) while writing or loading them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceCases } from '../../src/pact/cases.ts';
import { credentialEnv, pactCli, removeTempDirs, startSimulator, tempDir, warnLines } from './pact-harness.ts';

interface PactJson {
  consumer: { name: string };
  provider: { name: string };
  metadata: { pactSpecification: { version: string } };
  interactions: Array<{ type: string; description: string; providerStates?: Array<{ name: string; params: Record<string, unknown> }>; response: { status: number; body?: { content?: Record<string, unknown> } } }>;
}

const out = tempDir();
const readPact = (name: string): PactJson => JSON.parse(readFileSync(join(out, name), 'utf8')) as PactJson;
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator();
  const exported = await pactCli(['export', '--service', 'all', '--out', out]);
  expect(exported.code, exported.output).toBe(0);
  expect(warnLines(exported.output)).toEqual([]);
}, 120_000);
afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

describe('pact export', { timeout: 120_000 }, () => {
  it('writes under the report dir by default, never a pacts/ of the working directory', async () => {
    const cwd = tempDir('pact-cwd-');
    const byDefault = await pactCli(['export', '--service', 'dcs'], {}, cwd);
    expect(byDefault.code, byDefault.output).toBe(0);
    expect(readdirSync(join(cwd, 'conformance-report/pacts'))).toEqual(['pwchange-conformance-huawei-dcs.json']);
    const elsewhere = await pactCli(['export', '--service', 'dcs', '--report-dir', 'out'], {}, cwd);
    expect(elsewhere.code, elsewhere.output).toBe(0);
    expect(elsewhere.stdout).toContain(join('out', 'pacts', 'pwchange-conformance-huawei-dcs.json'));
    expect(readdirSync(cwd).sort()).toEqual(['conformance-report', 'out']);
  });

  it('writes one V4 pact per provider, with every representative case of the specs', () => {
    expect(readdirSync(out).sort()).toEqual(['pwchange-conformance-baidu-bcc.json', 'pwchange-conformance-huawei-dcs.json']);
    for (const [service, file, provider] of [['bcc', 'pwchange-conformance-baidu-bcc.json', 'baidu-bcc'], ['dcs', 'pwchange-conformance-huawei-dcs.json', 'huawei-dcs']] as const) {
      const pact = readPact(file);
      expect(pact.metadata.pactSpecification.version).toBe('4.0');
      expect(pact.consumer.name).toBe('pwchange-conformance');
      expect(pact.provider.name).toBe(provider);
      expect(pact.interactions.every((i) => i.type === 'Synchronous/HTTP')).toBe(true);
      expect(pact.interactions.map((i) => i.description).sort()).toEqual(serviceCases(service).cases.map((c) => c.description).sort());
    }
  });

  it('covers every BCC status the spec does not allow, each answered with the documented 409 code', () => {
    const { contract } = serviceCases('bcc');
    const forbidden = contract.allStatuses.filter((s) => !contract.facts.statuses.allowed.includes(s));
    const interactions = readPact('pwchange-conformance-baidu-bcc.json').interactions.filter((i) => forbidden.includes(String(i.providerStates?.[0]?.params?.status)));
    expect(interactions).toHaveLength(forbidden.length);
    const code = contract.facts.statuses.onForbidden;
    for (const i of interactions) {
      expect(i.response.status).toBe(contract.facts.errors[code]!.status);
      expect(i.response.body?.content?.code).toBe(code);
    }
  });

  it('spells the DCS lockout out step by step: retry_times_left counts down, then locked', () => {
    const { contract } = serviceCases('dcs');
    const lockout = contract.facts.lockout!;
    const pact = readPact('pwchange-conformance-huawei-dcs.json');
    for (let attempt = 1; attempt <= lockout.threshold; attempt++) {
      const step = pact.interactions.find((i) => i.description === `lockout: wrong old password, attempt ${attempt} of ${lockout.threshold}`)!;
      expect(step.response.body?.content?.[lockout.fields.retriesLeft]).toBe(String(lockout.threshold - attempt));
      expect(step.response.body?.content?.[lockout.fields.result]).toBe(lockout.results.wrongPassword);
      const replay = step.providerStates?.find((s) => s.name === 'dcs failed attempts');
      expect(replay?.params.count ?? 0).toBe(attempt - 1);
    }
    const locked = pact.interactions.find((i) => i.description.startsWith('lockout: after'))!;
    expect(locked.providerStates?.map((s) => [s.name, s.params.count])).toEqual([['dcs instance', undefined], ['dcs failed attempts', lockout.threshold]]);
    expect(locked.response.body?.content?.[lockout.fields.result]).toBe(lockout.results.locked);
  });

  it('names the consumer as asked and writes only the asked service', async () => {
    const dir = tempDir();
    const r = await pactCli(['export', '--service', 'dcs', '--out', dir, '--consumer', 'my-team-sdk']);
    expect(r.code, r.output).toBe(0);
    expect(readdirSync(dir)).toEqual(['my-team-sdk-huawei-dcs.json']);
    // Signed at a fixed time with fixed keys: a re-export is byte-for-byte the same file.
    expect(readFileSync(join(dir, 'my-team-sdk-huawei-dcs.json'), 'utf8').replace(/my-team-sdk/g, 'pwchange-conformance')).toBe(readFileSync(join(out, 'pwchange-conformance-huawei-dcs.json'), 'utf8'));
  });
});

describe('pact verify against the simulator', { timeout: 120_000 }, () => {
  it('honours NO_COLOR, FORCE_COLOR and a pipe in what Pact\'s native core prints', async () => {
    const args = ['verify', '--provider-url', sim.url, '--state-url', sim.stateUrl, join(out, 'pwchange-conformance-baidu-bcc.json')];
    const ESC = '\u001b[';
    // Pact colours its report whatever the environment says: FORCE_COLOR shows that it does.
    const forced = await pactCli(args, { ...credentialEnv(), FORCE_COLOR: '1' });
    expect(forced.code, forced.output).toBe(0);
    expect(forced.stdout).toContain(ESC);
    for (const env of [{ NO_COLOR: '1' }, { NO_COLOR: '' }]) {
      const plain = await pactCli(args, { ...credentialEnv(), ...env });
      expect(plain.code, plain.output).toBe(0);
      expect(plain.stdout).toContain('Verifying a pact between pwchange-conformance and baidu-bcc');
      expect(plain.stdout + plain.stderr, JSON.stringify(env)).not.toContain('\u001b');
    }
  });

  it.each([['baidu-bcc'], ['huawei-dcs']])('passes the %s pact (exit 0), and Pact loads it without a WARN line', async (provider) => {
    // At info level Pact logs everything it notices while loading and verifying the file.
    const r = await pactCli(['verify', '--log-level', 'info', '--provider-url', sim.url, '--state-url', sim.stateUrl, join(out, `pwchange-conformance-${provider}.json`)], credentialEnv());
    expect(r.code, r.output).toBe(0);
    expect(r.output).toContain(`Verifying a pact between pwchange-conformance and ${provider}`);
    expect(r.output).not.toMatch(/FAILED|Failures:/);
    expect(warnLines(r.output)).toEqual([]);
    expect(r.stdout).toMatch(/every interaction of 1 pact file\(s\) passed/);
  });

  it('re-encrypts adminPass and re-signs for a provider whose keys are not the pact\'s', async () => {
    const keys = { bcc: { accessKeyId: 'other-bcc-ak', secretAccessKey: 'Other-BCC-secret-key-0123456789' }, dcs: { accessKeyId: 'OTHERDCSAK', secretAccessKey: 'Other-DCS-secret-key-0123456789' } };
    const other = await startSimulator({ credentials: { bcc: [keys.bcc], dcs: [keys.dcs] } });
    try {
      const r = await pactCli(['verify', '--provider-url', other.url, '--state-url', other.stateUrl, join(out, 'pwchange-conformance-baidu-bcc.json'), join(out, 'pwchange-conformance-huawei-dcs.json')], credentialEnv(keys));
      expect(r.code, r.output).toBe(0);
      expect(r.stdout).toMatch(/every interaction of 2 pact file\(s\) passed/);
    } finally {
      await other.close();
    }
  });
});
