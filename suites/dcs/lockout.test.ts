/**
 * DCS lockout (seed page, lock_time and result rows; user manual: five minutes): focused
 * checks per rule, a race, the two lockout ambiguities, and a model-based run of random
 * sequences that shrinks to a minimal transcript.
 */
import fc from 'fast-check';
import { documentedContract, ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { expectPassword } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { invalidUnderAll, policyReadings, statusReadings } from '../generators/policy-oracle.ts';
import { answerOf, attempt, expectLocked, type LockModel, type LockReal } from './lockout-model.ts';
import { Advance, InvalidNewAttempt, RightAttempt, SetStatus, WrongAttempt } from './lockout-commands.ts';
import { readingsOf } from './dcs-kit.ts';

const contract = documentedContract('dcs');
const facts = contract.facts.lockout!;
const T = facts.threshold;
const readings = policyReadings(contract);
const BAD_NEW = 'x'; // invalid under every reading: too short, one class
const ALLOWED = statusReadings(contract).allowed[0]!;
const FORBIDDEN = statusReadings(contract).forbidden[0] ?? contract.allStatuses.find((s) => !contract.facts.statuses.allowed.includes(s))!;
if (!invalidUnderAll(readings, BAD_NEW)) throw new Error('suite bug: BAD_NEW must break every reading');

let counter = 0;

/** A fresh instance in an allowed status, its model and the real side. */
async function start(rc: RuleContext): Promise<{ m: LockModel; real: LockReal }> {
  const instance = await rc.dcsInstance(ALLOWED, 'OldPass@123');
  const m: LockModel = { password: instance.password, failures: 0, lockedUntil: null, now: 0, status: ALLOWED };
  const timeline: LockReal['timeline'] = [];
  const real: LockReal = { rc, instance, timeline, fresh: () => `NewPass@${String(++counter).padStart(4, '0')}`, badNew: BAD_NEW, wrong: 'Wrong@Pass99', allowedStatus: ALLOWED, forbiddenStatus: FORBIDDEN };
  return { m, real };
}

async function wrongTimes(real: LockReal, m: LockModel, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new WrongAttempt().run(m, real);
}

ruleCheck('DCS-LOCK-WRONG-OLD', { needs: ['setupState'] }, async (rc) => {
  await property(rc, 'k wrong attempts count down', fc.integer({ min: 1, max: T - 1 }), async (k) => {
    const { m, real } = await start(rc);
    await wrongTimes(real, m, k);
    await expectPassword(rc, 'dcs', real.instance, m.password, 'a wrong old password changes nothing');
  }, { numRuns: 20, describe: (k) => `${k} wrong attempt(s)` });
});

ruleCheck('DCS-LOCK-THRESHOLD', { needs: ['setupState'], locks: true }, async (rc) => {
  await examples(rc, `${T - 1} wrong then right succeeds; ${T} wrong then right is locked`, [T - 1, T], async (k) => {
    const { m, real } = await start(rc);
    await wrongTimes(real, m, k);
    const { answer } = await attempt(real, m, 'right');
    if (k < T) rc.check(answer.result === facts.results.success, answer.text, `result=${facts.results.success} after ${k} wrong attempts (not locked yet)`);
    else {
      expectLocked(rc, m, answer, rc.rule);
      await expectPassword(rc, 'dcs', real.instance, m.password, 'no change while locked');
    }
  }, { describe: (k) => `${k} wrong attempts, then the right password` });
});

ruleCheck('DCS-LOCK-BLOCKS', { needs: ['setupState'], locks: true }, async (rc) => {
  await property(rc, 'attempts while locked', fc.array(fc.constantFrom<'wrong' | 'right' | 'bad-new'>('wrong', 'right', 'right', 'bad-new'), { minLength: 1, maxLength: 6 }), async (kinds) => {
    const { m, real } = await start(rc);
    await wrongTimes(real, m, T);
    for (const kind of kinds) {
      const cmd = kind === 'wrong' ? new WrongAttempt() : kind === 'right' ? new RightAttempt() : new InvalidNewAttempt();
      await cmd.run(m, real);
    }
    await expectPassword(rc, 'dcs', real.instance, m.password, 'the password is unchanged while locked');
    if (rc.target.capabilities.inspect) {
      const seen = await rc.inspect('dcs', real.instance);
      rc.check(seen.lockedUntil !== null, 'inspect reports no lock', 'still locked');
    }
  }, { numRuns: 15, describe: (k) => `locked, then: ${k.join(', ')}` });
});

ruleCheck('DCS-LOCK-DURATION', { needs: ['setupState', 'moveClock'], locks: true }, async (rc) => {
  const { m, real } = await start(rc);
  // Attached first: the steps fill in as they run, so a failing check still shows its timeline.
  rc.timelines.push({ rule: rc.rule, label: `${T} wrong attempts, then the right password each minute until the lock ends`, steps: real.timeline });
  await wrongTimes(real, m, T);
  // Minutes left count down as the clock moves, and the lock ends after the documented duration.
  for (const step of [60, 60, 60, 60, facts.durationSeconds - 241]) {
    await new Advance(step).run(m, real);
    await new RightAttempt().run(m, real);
  }
  await new Advance(1).run(m, real);
  await new RightAttempt().run(m, real);
  rc.check(m.lockedUntil === null, 'still locked', `unlocked after ${facts.durationSeconds}s`);
  rc.cases += 1;
});

ruleCheck('DCS-LOCK-DURATION', { needs: ['setupState', 'moveClock'], locks: true }, async (rc) => {
  // Whether a wrong attempt during a lock restarts it, no document says; either way a lock never
  // lasts more than 5 minutes from the last attempt that started it. The model learns the choice.
  await examples(rc, 'a wrong attempt two minutes into the lock', [120], async (after) => {
    const { m, real } = await start(rc);
    await wrongTimes(real, m, T);
    await new Advance(after).run(m, real);
    await new WrongAttempt().run(m, real);
    // Past the first lock's end, before a restarted lock's: the answer tells which reading holds.
    await new Advance(facts.durationSeconds - after + 10).run(m, real);
    await new RightAttempt().run(m, real);
    await new Advance(after).run(m, real);
    await new RightAttempt().run(m, real);
    rc.check(m.extends !== undefined, 'the answers did not show whether the lock was restarted', 'locked or success after the first lock ended');
  }, { describe: (s) => `${T} wrong, ${s}s later one more wrong, then the right password after each possible end` });
});

ruleCheck('DCS-LOCK-RESET-ON-SUCCESS', { needs: ['setupState'] }, async (rc) => {
  await property(rc, 'k wrong, right, then T-1 wrong is not locked', fc.integer({ min: 1, max: T - 1 }), async (k) => {
    const { m, real } = await start(rc);
    await wrongTimes(real, m, k);
    await new RightAttempt().run(m, real);
    await wrongTimes(real, m, T - 1);
    const { answer } = await attempt(real, m, 'right');
    rc.check(answer.result === facts.results.success, answer.text, `result=${facts.results.success}: the count restarted after the success`);
  }, { numRuns: 10, describe: (k) => `${k} wrong, 1 right, ${T - 1} wrong, 1 right` });
});

ruleCheck('DCS-LOCK-ATOMIC', { needs: ['setupState'], locks: true }, async (rc) => {
  await property(rc, 'k concurrent wrong attempts', fc.integer({ min: T + 1, max: 3 * T }), async (k) => {
    const { m, real } = await start(rc);
    const answers = await Promise.all(Array.from({ length: k }, () => attempt(real, m, 'wrong')));
    // Only documented answers to a wrong password count: result passwordFailed, or the error code a
    // reading of DCS-A2 gives it. Anything else (another code, a 5xx) is not a counted failure.
    const wrongCodes = readingsOf('DCS-A2').map((r) => r.facts.lockout?.wrongPasswordError).filter((c): c is string => c !== undefined);
    const failures = answers.filter(({ answer: a }) => (a.kind === 'result' && a.result === facts.results.wrongPassword) || (a.kind === 'error' && a.code !== undefined && wrongCodes.includes(a.code))).length;
    rc.check(failures <= T, `${failures} answers of ${facts.results.wrongPassword} before locked (of ${k} concurrent attempts)`, `at most ${T}`);
  }, { numRuns: 10, describe: (k) => `${k} wrong attempts at once` });
});

// Exclusive: its sequences move the clock where the target can (runs alone where checks overlap).
ruleCheck('DCS-LOCK-SEQUENCES', { needs: ['setupState'], locks: true, exclusive: true }, async (rc) => {
  // Only a target that can set statuses gets status commands; the probe needs the same.
  const anyStatus = rc.target.state ? await probeAnyStatus(rc) : true;
  const commands = [
    fc.constant(new WrongAttempt()),
    fc.constant(new WrongAttempt()),
    fc.constant(new RightAttempt()),
    fc.constant(new InvalidNewAttempt()),
    ...(rc.target.capabilities.moveClock ? [fc.integer({ min: 1, max: facts.durationSeconds + 60 }).map((s) => new Advance(s))] : []),
    // Status changes need state setup (a live target's fixtures keep their status).
    ...(anyStatus || !rc.target.state ? [] : [fc.boolean().map((b) => new SetStatus(b))]),
  ];
  let last: LockReal['timeline'] = [];
  try {
    // Whether a rejected new password with the right old one resets the count, no document says
    // (lockout-readings.ts); random sequences reach the one order that tells only sometimes, so
    // every run first asks it once: a wrong attempt, the rejected new password, a wrong attempt.
    await examples(rc, 'the count after a rejected new password', [[new WrongAttempt(), new InvalidNewAttempt(), new WrongAttempt()]], async (cmds) => {
      const { m, real } = await start(rc);
      last = real.timeline;
      await fc.asyncModelRun(() => ({ model: m, real }), cmds);
    }, { describe: (cmds) => cmds.map(String).join(' → ') });
    await property(rc, 'random sequences', (replayPath) => fc.commands(commands, { maxCommands: 20, replayPath }), async (cmds) => {
      const { m, real } = await start(rc);
      last = real.timeline;
      await fc.asyncModelRun(() => ({ model: m, real }), cmds);
    }, { numRuns: 40, describe: (cmds) => [...cmds].map(String).join(' → ') });
  } finally {
    // A failing run re-runs its shrunk case last: the timeline shown is the counterexample's.
    rc.timelines.push({ rule: rc.rule, label: 'the last random sequence run (the counterexample when the rule fails)', steps: last });
  }
});

/** DCS-A5 decides whether forbidden statuses belong in the model. */
async function probeAnyStatus(rc: RuleContext): Promise<boolean> {
  const instance = await rc.dcsInstance(FORBIDDEN, 'OldPass@123');
  const r = await rc.change('probe: change on an instance in a forbidden status', { service: 'dcs', ...instance, oldPassword: instance.password, newPassword: 'NewPass@9999' });
  return answerOf(facts, r).result === facts.results.success;
}

ruleCheck('DCS-A1', { needs: ['setupState'], locks: true }, async (rc) => {
  const { m, real } = await start(rc);
  for (let i = 0; i < T - 1; i++) await attempt(real, m, 'wrong');
  const { answer } = await attempt(real, m, 'wrong');
  rc.cases += 1;
  if (answer.result === facts.results.locked) rc.ambiguous('locked-on-fifth', `attempt ${T} answered ${answer.text}`);
  else if (answer.result === facts.results.wrongPassword && answer.retriesLeft === '0') rc.ambiguous('failed-on-fifth', `attempt ${T} answered ${answer.text}`);
  else if (answer.kind === 'error' && answer.status !== undefined && answer.status < 500) rc.ambiguous('failed-on-fifth', `attempt ${T} answered ${answer.text} (wrong passwords are errors here: see DCS-A2)`);
  else rc.check(false, answer.text, `result=${facts.results.locked}, or ${facts.results.wrongPassword} with retry_times_left=0`);
});

/** The DCS-A2 reading whose patch makes a wrong password this error code (read from the spec). */
function errorReading(code: string | undefined): string | undefined {
  const rule = contract.facts.rules.find((r) => r.id === 'DCS-A2');
  return rule?.variants?.find((v) => (v.patch as { lockout?: { wrongPasswordError?: string } } | undefined)?.lockout?.wrongPasswordError === code)?.name;
}

ruleCheck('DCS-A2', { needs: ['setupState'] }, async (rc) => {
  const { m, real } = await start(rc);
  const { answer } = await attempt(real, m, 'wrong');
  rc.cases += 1;
  if (answer.kind === 'result' && answer.result === facts.results.wrongPassword) rc.ambiguous('password-failed-200', `a wrong old password answered ${answer.text}`);
  else if (answer.kind === 'error' && errorReading(answer.code)) rc.ambiguous(errorReading(answer.code)!, `a wrong old password answered ${answer.text}`);
  else if (answer.kind === 'error' && answer.status !== undefined && answer.status >= 400 && answer.status < 500) rc.ambiguous(`undocumented:${answer.status} ${answer.code}`, `a wrong old password answered ${answer.text}`);
  else rc.check(false, answer.text, `200 result=${facts.results.wrongPassword}, or a 400 error`);
});
