/**
 * A live target: an HTTP endpoint with no state setup, where checks use fixture instances.
 * Every request goes through the live guard. In a dry-run rehearsal the same target talks to
 * an embedded simulator loaded with the fixtures, so the plan counts the very requests the
 * real run would send.
 */
import type { Contract } from '../contract/contract.ts';
import { buildBccDescribe } from '../requests/bcc-requests.ts';
import { buildDcsShow } from '../requests/dcs-requests.ts';
import { httpTransport, type HttpTransportOptions } from '../transports/http.ts';
import { inProcessTransport } from '../transports/in-process.ts';
import type { Transport } from '../transports/transport.ts';
import { createSimulator } from '../simulator/simulator.ts';
import type { FixturePool, Target } from './target.ts';
import { wireChangePassword } from './wire-change.ts';
import { fixtureKey, type Fixture } from '../live/fixtures.ts';
import { GuardRefusal } from '../errors/guard-refusal.ts';
import { PasswordLedger, stopFileOf } from '../live/ledger.ts';
import { liveGuard } from '../live/live-guard.ts';

/** Live-run settings, as the runner hands them to the workers. */
export interface LiveSettings {
  fixtures: Fixture[];
  allowHosts: string[];
  maxRequests: number;
  rate: number;
  allowLockout: boolean;
  ledgerFile: string;
  /** Dry-run: rehearse against an embedded simulator with these statuses (key → status, passwordFree). */
  rehearsal?: Record<string, { status: string; passwordFree: boolean }>;
}

function pointer(json: unknown, path: string): unknown {
  return path.split('/').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], json);
}

/** The embedded stand-in of a dry run, holding the fixtures as they are on the real target. */
function rehearsalTransport(live: LiveSettings, credentials: Target['credentials']): Transport {
  const simulator = createSimulator({ stateEndpoint: false, clock: 'real', record: false, credentials: { bcc: credentials.bcc ? [credentials.bcc] : [], dcs: credentials.dcs ? [credentials.dcs] : [] } });
  for (const f of live.fixtures) {
    const seen = live.rehearsal![fixtureKey(f)] ?? { status: 'unknown', passwordFree: false };
    if (f.service === 'bcc') simulator.store.putBcc({ instanceId: f.instanceId, status: seen.status, password: f.password });
    else simulator.store.putDcs({ projectId: f.projectId!, instanceId: f.instanceId, status: seen.status, password: f.password, passwordFree: seen.passwordFree, failedAttempts: 0, lockedUntil: null });
  }
  return inProcessTransport((request) => simulator.handle(request), (message) => simulator.answerWire(message));
}

/** The codes the spec's readings use for a wrong old password (the DCS-A2 variant patches). */
export function wrongPasswordCodes(contract: Contract): string[] {
  const codes = contract.facts.rules.flatMap((r) => r.variants ?? []).map((v) => (v.patch as { lockout?: { wrongPasswordError?: string } } | undefined)?.lockout?.wrongPasswordError);
  return [contract.facts.lockout?.wrongPasswordError, ...codes].filter((c): c is string => typeof c === 'string');
}

