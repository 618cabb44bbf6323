/**
 * An SDK team's own consumer test, written the Pact way: the kit's DCS interactions are served
 * by Pact's mock server, the shipped `huawei-core` adapter (HcClient of the official
 * `@huaweicloud/huaweicloud-sdk-core`) calls it inside `executeTest`, and each outcome is asserted
 * there — so Pact writes the file only from requests the real SDK made and that matched.
 *
 * Run: `node --import tsx test/pact/huawei-sdk-consumer.ts <out-dir> <consumer-name>`; prints
 * `{"outcomes": [...]}` as JSON. A child process of sdk-consumer.test.ts (see pact-harness.ts).
 */
import '../../src/pact/pact-env.ts';
import assert from 'node:assert/strict';
import { PactV4 } from '@pact-foundation/pact';
import { BUILTIN_ADAPTERS } from '../../src/clients/adapters/index.ts';
import type { ChangePasswordOutcome } from '../../src/clients/client.ts';
import { PROVIDER_NAMES, serviceCases, type DcsCase, type Expected } from '../../src/pact/cases.ts';
import { executeCase } from '../../src/pact/export-pacts.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';

const [dir, consumer] = process.argv.slice(2);
if (!dir || !consumer) throw new Error('usage: huawei-sdk-consumer.ts <out-dir> <consumer-name>');

/** What the SDK must hand back for what the pact says the server answers. */
function assertOutcome(outcome: ChangePasswordOutcome, expected: Expected, fields: { result: string; retriesLeft: string }): void {
  if (expected.kind === 'error') {
    assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
    if (outcome.kind !== 'error') return;
    assert.equal(outcome.status, expected.status);
    assert.equal(outcome.code, expected.code);
    return;
  }
  assert.equal(outcome.kind, 'success', JSON.stringify(outcome));
  if (outcome.kind !== 'success' || expected.kind !== 'result') return;
  const body = outcome.body as Record<string, string>;
  assert.equal(body[fields.result], expected.result);
  assert.equal(body[fields.retriesLeft], String(expected.retriesLeft));
}

const adapter = await BUILTIN_ADAPTERS['huawei-core']!();
const { contract, cases } = serviceCases('dcs');
const fields = contract.facts.lockout!.fields;
const pact = new PactV4({ consumer, provider: PROVIDER_NAMES.dcs, dir, logLevel: 'warn' });
const outcomes: Array<{ description: string; outcome: ChangePasswordOutcome | undefined }> = [];
try {
  for (const pcase of cases as DcsCase[]) {
    const outcome = await executeCase(pact, contract, pcase, async (mock) => {
      const got = await adapter.changePassword(
        { service: 'dcs', projectId: pcase.projectId, instanceId: pcase.instanceId, oldPassword: pcase.oldPassword, newPassword: pcase.newPassword },
        { endpoint: mock.url, credentials: DEFAULT_CREDENTIALS.dcs },
      );
      assertOutcome(got, pcase.expected, fields);
      return got;
    });
    outcomes.push({ description: pcase.description, outcome });
  }
} finally {
  await adapter.close?.();
}
process.stdout.write(`${JSON.stringify({ outcomes })}\n`);
