/** Commands of the lockout model run: each predicts the answer and the new state, then checks. */
import { attempt, decideExtension, expectLocked, settle, wrongWhileLocked, type Answer, type Judge, type LockCommand, type LockModel, type LockReal } from './lockout-model.ts';
import { judgeUnderReadings, rejectedWithRightOld } from './lockout-readings.ts';

const RULE = 'DCS-LOCK-SEQUENCES';

/** What an observation of a learnt reading cites: the answer that decided it, and when it came. */
const evidence = (kind: string, m: LockModel, a: Answer): string => `after a rejected new password with the right old one, ${kind} attempt at t=${m.now}s answered ${a.text}`;

/**
 * Common prelude: an instance in a status every reading forbids never changes its password. Which
 * refusal it gets first — the status error, or the old password's verdict — no document orders, so
 * any refusal will do here (DCS-STATUS-4049 judges the code on its own).
 */
function refusedByStatus(real: LockReal, j: Judge, m: LockModel, a: Answer): boolean {
  if (m.status === real.allowedStatus) return false;
  const facts = j.facts.lockout!;
  const refused = (a.kind === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500) || (a.kind === 'result' && a.result !== facts.results.success);
  j.check(refused, a.text, `a refusal for a ${m.status} instance, never ${facts.results.success} (${RULE})`);
  j.observe('status-vs-old-password', 'which refusal a non-RUNNING instance gives first', a.kind === 'error' ? `status error ${a.status} ${a.code ?? ''}`.trim() : `result ${a.result}`, `${m.status} instance`);
  return true;
}

/** A wrong old password. */
export class WrongAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const { answer: a } = await attempt(real, m, 'wrong');
    judgeUnderReadings(real.rc, m, evidence('a wrong', m, a), (h, j) => judgeWrong(real, j, h, a));
  }
  toString = (): string => 'wrong old_password';
}

function judgeWrong(real: LockReal, j: Judge, m: LockModel, a: Answer): void {
  const facts = j.facts.lockout!;
  settle(m);
  if (refusedByStatus(real, j, m, a)) return;
  decideExtension(j, m, a.kind === 'result' && a.result === facts.results.locked);
  if (m.lockedUntil !== null) {
    // A target that restarts the lock answers from the restart already: both ends are allowed.
    wrongWhileLocked(m, facts.durationSeconds);
    return expectLocked(j, m, a, 'DCS-LOCK-BLOCKS');
  }
  m.failures++;
  // What lock_time says before any lock ("5" in the v1 example, "0" elsewhere), no document fixes.
  if (m.failures < facts.threshold && a.kind === 'result' && a.lockTime !== undefined) j.observe('lock-time-before-lock', 'lock_time in a wrong-password answer before any lock', `"${a.lockTime}"`, `attempt ${m.failures}`);
  if (m.failures >= facts.threshold) {
    m.lockedUntil = m.now + facts.durationSeconds;
    // DCS-A1: the attempt reaching the threshold answers passwordFailed "0" or locked.
    const seen = a.kind === 'result' && a.result === facts.results.locked ? 'locked' : 'passwordFailed';
    m.fifth ??= seen;
    j.check(seen === m.fifth, a.text, `the same answer as before at the threshold (${m.fifth}) (DCS-A1)`);
    if (seen === 'locked') return expectLocked(j, m, a, 'DCS-LOCK-THRESHOLD');
  }
  const left = String(Math.max(0, facts.threshold - m.failures));
  if (a.kind === 'error') {
    m.wrongAs ??= 'error';
    j.check(m.wrongAs === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500, a.text, `200 result=${facts.results.wrongPassword} (DCS-LOCK-WRONG-OLD, DCS-A2)`);
    return;
  }
  m.wrongAs ??= 'result';
  j.check(m.wrongAs === 'result' && a.result === facts.results.wrongPassword && a.retriesLeft === left, a.text, `result=${facts.results.wrongPassword} retry_times_left=${left} (DCS-LOCK-WRONG-OLD)`);
}

/** The right old password and a valid new one. */
export class RightAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const { answer: a, newPassword } = await attempt(real, m, 'right');
    judgeUnderReadings(real.rc, m, evidence('a right', m, a), (h, j) => {
      const facts = j.facts.lockout!;
      settle(h);
      if (refusedByStatus(real, j, h, a)) return;
      decideExtension(j, h, a.kind === 'result' && a.result === facts.results.locked);
      if (h.lockedUntil !== null) return expectLocked(j, h, a, 'DCS-LOCK-BLOCKS');
      j.check(a.kind === 'result' && a.result === facts.results.success, a.text, `result=${facts.results.success} (${RULE})`);
      j.check(a.retriesLeft === String(facts.threshold), a.text, `retry_times_left=${facts.threshold} after a success (DCS-LOCK-RESET-ON-SUCCESS)`);
      h.password = newPassword;
      if (facts.resetOnSuccess) h.failures = 0;
    });
  }
  toString = (): string => 'right old_password';
}

/**
 * The right old password and a new one every reading rejects: never counted as a wrong attempt,
 * never changes anything. Whether it resets the count, no document says: the model learns it.
 */
export class InvalidNewAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const { answer: a } = await attempt(real, m, 'bad-new');
    judgeUnderReadings(real.rc, m, evidence('an invalid-new', m, a), (h, j) => {
      settle(h);
      // Too short and one class: DCS.4019 for complexity, or any 4xx for the length (no code documented).
      const rejected = a.kind === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500;
      if (h.status !== real.allowedStatus) return void refusedByStatus(real, j, h, a);
      // Validation may run before or after the lock check: both orders are reasonable.
      if (!rejected) decideExtension(j, h, a.kind === 'result' && a.result === j.facts.lockout!.results.locked);
      if (h.lockedUntil !== null && !rejected) return expectLocked(j, h, a, 'DCS-LOCK-BLOCKS');
      j.check(rejected, a.text, `a 4xx for a new password every reading rejects (${RULE})`);
      rejectedWithRightOld(h);
    });
  }
  toString = (): string => 'invalid new_password';
}

/** Moves the virtual clock. */
export class Advance implements LockCommand {
  constructor(readonly seconds: number) {}
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    await real.rc.target.state!.advanceClock(this.seconds);
    m.now += this.seconds;
    if (m.ifReset) m.ifReset.now += this.seconds;
    real.timeline.push({ t: m.now, action: 'advance', result: `+${this.seconds}s` });
  }
  toString = (): string => `advance clock ${this.seconds}s`;
}

/** Re-creates the instance in another status (the state protocol replaces it: counters reset, under every reading). */
export class SetStatus implements LockCommand {
  constructor(readonly running: boolean) {}
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const status = this.running ? real.allowedStatus : real.forbiddenStatus;
    await real.rc.target.state!.setupDcsInstance({ ...real.instance, status, password: m.password });
    Object.assign(m, { status, failures: 0, lockedUntil: null, ifReset: undefined });
    real.timeline.push({ t: m.now, action: 'status', result: status });
  }
  toString = (): string => `set status ${this.running ? 'allowed' : 'forbidden'}`;
}
