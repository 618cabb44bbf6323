/**
 * The simulator records the client-rule oracle's findings, not its own verdicts: where a planted
 * fault makes the simulator accept a request, the findings still judge it by the documents.
 */
import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import { BASE, state } from './sim-test-kit.ts';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';

describe('client findings come from the oracle', () => {
  it('skip-signature-check: a wrong signature is answered 200, and still recorded as a SIGNATURE failure', async () => {
    const sim = createSimulator({ faults: ['skip-signature-check'] });
    await state(sim, 'bcc instance', { instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
    const res = await sim.handle(await buildBccChangePassword({ baseUrl: BASE, instanceId: 'i-1', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc, fault: 'wrong-key' }));
    expect(res.status).toBe(200);
    const findings = sim.recorder.exchanges().at(-1)!.findings;
    expect(findings.filter((f) => !f.ok).map((f) => f.rule)).toEqual(['BCC-CLIENT-SIGNATURE']);
    expect(findings.find((f) => f.rule === 'BCC-CLIENT-SIGNATURE')!.detail).toMatch(/^mismatch: /);
  });

  it('dcs-skew-25-min (a patched fact): X-Sdk-Date 20 minutes off is accepted, and still fails SIGNATURE under the documented 900 s', async () => {
    const sim = createSimulator({ faults: ['dcs-skew-25-min'] });
    await state(sim, 'dcs instance', { projectId: 'proj-1', instanceId: 'd-1', status: 'RUNNING', password: 'OldPass@123' });
    const now = new Date(Date.now() - 20 * 60_000);
    const res = await sim.handle(await buildDcsChangePassword({ baseUrl: BASE, projectId: 'proj-1', instanceId: 'd-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs, now }));
    expect(res.status).toBe(200);
    const findings = sim.recorder.exchanges().at(-1)!.findings;
    expect(findings.filter((f) => !f.ok).map((f) => f.rule)).toEqual(['DCS-CLIENT-SIGNATURE']);
    expect(findings.find((f) => f.rule === 'DCS-CLIENT-SIGNATURE')!.detail).toMatch(/^expired: .*at most 900s/);
  });

  it('without a fault, the same skewed request is refused and recorded the same way', async () => {
    const sim = createSimulator();
    await state(sim, 'dcs instance', { projectId: 'proj-1', instanceId: 'd-1', status: 'RUNNING', password: 'OldPass@123' });
    const now = new Date(Date.now() - 20 * 60_000);
    const res = await sim.handle(await buildDcsChangePassword({ baseUrl: BASE, projectId: 'proj-1', instanceId: 'd-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs, now }));
    expect(res.status).toBe(401);
    expect(sim.recorder.exchanges().at(-1)!.findings.filter((f) => !f.ok).map((f) => f.rule)).toEqual(['DCS-CLIENT-SIGNATURE']);
  });
});
