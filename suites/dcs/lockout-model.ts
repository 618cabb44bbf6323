/**
 * The documented lockout as a model (seed page, lock_time / result / retry_times_left /
 * lock_time_left rows; user manual: five minutes), and the commands of a model-based run.
 * Readings the documents leave open (DCS-A1 fifth answer, DCS-A2 error form, rounding of
 * minutes left, a restarted lock, a rejected new password and the count) are learnt from the
 * target once and then held to.
 */
import type fc from 'fast-check';
import type { LockoutFacts } from '../../src/contract/contract.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import type { TimelineStep } from '../../src/report/report-model.ts';
import type { RuleContext } from '../harness/rule-context.ts';

/** What the target answered, reduced to what the model predicts. */
export interface Answer {
  kind: 'result' | 'error' | 'other';
  result?: string;
  retriesLeft?: string;
  lockTimeLeft?: string;
  lockTime?: string;
  status?: number;
  code?: string;
  text: string;
}

/** Reads an operation result the way the lockout rules look at it. */
export function answerOf(facts: LockoutFacts, r: OperationResult): Answer {
  const o = r.outcome;
  if (o.kind === 'success') {
    const body = (o.body ?? {}) as Record<string, unknown>;
    const pick = (k: string) => (body[k] === undefined ? undefined : String(body[k]));
    const result = pick(facts.fields.result);
    return { kind: 'result', result, retriesLeft: pick(facts.fields.retriesLeft), lockTimeLeft: pick(facts.fields.lockTimeLeft), lockTime: pick(facts.fields.lockTime), text: `${o.status ?? 200} result=${result} retry_times_left=${pick(facts.fields.retriesLeft)} lock_time_left=${pick(facts.fields.lockTimeLeft)}` };
  }
  if (o.kind === 'error') return { kind: 'error', status: o.status, code: o.code, text: `${o.status} ${o.code}` };
  return { kind: 'other', text: `${o.kind}: ${o.message}` };
}

/** The model's view of one instance. */
export interface LockModel {
  password: string;
  failures: number;
  lockedUntil: number | null;
  now: number;
  status: string;
  /** DCS-A1 as observed: what the attempt reaching the threshold answered. */
  fifth?: LockoutFacts['fifthAttemptResult'];
  /** DCS-A2 as observed: a wrong password is a 200 result or an error response. */
  wrongAs?: 'result' | 'error';
  /**
   * Whether a wrong attempt during a lock restarts it: no document says. While unknown, the end
   * of the lock if it does is kept here; the first answer between the two ends decides, and the
   * choice is recorded as an observation.
   */
  extends?: boolean;
  extendedUntil?: number | null;
  /**
   * Whether an attempt with the right old password and a rejected new one resets the failure
   * count: no document says (lockout-readings.ts). While unknown and the two counts differ, the
   * model under the resetting reading is kept in `ifReset`.
   */
  resetsOnInvalidNew?: boolean;
  ifReset?: LockModel;
}

/** What judging an answer needs of the rule context: the facts, checks and observations. */
export type Judge = Pick<RuleContext, 'facts' | 'check' | 'observe'>;

/** The real side: the context, the instance, and a source of fresh passwords. */
export interface LockReal {
  rc: RuleContext;
  instance: { projectId: string; instanceId: string };
  fresh: () => string;
  timeline: TimelineStep[];
  /** Passwords every reading rejects, for the invalid-new-password command. */
  badNew: string;
  wrong: string;
  /** A status every reading allows, and one every reading forbids. */
  allowedStatus: string;
  forbiddenStatus: string;
}

/** Forgets an expired lock (and the count with it), unless only an undecided extension keeps it. */
export function settle(m: LockModel): void {
  if (m.lockedUntil !== null && m.now >= m.lockedUntil && !undecided(m)) {
    m.failures = 0;
    m.lockedUntil = null;
    m.extendedUntil = null;
  }
}

