/** DCS preconditions (user manual's status and password-free rules; the error-code table's 4049, 4850 and 3022). */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { expectNo5xx, expectRejected, expectRejectedAsOneOf } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { show } from '../generators/passwords.ts';
import { agreedValid, consensus, cycled, expectUnchanged, facts, nonRunning, projectOf, readingsOf, running, succeeded } from './dcs-kit.ts';

const next = cycled(consensus.classes, consensus.minLength, 11);

/** A valid change (right old password) on a fresh instance in `status`. */
async function tryChange(rc: RuleContext, status: string, passwordFree = false, newPassword = next) {
  const instance = await rc.dcsInstance(status, undefined, passwordFree);
  const result = await rc.change(`change on a ${status}${passwordFree ? ' password-free' : ''} instance`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword });
  return { instance, result };
}

/** The DCS-A5 reading under which every status may change the password. */
const anyStatus = readingsOf('DCS-A5').find((r) => nonRunning.every((s) => r.facts.statuses.allowed.includes(s)));

ruleCheck('DCS-STATUS-4049', { needs: ['setupState'] }, async (rc) => {
  // DCS-A5 disputes whether the rule exists at all: first see which reading the target follows.
  const accepted: string[] = [];
  await examples(rc, 'probe each non-running status', nonRunning, async (status) => {
    const { result } = await tryChange(rc, status);
    expectNo5xx(rc, result);
    if (succeeded(result.outcome)) accepted.push(status);
  });
  if (anyStatus && accepted.length === nonRunning.length) {
    rc.skip(`target follows DCS-A5=${anyStatus.name}; see DCS-A5`);
    return;
  }
  // Otherwise the rule holds, for every status alike: a mix of accepted and refused fails here.
  await examples(rc, 'each non-running status is refused', nonRunning, async (status) => {
    const { instance, result } = await tryChange(rc, status);
    expectRejected(rc, result, 'forbidden-status');
    await expectUnchanged(rc, instance);
  });
});

ruleCheck('DCS-PASSWORD-FREE-4850', { needs: ['setupState'] }, async (rc) => {
  if (!facts.expectations['password-free']) {
    rc.skip('the spec names no expectation for password-free instances');
    return;
  }
  const refused = async (pw: string) => {
    const { instance, result } = await tryChange(rc, running, true, pw);
    expectRejected(rc, result, 'password-free');
    await expectUnchanged(rc, instance);
  };
  await examples(rc, 'a running password-free instance', [next], refused, { describe: show });
  await property(rc, 'any valid new password', agreedValid, refused, { numRuns: 30, describe: show });
});

/**
 * Unknown ids. DCS instance ids are UUIDs: a UUID that names no instance must get DCS.3022. Any
 * other text may be refused for its format first (a 400 is as right as the 404), so those ids
 * only need a 4xx. Dot segments and '/' are left out: URL parsing rewrites them.
 */
const otherIds = fc
  .oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }))
  .filter((id) => id !== '.' && id !== '..' && !id.includes('/') && !id.startsWith('dcs-'));

ruleCheck('DCS-NOT-FOUND-3022', {}, async (rc) => {
  const change = (instanceId: string) => rc.change(`change on unknown ${JSON.stringify(instanceId)}`, { service: 'dcs', projectId: projectOf(rc), instanceId, oldPassword: cycled(consensus.classes, consensus.minLength, 2), newPassword: next });
  const missing = async (instanceId: string) => expectRejected(rc, await change(instanceId), 'unknown-instance');
  const anyFormat = async (instanceId: string) => expectRejectedAsOneOf(rc, await change(instanceId), ['unknown-instance', 'malformed-instance-id']);
  await examples(rc, 'unknown UUIDs', ['00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff'], missing);
  await property(rc, 'any unknown UUID', fc.uuid(), missing, { numRuns: 40 });
  await property(rc, 'any other id', otherIds, anyFormat, { numRuns: 40 });
});
