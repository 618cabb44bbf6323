/** BCC preconditions (seed page, opening constraint and error-code table): which statuses may change, and unknown instances. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { describeOutcome, expectAccepted, expectPassword, expectRejected, expectRejectedAsOneOf } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { show } from '../generators/passwords.ts';
import { FIXED_PASSWORD, consensusPassword, facts, statuses } from './bcc-kit.ts';

/** Changes the password of a fresh instance in `status`; checks it is accepted and stored. */
async function acceptsIn(rc: RuleContext, status: string, password: string): Promise<void> {
  const instance = await rc.bccInstance(status);
  const result = await rc.change(`change a ${status} instance to ${show(password)}`, { service: 'bcc', instanceId: instance.instanceId, password });
  expectAccepted(rc, result, `200 for a ${status} instance`);
  await expectPassword(rc, 'bcc', instance, password, 'the new password is stored');
}

/** Tries a valid password on an instance in a forbidden status; checks the 409 and nothing changed. */
async function forbiddenIn(rc: RuleContext, status: string, password: string): Promise<void> {
  const instance = await rc.bccInstance(status);
  const result = await rc.change(`change a ${status} instance to ${show(password)}`, { service: 'bcc', instanceId: instance.instanceId, password });
  expectRejected(rc, result, 'forbidden-status');
  await expectPassword(rc, 'bcc', instance, instance.password, `the password of a ${status} instance is kept`);
}

const describeCase = ([status, password]: [string, string]) => `${status}, ${show(password)}`;

ruleCheck('BCC-STATUS-ALLOWED', { needs: ['setupState'] }, async (rc) => {
  // Only the statuses every reading of BCC-A1 allows; Running is BCC-A1's to judge.
  await examples(rc, 'each allowed status', statuses.allowed, (status) => acceptsIn(rc, status, FIXED_PASSWORD));
  await property(rc, 'allowed status, any valid password', fc.tuple(fc.constantFrom(...statuses.allowed), consensusPassword), ([s, pw]) => acceptsIn(rc, s, pw), { numRuns: 60, describe: describeCase });
});

ruleCheck('BCC-STATUS-409', { needs: ['setupState'] }, async (rc) => {
  // Every status no reading allows, each exactly once, then mixed with the password space.
  await examples(rc, 'each forbidden status', statuses.forbidden, (status) => forbiddenIn(rc, status, FIXED_PASSWORD));
  await property(rc, 'forbidden status, any valid password', fc.tuple(fc.constantFrom(...statuses.forbidden), consensusPassword), ([s, pw]) => forbiddenIn(rc, s, pw), { numRuns: 100, describe: describeCase });
  // A password that breaks the rules as well: which refusal comes first, no document says.
  await examples(rc, 'forbidden status and a password that breaks the rules', statuses.forbidden.slice(0, 2), async (status) => {
    const instance = await rc.bccInstance(status);
    const result = await rc.change(`change a ${status} instance to a too-short password`, { service: 'bcc', instanceId: instance.instanceId, password: 'Ab1!' });
    expectRejectedAsOneOf(rc, result, ['forbidden-status', 'password-violation']);
    rc.observe('status-vs-password-policy', 'which refusal a forbidden status with a bad password gets first', describeOutcome(result.outcome), `${status} instance`);
    await expectPassword(rc, 'bcc', instance, instance.password, `the password of a ${status} instance is kept`);
  });
});

/** Ids in the documented shape (`i-` and eight letters or digits, as `i-YufwpQAe` in the seed page's example). */
const wellFormed = fc.stringMatching(/^i-[A-Za-z0-9]{8}$/);
/** Other ids: a service may refuse their format first, so any 4xx will do. */
const otherIds = fc.stringMatching(/^[A-Za-z0-9-]{1,40}$/).filter((id) => !/^i-[A-Za-z0-9]{8}$/.test(id));

ruleCheck('BCC-NOT-FOUND', {}, async (rc) => {
  const change = (instanceId: string) => rc.change(`change unknown instance ${instanceId}`, { service: 'bcc', instanceId, password: FIXED_PASSWORD });
  const notFound = async (instanceId: string) => expectRejected(rc, await change(instanceId), 'unknown-instance');
  const anyFormat = async (instanceId: string) => expectRejectedAsOneOf(rc, await change(instanceId), ['unknown-instance', 'malformed-instance-id']);
  // Checks create instances with longer ids (`i-bcc-…`), never of this shape.
  await examples(rc, 'unknown well-formed ids', ['i-00000000', 'i-ZZZZZZZZ'], notFound);
  await property(rc, 'any unknown well-formed id', wellFormed, notFound, { numRuns: 40 });
  await property(rc, 'any other id', otherIds, anyFormat, { numRuns: 40 });
});
