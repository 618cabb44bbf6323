/**
 * Edges of the DCS lockout answers that the focused and model checks leave open (seed page,
 * response table: `lock_time_left` is the *lockout remaining time*, in minutes, 0–5;
 * `retry_times_left` the number of remaining attempts; lock_time row: locked after 5
 * consecutive incorrect attempts, for 5 minutes).
 *
 * - Before any lock, `lock_time_left` is a number of minutes in 0–5 (seed page, response table).
 *   Which one is open: the v1 page's own example of a wrong password answers "5" with four
 *   attempts left, while "no lockout in force" reads as 0 — so the value is observed, not judged.
 * - While a lock is in force, a wrong or right attempt leaves `retry_times_left` at 0.
 * - In every `locked` answer from the lock on, `lock_time` is the lockout duration (5 minutes:
 *   user manual) and `lock_time_left` starts from it (5, or 4 where the target rounds down).
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { answerOf, minutesLeftChoices, type Answer } from './lockout-model.ts';
import { lockout, running } from './dcs-kit.ts';

const T = lockout.threshold;
const WRONG = 'Wrong@Pass99';
let counter = 0;
const fresh = (): string => `EdgePass@${String(++counter).padStart(4, '0')}`;

async function wrongAttempt(rc: RuleContext, instance: { projectId: string; instanceId: string }, n: number): Promise<Answer> {
  const result = await rc.change(`wrong old password #${n}`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: WRONG, newPassword: fresh() });
  return answerOf(lockout, result);
}

ruleCheck('DCS-LOCK-WRONG-OLD', { needs: ['setupState'] }, async (rc) => {
  await examples(rc, 'lock_time_left before the lock is a number of minutes', [T - 1], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    for (let n = 1; n <= k; n++) {
      const a = await wrongAttempt(rc, instance, n);
      // DCS-A2: a wrong password may also be an error response; then there is no body to read.
      if (a.kind !== 'result') continue;
      rc.check(a.lockTimeLeft !== undefined && /^[0-5]$/.test(a.lockTimeLeft), a.text, `lock_time_left a whole number of minutes from 0 to 5 (seed page, lock_time_left row)`);
      rc.observe('lock-time-left-before-lock', 'lock_time_left in a wrong-password answer before any lock', `"${a.lockTimeLeft}"`, `attempt ${n} of ${T}`);
    }
  }, { describe: (k) => `${k} wrong attempts, each answer's lock_time_left` });
});

ruleCheck('DCS-LOCK-BLOCKS', { needs: ['setupState'], locks: true }, async (rc) => {
  await examples(rc, 'no attempts remain while locked', [T], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    for (let n = 1; n <= k; n++) await wrongAttempt(rc, instance, n);
    const wrong = await wrongAttempt(rc, instance, k + 1);
    const right = answerOf(lockout, await rc.change('the right old password while locked', { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: fresh() }));
    for (const [what, a] of [['a wrong', wrong], ['the right', right]] as const) {
      rc.check(a.kind === 'result' && a.result === lockout.results.locked, a.text, `result=${lockout.results.locked} for ${what} old password during the lock (DCS-LOCK-BLOCKS)`);
      rc.check(a.retriesLeft !== undefined && Number(a.retriesLeft) === 0, a.text, `retry_times_left=0 for ${what} old password during the lock: no attempt remains until it ends (seed page, retry_times_left and lock_time rows)`);
    }
  }, { describe: (k) => `${k} wrong attempts, then a wrong and a right one while locked` });
});

ruleCheck('DCS-LOCK-DURATION', { needs: ['setupState'], locks: true }, async (rc) => {
  const minutes = String(Math.round(lockout.durationSeconds / 60));
  const fullLeft = minutesLeftChoices(lockout.durationSeconds * 1000);
  await examples(rc, 'the answers from the lock on state its duration and the time left', [T], async (k) => {
    const instance = await rc.dcsInstance(running, 'OldPass@123');
    for (let n = 1; n < k; n++) await wrongAttempt(rc, instance, n);
    // DCS-A1: the attempt reaching the threshold answers passwordFailed or locked; either way the lock has begun.
    const locking = await wrongAttempt(rc, instance, k);
    const during = await wrongAttempt(rc, instance, k + 1);
    for (const [what, a] of [['the answer that locks', locking], ['an attempt during the lock', during]] as const) {
      if (a.kind !== 'result') continue; // DCS-A2: an error response has no lock fields to read
      // DCS-A1 failed-on-fifth: the locking answer is still a passwordFailed, whose lock fields
      // may describe the state before or after the lock; no document says which, so it is observed.
      if (a.result !== lockout.results.locked) {
        rc.observe('lock-fields-at-threshold', 'lock_time and lock_time_left in a passwordFailed answer that reaches the threshold', `lock_time "${a.lockTime}", lock_time_left "${a.lockTimeLeft}"`, what);
        continue;
      }
      rc.check(a.lockTime === minutes, a.text, `lock_time=${minutes} in ${what}: the lockout lasts ${minutes} minutes (seed page, lock_time row; user manual)`);
      rc.check(a.lockTimeLeft !== undefined && fullLeft.includes(a.lockTimeLeft), a.text, `lock_time_left=${fullLeft.join(' or ')} in ${what}, with no time passed since the lock began (seed page, lock_time_left row)`);
    }
  }, { describe: (k) => `${k} wrong attempts, then one more during the lock` });
});
