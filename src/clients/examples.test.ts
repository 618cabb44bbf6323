/**
 * The adapters under examples/, loaded the way `--client` loads them: each faulty one must
 * fail exactly its planted rule (and pass the others); the template must pass every rule.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { clientTarget } from '../targets/client-target.ts';
import type { Target } from '../targets/target.ts';
import { loadAdapter } from './load-adapter.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BCC_RULES = ['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE'];
const DCS_RULES = ['DCS-CLIENT-BODY', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-ROUTE', 'DCS-CLIENT-SIGNATURE'];

/** Loads an example, runs `body` against a fresh client target, and always closes it. */
async function withExample(path: string, body: (target: Target) => Promise<void>): Promise<void> {
  const target = await clientTarget(await loadAdapter(path, ROOT));
  try {
    await body(target);
  } finally {
    await target.close();
  }
}

/** One valid DCS change (RUNNING instance, right old password) through the target. */
async function validDcsChange(target: Target) {
  await target.state!.setupDcsInstance({ projectId: 'p1', instanceId: 'inst-1', status: 'RUNNING', password: 'OldPass@123' });
  return target.changePassword({ service: 'dcs', projectId: 'p1', instanceId: 'inst-1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456' });
}

/** Splits findings into the sorted rule ids that failed and those that passed. */
async function verdicts(target: Target): Promise<{ failed: string[]; passed: string[] }> {
  const findings = await target.takeClientFindings!();
  return {
    failed: findings.filter((f) => !f.ok).map((f) => f.rule).sort(),
    passed: findings.filter((f) => f.ok).map((f) => f.rule).sort(),
  };
}

describe('examples/', () => {
  it('faulty-plaintext-adapter fails BCC-CLIENT-ENCRYPTION only (its signature is fine)', async () => {
    await withExample('./examples/faulty-plaintext-adapter.ts', async (target) => {
      await target.state!.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
      const { outcome } = await target.changePassword({ service: 'bcc', instanceId: 'i-1', password: 'Abc12345!' });
      expect(outcome.kind).toBe('error');
      expect(await verdicts(target)).toEqual({ failed: ['BCC-CLIENT-ENCRYPTION'], passed: BCC_RULES.filter((r) => r !== 'BCC-CLIENT-ENCRYPTION') });
      expect(await target.state!.inspect({ service: 'bcc', instanceId: 'i-1' })).toMatchObject({ password: 'Orig1234!' });
    });
  });

  it('faulty-wrong-path-adapter fails DCS-CLIENT-SIGNATURE only (route, headers, body are fine)', async () => {
    await withExample('./examples/faulty-wrong-path-adapter.ts', async (target) => {
      const { outcome } = await validDcsChange(target);
      expect(outcome).toMatchObject({ kind: 'error', status: 401 });
      expect(await verdicts(target)).toEqual({ failed: ['DCS-CLIENT-SIGNATURE'], passed: DCS_RULES.filter((r) => r !== 'DCS-CLIENT-SIGNATURE') });
      expect(await target.state!.inspect({ service: 'dcs', projectId: 'p1', instanceId: 'inst-1' })).toMatchObject({ password: 'OldPass@123' });
    });
  });

  it('my-adapter-template passes every DCS client rule and changes the password', async () => {
    await withExample('./examples/my-adapter-template.ts', async (target) => {
      const { outcome } = await validDcsChange(target);
      expect(outcome).toMatchObject({ kind: 'success', status: 200, body: { result: 'success' } });
      expect(await verdicts(target)).toEqual({ failed: [], passed: DCS_RULES });
      expect(await target.state!.inspect({ service: 'dcs', projectId: 'p1', instanceId: 'inst-1' })).toMatchObject({ password: 'NewPass@456' });
    });
  });
});
