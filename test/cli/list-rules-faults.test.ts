/** `list-rules --faults`: rule → faults as a user sees them, text and JSON. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-harness.ts';

describe('list-rules --faults', () => {
  it('lists every rule with the faults it catches and the run flags that show it', async () => {
    const r = await cli(['list-rules', '--faults']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^BCC-CLIENT-ROUTE\s+MUST/m);
    expect(r.stdout).toContain('run --client faulty:bcc-post-instead-of-put --service bcc --rules BCC-CLIENT-ROUTE');
    expect(r.stdout).toContain('run --fault lock-after-4 --rules DCS-LOCK-THRESHOLD');
    expect(r.stdout).toMatch(/^(\d+) of \1 rules shown able to fail$/m);
  });

  it('--json gives rule → faults and keeps fault → rule', async () => {
    const r = await cli(['list-rules', '--faults', '--json', '--service', 'dcs']);
    const out = JSON.parse(r.stdout) as { rules: Array<{ id: string; faults: Array<{ kind: string; name: string }> }>; plantedFaults: Record<string, { caughtBy: string }>; faultyClients: Record<string, { caughtBy: string }> };
    expect(out.rules.every((x) => x.id.startsWith('DCS-'))).toBe(true);
    expect(out.rules.find((x) => x.id === 'DCS-CLIENT-BODY')?.faults.map((f) => f.name)).toContain('dcs-camel-case-fields');
    expect(out.plantedFaults['lock-after-4']?.caughtBy).toBe('DCS-LOCK-THRESHOLD');
    expect(out.faultyClients['dcs-camel-case-fields']?.caughtBy).toBe('DCS-CLIENT-BODY');
  });
});
