/** Commands of the lockout model run: each predicts the answer and the new state, then checks. */
import { attempt, expectLocked, settle, type LockCommand, type LockModel, type LockReal } from './lockout-model.ts';

const RULE = 'DCS-LOCK-SEQUENCES';

/** Common prelude: an instance in a status every reading forbids refuses everything. */
function refusedByStatus(real: LockReal, m: LockModel, text: string, ok: boolean): boolean {
  if (m.status === real.allowedStatus) return false;
  const code = real.rc.facts.statuses.onForbidden;
  real.rc.check(ok, text, `${real.rc.facts.errors[code]!.status} ${code} for a ${m.status} instance (${RULE})`);
  return true;
}

/** A wrong old password. */
export class WrongAttempt implements LockCommand {
  check = (): boolean => true;
  async run(m: LockModel, real: LockReal): Promise<void> {
    const facts = real.rc.facts.lockout!;
    settle(m);
    const { answer: a } = await attempt(real, m, 'wrong');
    if (refusedByStatus(real, m, a.text, a.kind === 'error' && a.code === real.rc.facts.statuses.onForbidden)) return;
    if (m.lockedUntil !== null) return expectLocked(real.rc, m, a, 'DCS-LOCK-BLOCKS');
    m.failures++;
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
    if (refusedByStatus(real, m, a.text, a.kind === 'error' && a.code === real.rc.facts.statuses.onForbidden)) return;
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
    const code = facts.passwordPolicy.onViolation;
    const rejected = a.kind === 'error' && a.status === facts.errors[code]!.status && a.code === code;
    if (m.status !== real.allowedStatus) return void real.rc.check(rejected || (a.kind === 'error' && a.code === facts.statuses.onForbidden), a.text, `${code} or ${facts.statuses.onForbidden} (${RULE})`);
    // Validation may run before or after the lock check: both orders are reasonable.
    if (m.lockedUntil !== null && !rejected) return expectLocked(real.rc, m, a, 'DCS-LOCK-BLOCKS');
    real.rc.check(rejected, a.text, `${facts.errors[code]!.status} ${code} (${RULE})`);
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
