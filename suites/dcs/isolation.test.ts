/**
 * DCS-ISOLATION: a change affects only the instance the path addresses (seed page, path
 * parameter table: `instance_id` names the one instance the operation acts on). Catches a
 * store keyed by project, or one that writes the "last instance" instead of the addressed one.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectPassword } from '../harness/expectations.ts';
import { changeRequest, running, succeeded } from './dcs-kit.ts';

const NEXT = 'NewPass@456';

ruleCheck('DCS-ISOLATION', { needs: ['setupState'] }, async (rc) => {
  await examples(rc, 'two instances of one project, one changed', ['first', 'second'] as const, async (which) => {
    const a = await rc.dcsInstance(running, 'OldPass@123');
    const b = await rc.dcsInstance(running, 'OtherPass@789');
    const [changed, other] = which === 'first' ? [a, b] : [b, a];
    const sent = await rc.send(`change ${changed.instanceId}`, await changeRequest(rc, changed, changed.password, NEXT));
    rc.check(succeeded(sent.outcome), describeOutcome(sent.outcome), 'result=success for a valid change (DCS-PWD-ACCEPT-VALID)');
    // The other instance still takes its own password: "instance_id" addresses one instance only.
    await expectPassword(rc, 'dcs', other, other.password, `the password of ${other.instanceId}, which was not addressed, is unchanged`);
    const own = await rc.send(`change ${other.instanceId} with its own old password`, await changeRequest(rc, other, other.password, NEXT));
    rc.check(succeeded(own.outcome), `${describeOutcome(own.outcome)} for the untouched instance's own old password`, 'result=success: a change of another instance must not change this one (seed page, path parameter instance_id)');
  });
});
