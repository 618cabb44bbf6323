/**
 * Each faulty client, loaded the way `--client faulty:<name>` loads it, plants its one mistake:
 * the client-rule oracle fails the rule named for it on a valid change, and no other — both as
 * the simulator records it and as the suites judge the requests the client sent.
 */
import { describe, expect, it } from 'vitest';
import { clientTarget } from '../targets/client-target.ts';
import { loadAdapter } from './load-adapter.ts';
import { FAULTY_CLIENTS } from './faulty-clients.ts';
import { KitError } from '../errors/kit-error.ts';
import { judgeClientRequest } from '../client-oracle/judge.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';

const contracts = { bcc: loadSpec(builtinSpecPath('bcc')), dcs: loadSpec(builtinSpecPath('dcs')) };

describe('faulty clients', () => {
  it.each(Object.entries(FAULTY_CLIENTS))('%s fails its rule', async (name, client) => {
    const target = await clientTarget(await loadAdapter(`faulty:${name}`));
    try {
      if (client.service === 'bcc') {
        await target.state!.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
        await target.changePassword({ service: 'bcc', instanceId: 'i-1', password: 'Abc12345!' });
      } else {
        await target.state!.setupDcsInstance({ projectId: 'p1', instanceId: 'inst-1', status: 'RUNNING', password: 'OldPass@123' });
        await target.changePassword({ service: 'dcs', projectId: 'p1', instanceId: 'inst-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456' });
      }
      const findings = await target.takeClientFindings!();
      const failed = [...new Set(findings.filter((f) => !f.ok).map((f) => f.rule))];
      // Exactly one mistake: the named rule fails, and no other client rule does.
      expect(failed, JSON.stringify(findings)).toEqual([client.caughtBy]);
      // The suites' way: the requests as sent, judged by the oracle outside the simulator.
      const sent = await target.takeClientRequests!();
      expect(sent.length).toBeGreaterThan(0);
      const credential = target.credentials[client.service];
      const own = sent.flatMap((s) => judgeClientRequest(contracts[client.service], s.request, { secretFor: (ak) => (ak === credential.accessKeyId ? credential.secretAccessKey : undefined), now: s.at }));
      expect([...new Set(own.filter((f) => !f.ok).map((f) => f.rule))], JSON.stringify(own)).toEqual([client.caughtBy]);
    } finally {
      await target.close();
    }
  });

  it('an unknown name is a configuration error naming the known ones', async () => {
    const error = await loadAdapter('faulty:nope').catch((e: unknown) => e);
    expect(KitError.is(error)).toBe(true);
    expect(String((error as KitError).fix)).toContain('bcc-post-instead-of-put');
  });
});
