/**
 * Client side: an SDK's own test suite runs against the same interactions on Pact's mock server
 * (test/pact/huawei-sdk-consumer.ts with the shipped `huawei-core` adapter) and produces its own
 * pact from the SDK's real requests — which then verifies green against the provider.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangePasswordOutcome } from '../../src/clients/client.ts';
import { serviceCases } from '../../src/pact/cases.ts';
import { credentialEnv, pactCli, removeTempDirs, runScript, startSimulator, tempDir, warnLines } from './pact-harness.ts';

afterAll(removeTempDirs);

describe('an SDK consumer test against the kit\'s interactions', { timeout: 120_000 }, () => {
  it('the huawei-core adapter gets every documented answer, and its pact verifies against the simulator', async () => {
    const dir = tempDir();
    const run = await runScript('test/pact/huawei-sdk-consumer.ts', [dir, 'huawei-core-sdk']);
    expect(run.code, run.output).toBe(0);
    expect(warnLines(run.output)).toEqual([]);

    const { contract, cases } = serviceCases('dcs');
    const { outcomes } = JSON.parse(run.stdout) as { outcomes: Array<{ description: string; outcome: ChangePasswordOutcome }> };
    expect(outcomes.map((o) => o.description)).toEqual(cases.map((c) => c.description));
    const lockout = contract.facts.lockout!;
    const outcome = (description: string): ChangePasswordOutcome => outcomes.find((o) => o.description === description)!.outcome;
    expect(outcome('a valid password change on an instance in status RUNNING')).toMatchObject({ kind: 'success', body: { result: lockout.results.success } });
    expect(outcome('a password change on an unknown instance')).toMatchObject({ kind: 'error', status: 404, code: contract.facts.notFound });
    expect(outcome(`lockout: wrong old password, attempt 2 of ${lockout.threshold}`)).toMatchObject({ kind: 'success', body: { result: lockout.results.wrongPassword, retry_times_left: String(lockout.threshold - 2) } });
    expect(outcome(`lockout: after ${lockout.threshold} wrong attempts even the right old password answers locked`)).toMatchObject({ kind: 'success', body: { result: lockout.results.locked } });

    const file = join(dir, 'huawei-core-sdk-huawei-dcs.json');
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { consumer: { name: string }; provider: { name: string }; interactions: unknown[] };
    expect([pact.consumer.name, pact.provider.name, pact.interactions.length]).toEqual(['huawei-core-sdk', 'huawei-dcs', cases.length]);

    // The Broker flow in one step: the provider verifies the SDK's pact.
    const sim = await startSimulator();
    try {
      const verified = await pactCli(['verify', '--provider-url', sim.url, '--state-url', sim.stateUrl, file], credentialEnv());
      expect(verified.code, verified.output).toBe(0);
      expect(verified.output).toContain('Verifying a pact between huawei-core-sdk and huawei-dcs');
    } finally {
      await sim.close();
    }
  });
});
