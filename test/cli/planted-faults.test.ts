import { describe, it, expect } from 'vitest';
import { PLANTED_FAULTS } from '../../src/simulator/faults.ts';
import { cli, readJsonReport, reportDir } from './cli-harness.ts';

// Each planted fault must be caught by the rule named for it: proof that the rule can fail.
describe('planted faults are caught by the rule named for them', () => {
  it('has at least 12 faults', () => {
    expect(Object.keys(PLANTED_FAULTS).length).toBeGreaterThanOrEqual(12);
  });

  it.concurrent.each(Object.entries(PLANTED_FAULTS))('%s → %o', async (name, fault) => {
    const dir = reportDir();
    const service = fault.caughtBy.startsWith('BCC') ? 'bcc' : 'dcs';
    const r = await cli(['run', '--fault', name, '--service', service, '--rules', fault.caughtBy, '--report-dir', dir, '--format', 'json']);
    const rule = readJsonReport(dir).rules.find((x) => x.id === fault.caughtBy);
    expect(rule?.verdict, `${name}: ${rule?.reason}\n${r.stderr}`).toBe('fail');
    // With the default --fail-on must, only a MUST rule's failure makes the exit status 1.
    expect(r.code).toBe(rule?.level === 'MUST' ? 1 : 0);
  }, 240_000);
});
