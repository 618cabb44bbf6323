/**
 * Puts every fixture's original password back after a live run — also after a failure or
 * Ctrl-C — from the ledger the run kept. Waits out a lock (up to a limit) before trying.
 */
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import type { Transport } from '../transports/transport.ts';
import type { Target } from '../targets/target.ts';
import type { LockoutFacts } from '../contract/contract.ts';
import { fixtureKey } from '../live/fixtures.ts';
import type { LedgerEntry, PasswordLedger } from '../live/ledger.ts';

const POLL_MS = 5_000;

/** What happened to one fixture. */
export interface Restoration {
  instance: string;
  restored: boolean;
  detail: string;
}

/** Fixtures whose password this run may have changed. */
export function needsRestoring(ledger: PasswordLedger): LedgerEntry[] {
  return [...ledger.entries.values()].filter((e) => e.current !== e.original || e.uncertain.length > 0);
}

async function answer(send: Transport, request: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await send(request);
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: response.status, body };
}

/** Restores one fixture; never throws. */
async function restoreOne(e: LedgerEntry, o: { send: Transport; baseUrl: string; credentials: Target['credentials']; lockout: LockoutFacts; maxWaitMs: number; sleep: (ms: number) => Promise<void> }): Promise<Restoration> {
  const { fields, results } = o.lockout;
  const instance = fixtureKey(e);
  try {
    if (e.service === 'bcc') {
      const r = await answer(o.send, await buildBccChangePassword({ baseUrl: o.baseUrl, instanceId: e.instanceId, password: e.original, credentials: o.credentials.bcc }));
      return r.status < 300 ? { instance, restored: true, detail: 'original password set again' } : { instance, restored: false, detail: `answered ${r.status} ${String(r.body.code ?? '')}` };
    }
    let waited = 0;
    // Each wrong candidate counts towards the lock, so the likeliest goes first: the newest change
    // whose answer never came (it left the kit, and a target applies what it receives), then the
    // password the last answer confirmed, then older unanswered changes.
    for (const old of [...e.uncertain].reverse().concat(e.current).filter((p, i, all) => p !== e.original && all.indexOf(p) === i)) {
      for (;;) {
        const r = await answer(o.send, await buildDcsChangePassword({ baseUrl: o.baseUrl, projectId: e.projectId!, instanceId: e.instanceId, oldPassword: old, newPassword: e.original, credentials: o.credentials.dcs }));
        const result = r.status === 200 ? r.body[fields.result] : undefined;
        if (result === results.success) return { instance, restored: true, detail: 'original password set again' };
        if (result === results.locked) {
          // The time left is in whole minutes: poll rather than sleep the full rounded-up minute.
          const left = r.body[fields.lockTimeLeft];
          const ms = Math.min(Math.max(1, Number(left ?? 1)) * 60_000, POLL_MS);
          if (waited + ms > o.maxWaitMs) return { instance, restored: false, detail: `locked for ${String(left)} more minute(s); waited ${Math.round(waited / 1000)} s` };
          await o.sleep(ms);
          waited += ms;
          continue;
        }
        break; // passwordFailed: try the next candidate
      }
    }
    return { instance, restored: e.current === e.original, detail: e.current === e.original ? 'unchanged' : 'no known password was accepted' };
  } catch (error) {
    return { instance, restored: false, detail: `could not reach the target: ${(error as Error).message}` };
  }
}

/** Restores every changed fixture; the ledger file is removed only when all are restored. */
export async function restorePasswords(ledger: PasswordLedger, o: { send: Transport; baseUrl: string; credentials: Target['credentials']; lockout: LockoutFacts; maxWaitMs: number; sleep?: (ms: number) => Promise<void> }): Promise<Restoration[]> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const results: Restoration[] = [];
  for (const e of needsRestoring(ledger)) results.push(await restoreOne(e, { ...o, sleep }));
  if (results.every((r) => r.restored)) ledger.remove();
  return results;
}

/** The loud message for what could not be restored, with what to do. */
export function restorationWarning(results: readonly Restoration[], ledgerFile: string): string | undefined {
  const failed = results.filter((r) => !r.restored);
  if (failed.length === 0) return undefined;
  return [
    '!!! PASSWORDS NOT RESTORED !!!',
    ...failed.map((r) => `  ${r.instance}: ${r.detail}`),
    `  The ledger ${ledgerFile} (mode 0600) holds the original and current passwords.`,
    '  Set each instance back to its original password in the console, or re-run once the lock has expired; then delete the ledger.',
  ].join('\n');
}
