/**
 * Guard rails of a live run, as a transport wrapper: host allowlist, request budget, rate
 * limit with Retry-After, no change to an instance that is not a fixture, no lockout unless
 * allowed, unasked-for 5xx treated as faults, nothing sent once the run is stopped, and the
 * password ledger kept current — written ahead of every change that may set a password.
 */
import { existsSync } from 'node:fs';
import type { LockoutFacts } from '../contract/contract.ts';
import type { Transport } from '../transports/transport.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import type { Fixture } from './fixtures.ts';
import { fixtureKey } from './fixtures.ts';
import { GuardRefusal } from '../errors/guard-refusal.ts';
import { hostAllowed, isLoopbackHost } from './host-allowlist.ts';
import { BCC_CHANGED, type PasswordLedger } from './ledger.ts';
import { shippedFacts } from '../contract/shipped-facts.ts';
import { pathPattern } from '../contract/operation-path.ts';

/** Options of {@link liveGuard}. */
export interface LiveGuardOptions {
  allowHosts: string[];
  maxRequests: number;
  /** Requests per second; 0 = unlimited. */
  rate: number;
  allowLockout: boolean;
  fixtures: Fixture[];
  ledger: PasswordLedger;
  /** The DCS lockout facts (threshold, duration, result values) from the spec. */
  lockout: LockoutFacts;
  /** Error codes a reading of the spec uses for a wrong old password (DCS-A2). */
  wrongPasswordCodes: readonly string[];
  /** False in a dry-run rehearsal: count requests without waiting. */
  sleep: boolean;
  /**
   * Once this file exists, nothing more is sent (the main process creates it when the run is
   * interrupted, before it restores passwords: a cancelled check's body runs on in its worker).
   */
  stopFile?: string;
}

/** The fixture a change request targets, and what it may set there. */
interface ChangeTarget {
  key?: string;
  dcsNew?: string;
  bcc?: boolean;
  /** What the change may set, written to the ledger's `uncertain` before it is sent. */
  pending?: string;
}

/** The change-password route of a service, from its spec: method and a path pattern with named groups. */
function changeRoute(service: 'bcc' | 'dcs'): { method: string; pattern: RegExp } {
  const change = shippedFacts(service).operations.changePassword;
  return { method: change.method, pattern: pathPattern(change.path) };
}

/**
 * Decodes the valid `%XX` runs of a path and keeps every other `%` as it is. Never throws:
 * `decodeURIComponent` threw `URIError` on the broken escape a BCC-NO-5XX case sends, and a
 * kit error became a failed rule (issue 12, defect 8).
 */
export function decodePathLeniently(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run; // not UTF-8: the bytes stay escaped, so they match no fixture id
    }
  });
}

/**
 * The instance a decoded id can reach. Real ids are plain ASCII without `%`, so an id that
 * still holds escapes names no instance as it is; the only one a lenient server could reach
 * is the id with them dropped, and that is the one the guard judges (and lets through only if
 * it is a fixture allowed to change).
 */
function reachableId(id: string): string {
  return id.includes('%') ? id.replace(/%[0-9A-Fa-f]{0,2}/g, '') : id;
}

