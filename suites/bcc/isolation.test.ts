/**
 * BCC-ISOLATION: a change affects only the instance the path addresses (seed page, path
 * parameter table: `instanceId` names the one instance the operation acts on). BCC has no old
 * password in the request, so only the state protocol's inspect can see another instance.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectPassword } from '../harness/expectations.ts';
import { FIXED_PASSWORD, allowedStatus } from './bcc-kit.ts';

ruleCheck('BCC-ISOLATION', { needs: ['setupState', 'inspect'] }, async (rc) => {
  await examples(rc, 'two instances, one changed', ['first', 'second'] as const, async (which) => {
    const a = await rc.bccInstance(allowedStatus, 'Orig1234!');
    const b = await rc.bccInstance(allowedStatus, 'Other5678(', a);
    // A live target hands out fixtures: with only one, there is no second instance to watch.
    if (a.instanceId === b.instanceId) return rc.skip(`needs two distinct BCC instances; the target handed out ${a.instanceId} twice`);
    const [changed, other] = which === 'first' ? [a, b] : [b, a];
    const sent = await rc.change(`change ${changed.instanceId}`, { service: 'bcc', instanceId: changed.instanceId, password: FIXED_PASSWORD });
    rc.check(sent.outcome.kind === 'success', describeOutcome(sent.outcome), '200 for a valid change (BCC-PWD-ACCEPT-VALID)');
    await expectPassword(rc, 'bcc', changed, FIXED_PASSWORD, 'the addressed instance has the new password');
    await expectPassword(rc, 'bcc', other, other.password, `the password of ${other.instanceId}, which was not addressed, is unchanged (seed page, path parameter instanceId)`);
  });
});
