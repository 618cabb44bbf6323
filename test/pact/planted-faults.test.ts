/**
 * The exported pacts catch broken providers: verification against the simulator with a planted
 * fault fails (exit 1), and both Pact's own report and the kit's summary name the interaction
 * and the mismatch.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialEnv, pactCli, removeTempDirs, startSimulator, tempDir } from './pact-harness.ts';

const out = tempDir();

beforeAll(async () => {
  const exported = await pactCli(['export', '--out', out]);
  expect(exported.code, exported.output).toBe(0);
}, 120_000);

/** Verifies one exported pact against a simulator with `faults` planted. */
async function verifyWithFault(fault: string, provider: string): Promise<Awaited<ReturnType<typeof pactCli>>> {
  const sim = await startSimulator({ faults: [fault] });
  try {
    return await pactCli(['verify', '--provider-url', sim.url, '--state-url', sim.stateUrl, join(out, `pwchange-conformance-${provider}.json`)], credentialEnv());
  } finally {
    await sim.close();
  }
}

afterAll(removeTempDirs);

describe('pact verify against a faulty simulator', { timeout: 120_000 }, () => {
  it('lock-after-4: fails the lockout steps from the fourth wrong attempt on, by name', async () => {
    const r = await verifyWithFault('lock-after-4', 'huawei-dcs');
    expect(r.code, r.output).toBe(1);
    // Pact's own readable report (native, on stdout).
    expect(r.stdout).toMatch(/Failures:/);
    expect(r.output).toMatch(/lockout: wrong old password, attempt 4 of 5[\s\S]*\$\.retry_times_left -> Expected '0' \(String\) to be equal to '1' \(String\)/);
    // The kit's summary: one line per failed interaction, then its mismatches.
    expect(r.stderr).toMatch(/interaction\(s\) failed against http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stderr).toMatch(/✗ .*lockout: wrong old password, attempt 5 of 5\n\s+\$\.result: Expected 'locked' \(String\) to be equal to 'passwordFailed' \(String\)/);
  });

  it('allow-starting: fails the change on a Starting BCC instance, by name', async () => {
    const r = await verifyWithFault('allow-starting', 'baidu-bcc');
    expect(r.code, r.output).toBe(1);
    expect(r.stdout).toMatch(/Failures:/);
    expect(r.stderr).toMatch(/✗ .*a valid password change on an instance in status Starting\n(\s+.*\n)*\s+expected 409 but was 200/);
    // Every other status is still refused: only the planted fault fails.
    expect(r.stderr).toMatch(/pact verify: 1 interaction\(s\) failed/);
  });
});
