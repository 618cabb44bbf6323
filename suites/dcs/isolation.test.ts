/**
 * DCS-ISOLATION: a change affects only the instance the path addresses (seed page, path
 * parameter table: `instance_id` names the one instance the operation acts on). Catches a
 * store keyed by project, or one that writes the "last instance" instead of the addressed one.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectPassword } from '../harness/expectations.ts';
import { running, succeeded } from './dcs-kit.ts';

const NEXT = 'NewPass@456';

ruleCheck('DCS-ISOLATION', { needs: ['setupState'] }, async (rc) => {
  await examples(rc, 'two instances of one project, one changed', ['first', 'second'] as const, async (which) => {
    const a = await rc.dcsInstance(running, 'OldPass@123');
    const b = await rc.dcsInstance(running, 'OtherPass@789', false, a);
    // A live target hands out fixtures: with only one, there is no second instance to watch.
    if (a.instanceId === b.instanceId) return rc.skip(`needs two distinct DCS instances; the target handed out ${a.instanceId} twice`);
    const [changed, other] = which === 'first' ? [a, b] : [b, a];
    const sent = await rc.change(`change ${changed.instanceId}`, { service: 'dcs', projectId: changed.projectId, instanceId: changed.instanceId, oldPassword: changed.password, newPassword: NEXT });
    rc.check(succeeded(sent.outcome), describeOutcome(sent.outcome), 'result=success for a valid change (DCS-PWD-ACCEPT-VALID)');
    // The other instance still takes its own password: "instance_id" addresses one instance only.
    await expectPassword(rc, 'dcs', other, other.password, `the password of ${other.instanceId}, which was not addressed, is unchanged`);
    const own = await rc.change(`change ${other.instanceId} with its own old password`, { service: 'dcs', projectId: other.projectId, instanceId: other.instanceId, oldPassword: other.password, newPassword: NEXT });
    rc.check(succeeded(own.outcome), `${describeOutcome(own.outcome)} for the untouched instance's own old password`, 'result=success: a change of another instance must not change this one (seed page, path parameter instance_id)');
  });
});