/** A guarded transport, with the number of requests it let through. */
export function liveGuard(inner: Transport, o: LiveGuardOptions): Transport & { sent: () => number } {
  let sent = 0;
  let nextSlot = 0;
  let pausedUntil = 0;
  const byKey = new Map(o.fixtures.map((f) => [fixtureKey(f), f]));
  const routes = { bcc: changeRoute('bcc'), dcs: changeRoute('dcs') };
  /** The passwords of changes sent and not answered yet, per fixture. */
  const inFlight = new Map<string, string[]>();

  /** Refuses every request once the run is stopped. */
  function refuseIfStopped(): void {
    if (o.stopFile !== undefined && existsSync(o.stopFile)) throw new GuardRefusal('live guard: the run was interrupted; nothing more is sent (the passwords are being restored)');
  }

  async function pace(): Promise<void> {
    if (!o.sleep) return;
    const now = Date.now();
    const at = Math.max(now, nextSlot, pausedUntil);
    nextSlot = at + (o.rate > 0 ? 1000 / o.rate : 0);
    if (at > now) await new Promise((r) => setTimeout(r, at - now));
  }

  /** Refuses what a live run must never send; returns the fixture a change targets. */
  function admit(request: Request, body: string): ChangeTarget {
    refuseIfStopped();
    const url = new URL(request.url);
    if (!isLoopbackHost(url.hostname) && !hostAllowed(url.hostname, o.allowHosts)) throw new GuardRefusal(`live guard: host ${url.hostname} is not in allowHosts; nothing was sent`);
    if (sent >= o.maxRequests) throw new GuardRefusal(`live guard: the request budget of ${o.maxRequests} is spent (--max-requests)`);
    const path = decodePathLeniently(url.pathname);
    const bcc = request.method === routes.bcc.method ? routes.bcc.pattern.exec(path)?.groups : undefined;
    const dcs = request.method === routes.dcs.method ? routes.dcs.pattern.exec(path)?.groups : undefined;
    // The groups in the template's order: `{instanceId}`; `{project_id}` then `{instance_id}`.
    const key = bcc ? fixtureKey({ service: 'bcc', instanceId: reachableId(Object.values(bcc)[0]!) }) : dcs ? fixtureKey({ service: 'dcs', projectId: reachableId(Object.values(dcs)[0]!), instanceId: reachableId(Object.values(dcs)[1]!) }) : undefined;
    if (!key) return {};
    const fixture = byKey.get(key);
    if (!fixture || !fixture.allow.includes('change-password')) throw new GuardRefusal(`live guard: ${key} is not a fixture allowed to change its password; no change is sent to it`);
    if (bcc) return { key, bcc: true, pending: BCC_CHANGED };
    let parsed: Record<string, unknown> = {};
    try {
      const json = JSON.parse(body) as unknown;
      if (typeof json === 'object' && json !== null) parsed = json as typeof parsed;
    } catch {
      // A malformed body changes nothing; it is let through.
    }
    const entry = o.ledger.get(key)!;
    // The body's password fields, from the spec (`passwordPolicy.fields`: new, then old).
    const [newField, oldField] = shippedFacts('dcs').passwordPolicy.fields as [string, string];
    const sentOld = parsed[oldField];
    const sentNew = parsed[newField];
    // Wrong as far as answers go: a password still in flight does not count as known.
    const settled = entry.uncertain.filter((p) => !(inFlight.get(key) ?? []).includes(p));
    const wrong = typeof sentOld === 'string' && sentOld !== entry.current && !settled.includes(sentOld);
    // A change whose old password cannot be the target's cannot set anything; any other may.
    const mayApply = !(typeof sentOld === 'string' && sentOld !== entry.current && !entry.uncertain.includes(sentOld));
    const mayLock = o.allowLockout && fixture.allow.includes('lockout');
    const locked = entry.lockedUntil !== null && entry.lockedUntil > Date.now();
    if ((wrong && entry.failures + 1 >= o.lockout.threshold && !mayLock) || (locked && !mayLock)) {
      throw new GuardRefusal(`live guard: this attempt could lock ${key} (${entry.failures} wrong attempt(s) so far); allow with --allow-lockout and allow: ['lockout'] on the fixture`);
    }
    const dcsNew = typeof sentNew === 'string' ? sentNew : undefined;
    return { key, dcsNew, pending: mayApply ? dcsNew : undefined };
  }

  /** Writes what a change may set to the ledger before it leaves: the worker may be gone before its answer. */
  function writeAhead(target: ChangeTarget): void {
    if (target.pending === undefined) return;
    o.ledger.get(target.key!)!.uncertain.push(target.pending);
    inFlight.set(target.key!, [...(inFlight.get(target.key!) ?? []), target.pending]);
    o.ledger.save();
  }

  /** The change was answered (or failed on the way): it is no longer in flight. */
  function landed(target: ChangeTarget): void {
    if (target.pending === undefined) return;
    settle(inFlight.get(target.key!) ?? [], target.pending);
  }

  /** Drops one occurrence of `password` from a list. */
  function settle(uncertain: string[], password: string): void {
    const at = uncertain.indexOf(password);
    if (at >= 0) uncertain.splice(at, 1);
  }

  /**
   * Keeps the ledger in step with what the target answered. A success makes the new password
   * current and clears what earlier lost answers may have set (the old password was right), but
   * keeps the changes still in flight; a 5xx leaves its password uncertain (the change may have
   * happened); any other answer settles it.
   */
  function record(target: ChangeTarget, status: number, text: string): void {
    if (!target.key) return;
    const entry = o.ledger.get(target.key)!;
    const stillInFlight = () => [...(inFlight.get(target.key!) ?? [])];
    if (target.pending !== undefined && status < 500) settle(entry.uncertain, target.pending);
    if (target.bcc) {
      if (status >= 200 && status < 300) Object.assign(entry, { current: BCC_CHANGED, uncertain: stillInFlight() });
    } else {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = {};
      }
      const { fields, results, threshold, durationSeconds } = o.lockout;
      const result = status === 200 ? body[fields.result] : undefined;
      if (result === results.success && target.dcsNew !== undefined) Object.assign(entry, { current: target.dcsNew, uncertain: stillInFlight(), failures: 0, lockedUntil: null });
      else if (result === results.wrongPassword || (status >= 400 && o.wrongPasswordCodes.includes(String(body.error_code)))) entry.failures++;
      if (result === results.locked || entry.failures >= threshold) entry.lockedUntil = Date.now() + durationSeconds * 1000;
    }
    o.ledger.save();
  }

  const guarded = async (request: Request): Promise<Response> => {
    const body = request.body ? await request.clone().text() : '';
    const target = admit(request, body);
    await pace();
    // Checked again after the wait: the run may have been stopped meanwhile.
    refuseIfStopped();
    sent++;
    writeAhead(target);
    let response: Response;
    try {
      response = await inner(request);
    } catch (error) {
      // No answer: the change may or may not have happened; its password stays uncertain (written ahead).
      landed(target);
      throw error;
    }
    landed(target);
    const retryAfter = Number(response.headers.get('retry-after'));
    if ((response.status === 429 || response.status === 503) && retryAfter > 0) pausedUntil = Date.now() + Math.min(retryAfter, 120) * 1000;
    const text = await response.clone().text();
    record(target, response.status, text);
    if (response.status >= 500 || response.status === 429) {
      throw new TransportFault('other', `${response.status} from ${new URL(request.url).host}: a fault of the target, not a verdict`);
    }
    return response;
  };
  return Object.assign(guarded, { sent: () => sent });
}
