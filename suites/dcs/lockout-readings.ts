/**
 * A reading of the DCS lockout learnt from the target, not assumed: does an attempt with the right
 * old password and a rejected new one keep the failure count, or reset it? The seed page's lock_time
 * row locks after 5 consecutive incorrect attempts and says nothing of an attempt whose old password
 * was right but whose change was refused, so both readings are allowed. Until a run shows which one
 * the target follows, the model carries the state under each; the first answer that only one of them
 * allows decides, the choice is recorded as an observation, and the run holds the target to it.
 */
import { NonConformance } from '../../src/errors/non-conformance.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import type { Judge, LockModel } from './lockout-model.ts';

const TOPIC = 'invalid-new-and-count';
const TITLE = 'whether an attempt with the right old password and a rejected new one resets the failure count';

/** The right old password, a rejected new one, no lock in force: applies the reading, or opens both. */
export function rejectedWithRightOld(m: LockModel): void {
  // Nothing to reset, or a lock in force (a lock ends only with time: no reading unlocks early).
  if (m.lockedUntil !== null || m.failures === 0) return;
  if (m.resetsOnInvalidNew === true) m.failures = 0;
  else if (m.resetsOnInvalidNew === undefined) m.ifReset = { ...m, failures: 0, resetsOnInvalidNew: true, ifReset: undefined };
}

/** The fields a reading changes: once they agree, the two readings predict the same from here on. */
const STATE_KEYS = ['password', 'failures', 'lockedUntil', 'now', 'status', 'fifth', 'wrongAs', 'extends', 'extendedUntil'] as const;

/** One judgement under one reading: its failure, if any, and what it would have observed. */
interface Trial {
  failure?: NonConformance;
  observed: Array<Parameters<Judge['observe']>>;
}

function trial(rc: RuleContext, h: LockModel, judge: (h: LockModel, j: Judge) => void): Trial {
  const observed: Trial['observed'] = [];
  const j: Judge = {
    facts: rc.facts,
    check: (ok, received, documented, rule = rc.rule) => {
      if (!ok) throw new NonConformance(rule, received, documented);
    },
    observe: (...o) => void observed.push(o),
  };
  try {
    judge(h, j);
  } catch (e) {
    if (NonConformance.is(e)) return { failure: e, observed };
    throw e;
  }
  return { observed };
}

/**
 * Judges one answer under every reading still open. With one (the usual case) that is the command's
 * own judgement. With both, an answer both allow carries both states on; an answer only one allows
 * decides (and is recorded); an answer neither allows fails, naming what each reading expected.
 */
export function judgeUnderReadings(rc: RuleContext, m: LockModel, evidence: string, judge: (h: LockModel, j: Judge) => void): void {
  if (!m.ifReset) return judge(m, rc);
  const keep: LockModel = { ...m, ifReset: undefined, resetsOnInvalidNew: false };
  const reset: LockModel = { ...m.ifReset };
  const k = trial(rc, keep, judge);
  const r = trial(rc, reset, judge);
  if (k.failure && r.failure) {
    throw new NonConformance(k.failure.rule, k.failure.received, `${k.failure.documented}; or, if the rejected new password reset the failure count, ${r.failure.documented}`);
  }
  if (!k.failure && !r.failure) {
    // Still undecided: only what both readings would observe is recorded.
    for (const o of k.observed) if (r.observed.some((x) => x[0] === o[0] && x[2] === o[2])) rc.observe(...o);
    const same = STATE_KEYS.every((key) => keep[key] === reset[key]);
    Object.assign(m, keep, { resetsOnInvalidNew: undefined, ifReset: same ? undefined : reset });
    return;
  }
  const resets = r.failure === undefined;
  for (const o of (resets ? r : k).observed) rc.observe(...o);
  rc.observe(TOPIC, TITLE, resets ? 'resets the count' : 'keeps the count', evidence);
  Object.assign(m, resets ? reset : keep, { ifReset: undefined });
}
