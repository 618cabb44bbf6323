/** Commands of the lockout model run: each predicts the answer and the new state, then checks. */
import { attempt, decideExtension, expectLocked, settle, wrongWhileLocked, type Answer, type LockCommand, type LockModel, type LockReal } from './lockout-model.ts';

const RULE = 'DCS-LOCK-SEQUENCES';

/**
 * Common prelude: an instance in a status every reading forbids never changes its password. Which
 * refusal it gets first — the status error, or the old password's verdict — no document orders, so
 * any refusal will do here (DCS-STATUS-4049 judges the code on its own).
 */
function refusedByStatus(real: LockReal, m: LockModel, a: Answer): boolean {
  if (m.status === real.allowedStatus) return false;
  const facts = real.rc.facts.lockout!;
  const refused = (a.kind === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500) || (a.kind === 'result' && a.result !== facts.results.success);
  real.rc.check(refused, a.text, `a refusal for a ${m.status} instance, never ${facts.results.success} (${RULE})`);
  real.rc.observe('status-vs-old-password', 'which refusal a non-RUNNING instance gives first', a.kind === 'error' ? `status error ${a.status} ${a.code ?? ''}`.trim() : `result ${a.result}`, `${m.status} instance`);
  return true;
}

/** A wrong old password. */
export class WrongAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const facts = real.rc.facts.lockout!;
    settle(m);
    const { answer: a } = await attempt(real, m, 'wrong');
    if (refusedByStatus(real, m, a)) return;
    decideExtension(real, m, a.kind === 'result' && a.result === facts.results.locked);
    if (m.lockedUntil !== null) {
      // A target that restarts the lock answers from the restart already: both ends are allowed.
      wrongWhileLocked(m, facts.durationSeconds);
      return expectLocked(real.rc, m, a, 'DCS-LOCK-BLOCKS');
    }
    m.failures++;
    // What lock_time says before any lock ("5" in the v1 example, "0" elsewhere), no document fixes.
    if (m.failures < facts.threshold && a.kind === 'result' && a.lockTime !== undefined) real.rc.observe('lock-time-before-lock', 'lock_time in a wrong-password answer before any lock', `"${a.lockTime}"`, `attempt ${m.failures}`);
    if (m.failures >= facts.threshold) {
      m.lockedUntil = m.now + facts.durationSeconds;
      // DCS-A1: the attempt reaching the threshold answers passwordFailed "0" or locked.
      const seen = a.kind === 'result' && a.result === facts.results.locked ? 'locked' : 'passwordFailed';
      m.fifth ??= seen;
      real.rc.check(seen === m.fifth, a.text, `the same answer as before at the threshold (${m.fifth}) (DCS-A1)`);
      if (seen === 'locked') return expectLocked(real.rc, m, a, 'DCS-LOCK-THRESHOLD');
    }
    const left = String(Math.max(0, facts.threshold - m.failures));
    if (a.kind === 'error') {
      m.wrongAs ??= 'error';
      real.rc.check(m.wrongAs === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500, a.text, `200 result=${facts.results.wrongPassword} (DCS-LOCK-WRONG-OLD, DCS-A2)`);
      return;
    }
    m.wrongAs ??= 'result';
    real.rc.check(m.wrongAs === 'result' && a.result === facts.results.wrongPassword && a.retriesLeft === left, a.text, `result=${facts.results.wrongPassword} retry_times_left=${left} (DCS-LOCK-WRONG-OLD)`);
  }
  toString = (): string => 'wrong old_password';
}

/** The right old password and a valid new one. */
export class RightAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const facts = real.rc.facts.lockout!;
    settle(m);
    const { answer: a, newPassword } = await attempt(real, m, 'right');
    if (refusedByStatus(real, m, a)) return;
    decideExtension(real, m, a.kind === 'result' && a.result === facts.results.locked);
    if (m.lockedUntil !== null) return expectLocked(real.rc, m, a, 'DCS-LOCK-BLOCKS');
    real.rc.check(a.kind === 'result' && a.result === facts.results.success, a.text, `result=${facts.results.success} (${RULE})`);
    real.rc.check(a.retriesLeft === String(facts.threshold), a.text, `retry_times_left=${facts.threshold} after a success (DCS-LOCK-RESET-ON-SUCCESS)`);
    m.password = newPassword;
    if (facts.resetOnSuccess) m.failures = 0;
  }
  toString = (): string => 'right old_password';
}

/** The right old password and a new one every reading rejects: never counted, never changes anything. */
export class InvalidNewAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const facts = real.rc.facts;
    settle(m);
    const { answer: a } = await attempt(real, m, 'bad-new');
    // Too short and one class: DCS.4019 for complexity, or any 4xx for the length (no code documented).
    const rejected = a.kind === 'error' && a.status !== undefined && a.status >= 400 && a.status < 500;
    if (m.status !== real.allowedStatus) return void refusedByStatus(real, m, a);
    // Validation may run before or after the lock check: both orders are reasonable.
    if (!rejected) decideExtension(real, m, a.kind === 'result' && a.result === facts.lockout!.results.locked);
    if (m.lockedUntil !== null && !rejected) return expectLocked(real.rc, m, a, 'DCS-LOCK-BLOCKS');
    real.rc.check(rejected, a.text, `a 4xx for a new password every reading rejects (${RULE})`);
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
    real.timeline.push({ t: m.now, action: 'advance', result: `+${this.seconds}s` });
  }
  toString = (): string => `advance clock ${this.seconds}s`;
}

/** Re-creates the instance in another status (the state protocol replaces it: counters reset). */
export class SetStatus implements LockCommand {
  constructor(readonly running: boolean) {}
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const status = this.running ? real.allowedStatus : real.forbiddenStatus;
    await real.rc.target.state!.setupDcsInstance({ ...real.instance, status, password: m.password });
    Object.assign(m, { status, failures: 0, lockedUntil: null });
    real.timeline.push({ t: m.now, action: 'status', result: status });
  }
  toString = (): string => `set status ${this.running ? 'allowed' : 'forbidden'}`;
}
