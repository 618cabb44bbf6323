import { describe, it, expect } from 'vitest';
import { decideAttempt, minutesLeft, settle, type LockState } from './lockout.ts';
import type { LockoutFacts } from '../../contract/contract.ts';

const facts: LockoutFacts = {
  threshold: 5, durationSeconds: 300, reportedUnit: 'minutes', resetOnSuccess: true, lockedBlocksCorrectPassword: true,
  fifthAttemptResult: 'passwordFailed',
  fields: { result: 'result', retriesLeft: 'retry_times_left', lockTime: 'lock_time', lockTimeLeft: 'lock_time_left', message: 'message' },
  results: { success: 'success', wrongPassword: 'passwordFailed', locked: 'locked', failed: 'failed' },
};
const fresh: LockState = { failedAttempts: 0, lockedUntil: null };

function run(attempts: boolean[], f = facts, start = fresh, now = 0) {
  let s = start;
  return attempts.map((correct) => {
    const r = decideAttempt(f, s, now, correct);
    s = r.next;
    return r;
  });
}

describe('decideAttempt', () => {
  it('counts down four retries, locks on the fifth wrong attempt and answers passwordFailed with 0 left', () => {
    const out = run([false, false, false, false, false]);
    expect(out.map((o) => o.outcome)).toEqual([
      { kind: 'wrong-password', retriesLeft: 4, lockedNow: false },
      { kind: 'wrong-password', retriesLeft: 3, lockedNow: false },
      { kind: 'wrong-password', retriesLeft: 2, lockedNow: false },
      { kind: 'wrong-password', retriesLeft: 1, lockedNow: false },
      { kind: 'wrong-password', retriesLeft: 0, lockedNow: true },
    ]);
    expect(out[4]!.next.lockedUntil).toBe(300_000);
  });

  it('answers locked on the fifth under the locked-on-fifth reading', () => {
    const out = run([false, false, false, false, false], { ...facts, fifthAttemptResult: 'locked' });
    expect(out[4]!.outcome).toEqual({ kind: 'locked', msLeft: 300_000 });
  });

  it('blocks even the correct password while locked, and unlocks after the duration', () => {
    const locked: LockState = { failedAttempts: 5, lockedUntil: 300_000 };
    expect(decideAttempt(facts, locked, 299_999, true).outcome.kind).toBe('locked');
    expect(decideAttempt(facts, locked, 299_999, true).next).toEqual(locked);
    expect(decideAttempt(facts, locked, 300_000, true).outcome.kind).toBe('success');
    expect(decideAttempt(facts, locked, 300_000, false).outcome).toEqual({ kind: 'wrong-password', retriesLeft: 4, lockedNow: false });
  });

  it('resets the count on success unless the facts say otherwise', () => {
    expect(run([false, false, true])[2]!.next.failedAttempts).toBe(0);
    expect(run([false, false, true], { ...facts, resetOnSuccess: false })[2]!.next.failedAttempts).toBe(2);
  });

  it('settle forgets an expired lock only', () => {
    expect(settle({ failedAttempts: 5, lockedUntil: 10 }, 10)).toEqual(fresh);
    expect(settle({ failedAttempts: 5, lockedUntil: 10 }, 9)).toEqual({ failedAttempts: 5, lockedUntil: 10 });
  });

  it('rounds minutes left up', () => {
    expect([0, 1, 60_000, 60_001, 300_000].map((ms) => minutesLeft(ms))).toEqual([0, 1, 1, 2, 5]);
  });
});
