/**
 * The Broker leg of the workflow: `pact verify` fetches a provider's pacts from a Broker (here a
 * fake one), verifies them against the simulator and publishes the result under the provider
 * version — what `can-i-deploy` then reads. A planted fault is published as a failure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBroker } from './fake-broker.ts';
import { credentialEnv, pactCli, removeTempDirs, startSimulator, tempDir, warnLines } from './pact-harness.ts';

const out = tempDir();
let pact: Record<string, unknown>;

beforeAll(async () => {
  const exported = await pactCli(['export', '--service', 'dcs', '--out', out]);
  expect(exported.code, exported.output).toBe(0);
  pact = JSON.parse(readFileSync(join(out, 'pwchange-conformance-huawei-dcs.json'), 'utf8')) as Record<string, unknown>;
}, 120_000);

/** Verifies the Broker's huawei-dcs pacts against a simulator with `faults`; returns the CLI result and what the Broker received. */
async function verifyFromBroker(faults: string[]): Promise<{ code: number | null; output: string; stdout: string; published: Record<string, unknown> | undefined; auth: string | undefined }> {
  const broker = await startFakeBroker(pact);
  const sim = await startSimulator({ faults });
  try {
    const r = await pactCli(
      ['verify', '--provider-url', sim.url, '--state-url', sim.stateUrl, '--broker-url', broker.url, '--provider', 'huawei-dcs', '--publish-version', '1.2.3'],
      { ...credentialEnv(), PACT_BROKER_TOKEN: 'broker-test-token' },
    );
    const post = broker.hits.find((h) => h.method === 'POST' && h.url.endsWith('/verification-results'));
    return { ...r, published: post ? (JSON.parse(post.body) as Record<string, unknown>) : undefined, auth: broker.hits[0]?.headers.authorization };
  } finally {
    await Promise.all([broker.close(), sim.close()]);
  }
}

afterAll(removeTempDirs);

describe('pact verify with a Broker', { timeout: 120_000 }, () => {
  it('fetches the pacts, passes, and publishes success under the provider version', async () => {
    const r = await verifyFromBroker([]);
    expect(r.code, r.output).toBe(0);
    expect(r.stdout).toMatch(/the huawei-dcs pacts of http:\/\/127\.0\.0\.1:\d+ passed .*; results published as huawei-dcs 1\.2\.3/);
    expect(r.auth).toBe('Bearer broker-test-token');
    expect(r.published).toMatchObject({ success: true, providerApplicationVersion: '1.2.3' });
    expect(warnLines(r.output)).toEqual([]);
  });

  it('publishes a failure when the provider breaks the lockout', async () => {
    const r = await verifyFromBroker(['lock-after-4']);
    expect(r.code, r.output).toBe(1);
    expect(r.published).toMatchObject({ success: false, providerApplicationVersion: '1.2.3' });
    // Pact's own mismatch texts travel to the Broker, where the failing build is read.
    expect(JSON.stringify(r.published)).toContain(`Expected 'locked' (String) to be equal to 'passwordFailed' (String)`);
  });
});