/** Past the plain end of the lock but before the end a restarted lock would have: the answer decides. */
export function undecided(m: LockModel): boolean {
  return m.extends === undefined && m.lockedUntil !== null && m.now >= m.lockedUntil && m.extendedUntil != null && m.now < m.extendedUntil;
}

/** A wrong attempt while locked: remember where a restarted lock would end. */
export function wrongWhileLocked(m: LockModel, durationSeconds: number): void {
  if (m.extends === false) return;
  m.extendedUntil = m.now + durationSeconds;
  if (m.extends === true) m.lockedUntil = m.extendedUntil;
}

/** Decides an undecided extension from an answer (`locked` or not), and records the choice. */
export function decideExtension(j: Judge, m: LockModel, locked: boolean): void {
  if (!undecided(m)) return;
  m.extends = locked;
  j.observe('lock-extension', 'whether a wrong attempt during a lock restarts it', locked ? 'extends the lock: it restarts at that attempt' : 'does not extend the lock', `answer at t=${m.now}s`);
  if (locked) m.lockedUntil = m.extendedUntil!;
  else settle(m);
}

/**
 * Minutes left as the target may round them: up, or down — also down from a moment later, since
 * a target's clock moves on between the lock and the answer (a live target's always does).
 */
export function minutesLeftChoices(msLeft: number): string[] {
  return [...new Set([Math.ceil(msLeft / 60_000), Math.floor(msLeft / 60_000), Math.max(0, Math.floor((msLeft - 1) / 60_000))].map(String))];
}

/** Sends one attempt and records it on the timeline. */
export async function attempt(real: LockReal, m: LockModel, kind: 'wrong' | 'right' | 'bad-new'): Promise<{ answer: Answer; newPassword: string }> {
  const { rc, instance } = real;
  const facts = rc.facts.lockout!;
  const newPassword = kind === 'bad-new' ? real.badNew : real.fresh();
  const oldPassword = kind === 'wrong' ? real.wrong : m.password;
  const result = await rc.change(`${kind} attempt at t=${m.now}s`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword, newPassword });
  const answer = answerOf(facts, result);
  real.timeline.push({ t: m.now, action: kind, result: answer.kind === 'result' ? answer.result ?? '?' : answer.text, retriesLeft: answer.retriesLeft, lockTimeLeft: answer.lockTimeLeft });
  return { answer, newPassword };
}

/** Checks a "locked" answer: result locked and minutes left as documented. */
export function expectLocked(rc: Judge, m: LockModel, a: Answer, rule: string): void {
  const facts = rc.facts.lockout!;
  const ends = [m.lockedUntil ?? m.now, ...(m.extends === undefined && m.extendedUntil != null ? [m.extendedUntil] : [])];
  const left = [...new Set(ends.flatMap((end) => minutesLeftChoices(end * 1000 - m.now * 1000)))];
  rc.check(a.kind === 'result' && a.result === facts.results.locked, a.text, `result=${facts.results.locked} (${rule})`);
  rc.check(a.lockTimeLeft !== undefined && left.includes(a.lockTimeLeft), a.text, `lock_time_left=${left.join(' or ')} (${rule})`);
  // How minutes left are rounded, no document says: record it where the two roundings differ.
  const msLeft = ((m.lockedUntil ?? m.now) - m.now) * 1000;
  if (m.extends !== undefined || m.extendedUntil == null) {
    const up = String(Math.ceil(msLeft / 60_000));
    const down = String(Math.max(0, Math.floor((msLeft - 1) / 60_000)));
    if (up !== down && (a.lockTimeLeft === up || a.lockTimeLeft === down)) rc.observe('lock-time-left-rounding', 'how lock_time_left rounds the time left', a.lockTimeLeft === up ? 'rounds up' : 'rounds down', `${msLeft / 1000}s left answered "${a.lockTimeLeft}"`);
  }
}

/** A model-based command with a readable name for transcripts. */
export type LockCommand = fc.AsyncCommand<LockModel, LockReal>;
