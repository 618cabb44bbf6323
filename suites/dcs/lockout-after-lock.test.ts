/**
 * DCS-LOCK-THRESHOLD, what does and does not count towards the lock (seed page, lock_time row:
 * the account is locked after 5 consecutive incorrect old passwords; user manual: for 5 minutes).
 * Three things a target can get wrong that the focused and model checks leave to chance:
 * a count that survives the end of a lock, a rejected request with the right old password counted
 * as an incorrect one, and a request carrying no password at all resetting the count.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { changePath, clientError, facts, lockout, running, signedRequest, succeeded, type DcsInstance } from './dcs-kit.ts';

const T = lockout.threshold;
const WRONG = 'Wrong@Pass99';
/** Breaks every reading of the password rules: too short, one class. */
const BAD_NEW = 'x';
let counter = 0;
const fresh = (): string => `NewPass@${String(++counter).padStart(4, '0')}`;

/** A change through the target (the kit's builder, or the client under test). */
const change = (rc: RuleContext, instance: DcsInstance, label: string, oldPassword: string, newPassword: string) =>
  rc.change(label, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword, newPassword });

async function wrongTimes(rc: RuleContext, instance: DcsInstance, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await change(rc, instance, `wrong old password #${i + 1}`, WRONG, fresh());
}

async function right(rc: RuleContext, instance: DcsInstance, label: string) {
  const next = fresh();
  const sent = await change(rc, instance, label, instance.password, next);
  if (succeeded(sent.outcome)) instance.password = next;
  return sent;
}

ruleCheck('DCS-LOCK-THRESHOLD', { needs: ['setupState', 'moveClock'], locks: true }, async (rc) => {
  await examples(rc, 'after a lock ends the count starts again', [T - 1], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    await wrongTimes(rc, instance, T);
    // Past the documented 5 minutes (plus a minute's margin for rounding): the lock is over.
    await rc.target.state!.advanceClock(lockout.durationSeconds + 60);
    await wrongTimes(rc, instance, k);
    const sent = await right(rc, instance, `the right old password after the lock and ${k} new wrong attempts`);
    rc.check(succeeded(sent.outcome), describeOutcome(sent.outcome), `result=success: only ${k} incorrect attempts since the lock ended, fewer than ${T} (seed page, lock_time row)`);
  }, { describe: (k) => `${T} wrong, lock over, ${k} wrong, right` });
});

ruleCheck('DCS-LOCK-THRESHOLD', { needs: ['setupState'], locks: true }, async (rc) => {
  await examples(rc, 'a rejected new password with the right old one is not an incorrect attempt', [T - 1], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    await wrongTimes(rc, instance, k);
    const rejected = await change(rc, instance, 'the right old password, a new one breaking the rules', instance.password, BAD_NEW);
    rc.check(clientError(rejected.outcome), describeOutcome(rejected.outcome), 'a 4xx for a new password breaking the rules (DCS-PWD-LENGTH)');
    const sent = await right(rc, instance, 'the right old password and a valid new one');
    rc.check(succeeded(sent.outcome), describeOutcome(sent.outcome), `result=success: ${k} incorrect old passwords so far, fewer than ${T} (seed page, lock_time row); the old password of the rejected request was correct`);
  }, { describe: (k) => `${k} wrong, right old + invalid new, right` });

});

ruleCheck('DCS-LOCK-THRESHOLD', { needs: ['setupState', 'rawRequests'], locks: true }, async (rc) => {
  await examples(rc, 'a request without a password does not reset the count', [T - 1], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    await wrongTimes(rc, instance, k);
    const malformed = await rc.send('a body that is not JSON', await signedRequest(rc, changePath(instance.projectId, instance.instanceId), { body: `{"${facts.passwordPolicy.fields[1]}": ` }));
    rc.check(clientError(malformed.outcome), describeOutcome(malformed.outcome), 'a 4xx for a body that is not JSON (DCS-BODY-NOT-JSON-4005)');
    await wrongTimes(rc, instance, T - k);
    const sent = await right(rc, instance, `the right old password after ${T} incorrect ones`);
    rc.check(!succeeded(sent.outcome), describeOutcome(sent.outcome), `locked: ${T} incorrect old passwords in a row; the request between them carried no password, so it was no attempt (seed page, lock_time row)`);
  }, { describe: (k) => `${k} wrong, malformed body, ${T - k} wrong, right` });
});