/** Builds the live target. */
export function liveTarget(o: { baseUrl: string; credentials: Target['credentials']; live: LiveSettings; contracts: { bcc: Contract; dcs: Contract }; transport?: HttpTransportOptions }): Target & { sent: () => number } {
  const http = o.live.rehearsal ? undefined : httpTransport(o.transport);
  const inner = http ? http.send : rehearsalTransport(o.live, o.credentials);
  const ledger = PasswordLedger.create(o.live.ledgerFile, o.live.fixtures);
  // A rehearsal changes no real account: its ledger is written at the end of each check, not per request.
  if (o.live.rehearsal) ledger.deferWrites();
  const lockout = o.contracts.dcs.facts.lockout!;
  const send = liveGuard(inner, { ...o.live, ledger, lockout, wrongPasswordCodes: wrongPasswordCodes(o.contracts.dcs), sleep: !o.live.rehearsal, stopFile: stopFileOf(o.live.ledgerFile) });
  const baseUrl = o.baseUrl.replace(/\/$/, '');

  async function readStatus(f: Fixture): Promise<{ status: string; passwordFree: boolean }> {
    const contract = o.contracts[f.service];
    const request = f.service === 'bcc'
      ? await buildBccDescribe({ baseUrl, instanceId: f.instanceId, credentials: o.credentials.bcc })
      : await buildDcsShow({ baseUrl, projectId: f.projectId!, instanceId: f.instanceId, credentials: o.credentials.dcs });
    const response = await send(request);
    const json = (await response.json().catch(() => ({}))) as unknown;
    const { statusPointer, passwordFreePointer } = contract.facts.operations.readInstance;
    return { status: String(pointer(json, statusPointer ?? '/status')), passwordFree: passwordFreePointer ? String(pointer(json, passwordFreePointer)) === 'true' : false };
  }

  let temps = 0;
  /**
   * Every check gets a fixture as a fresh instance would be: its original password and no
   * wrong attempts counted — suites assume that, and the rehearsal does the same requests.
   */
  async function freshen(f: Fixture): Promise<void> {
    const entry = ledger.get(fixtureKey(f))!;
    if (entry.lockedUntil !== null && entry.lockedUntil > Date.now()) return;
    if (f.service === 'bcc') {
      // A change whose answer never came may have set it: set the original again then too.
      if (entry.current !== entry.original || entry.uncertain.length > 0) await wireChangePassword(target, send, { service: 'bcc', instanceId: f.instanceId, password: entry.original });
      entry.current = entry.original;
      ledger.save();
      return;
    }
    if (entry.current === entry.original && entry.failures === 0) return;
    const change = (oldPassword: string, newPassword: string) => wireChangePassword(target, send, { service: 'dcs', projectId: f.projectId!, instanceId: f.instanceId, oldPassword, newPassword });
    if (entry.current === entry.original) {
      // A success resets the count, and the new password must differ: go through a temporary one.
      // Valid under every reading of the DCS policy: upper, lower, digits and '@', 12 characters.
      await change(entry.original, `Temp@${String(++temps).padStart(4, '0')}aB`);
    }
    await change(entry.current, entry.original);
  }

  const fixtures: FixturePool = {
    async acquire(service, status, needs) {
      const candidates = o.live.fixtures.filter((f) => f.service === service && f.allow.includes('change-password') && (!needs.lockout || (o.live.allowLockout && f.allow.includes('lockout'))) && !(needs.exclude ?? []).includes(f.instanceId));
      if (candidates.length === 0) {
        throw new GuardRefusal(needs.lockout ? `live guard: lockout checks need --allow-lockout and a ${service} fixture with allow: ['lockout']` : `live: no ${service} fixture allowed to change its password`);
      }
      const seen: string[] = [];
      for (const f of candidates) {
        // The status is read through the API every time, before the kit relies on it.
        const actual = await readStatus(f);
        seen.push(`${f.instanceId} is ${actual.status}`);
        if (actual.status === status && actual.passwordFree === (needs.passwordFree ?? false)) {
          // A fixture an earlier check locked cannot serve as a fresh instance until the lock ends.
          const lockedUntil = ledger.get(fixtureKey(f))!.lockedUntil;
          if (lockedUntil !== null && lockedUntil > Date.now()) {
            seen[seen.length - 1] = `${f.instanceId} is locked by this run until ${new Date(lockedUntil).toISOString()}`;
            continue;
          }
          await freshen(f);
          return { instanceId: f.instanceId, projectId: f.projectId, password: ledger.get(fixtureKey(f))!.current };
        }
      }
      throw new GuardRefusal(`live: the check needs a ${service} instance that is ${status}${needs.passwordFree ? ' and password-free' : ''}; ${seen.join(', ')} (live targets cannot create instances)`);
    },
  };

  const target: Target & { sent: () => number } = {
    name: baseUrl,
    kind: 'http',
    capabilities: { setupState: false, moveClock: false, inspect: false, rawRequests: true, judgesClient: false },
    fixtures,
    transport: send,
    baseUrl,
    credentials: o.credentials,
    changePassword: (input) => wireChangePassword(target, send, input),
    sent: send.sent,
    checkpoint: () => ledger.flush(),
    close: async () => http?.close(),
  };
  return target;
}
