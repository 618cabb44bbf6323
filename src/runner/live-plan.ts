/**
 * The plan of a live run, printed before anything changes: which rules run, how many
 * requests, which instances, whether a lockout is triggered. It is computed by rehearsing
 * the very same run (same seed) against an embedded simulator holding the fixtures.
 */
import { buildBccDescribe } from '../requests/bcc-requests.ts';
import { buildDcsShow } from '../requests/dcs-requests.ts';
import type { Transport } from '../transports/transport.ts';
import type { Target } from '../targets/target.ts';
import type { Contract } from '../contract/contract.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { fixtureKey, type Fixture } from '../live/fixtures.ts';

/** What a live run is about to do. */
export interface LivePlan {
  statusReads: number;
  checkRequests: number;
  restoreRequests: number;
  total: number;
  rules: Array<{ id: string; runs: boolean; requests: number; reason?: string }>;
  instances: Array<{ key: string; status: string; allow: string[] }>;
  lockout: { triggered: boolean; minutes: number; instances: string[] };
}

/** Reads each fixture's status through the API (the plan's only requests to the target). */
export async function readFixtureStatuses(send: Transport, baseUrl: string, credentials: Target['credentials'], fixtures: readonly Fixture[], contracts: { bcc: Contract; dcs: Contract }): Promise<Record<string, { status: string; passwordFree: boolean }>> {
  const out: Record<string, { status: string; passwordFree: boolean }> = {};
  for (const f of fixtures) {
    const request = f.service === 'bcc'
      ? await buildBccDescribe({ baseUrl, instanceId: f.instanceId, credentials: credentials.bcc })
      : await buildDcsShow({ baseUrl, projectId: f.projectId!, instanceId: f.instanceId, credentials: credentials.dcs });
    const json = (await (await send(request)).json().catch(() => ({}))) as Record<string, unknown>;
    const read = contracts[f.service].facts.operations.readInstance;
    const at = (p: string | undefined) => (p ?? '/status').split('/').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], json);
    out[fixtureKey(f)] = { status: String(at(read.statusPointer)), passwordFree: read.passwordFreePointer ? String(at(read.passwordFreePointer)) === 'true' : false };
  }
  return out;
}

/** Builds the plan from the rehearsal's outcomes. */
export function buildPlan(o: { outcomes: RuleOutcome[]; statuses: Record<string, { status: string }>; fixtures: readonly Fixture[]; restoreRequests: number; allowLockout: boolean; lockMinutes: number }): LivePlan {
  const rules = o.outcomes.map((r) => ({ id: r.rule, runs: r.state !== 'skipped', requests: r.requests ?? 0, reason: r.state === 'skipped' ? r.skipReason : undefined }));
  const checkRequests = rules.reduce((n, r) => n + r.requests, 0);
  const lockers = o.fixtures.filter((f) => o.allowLockout && f.allow.includes('lockout')).map(fixtureKey);
  const triggered = lockers.length > 0 && o.outcomes.some((r) => r.state !== 'skipped' && r.locks === true);
  return {
    // One reachability probe, then one status read per fixture.
    statusReads: o.fixtures.length + 1,
    checkRequests,
    restoreRequests: o.restoreRequests,
    total: o.fixtures.length + 1 + checkRequests + o.restoreRequests,
    rules,
    instances: o.fixtures.map((f) => ({ key: fixtureKey(f), status: o.statuses[fixtureKey(f)]?.status ?? 'unknown', allow: f.allow })),
    lockout: { triggered, minutes: triggered ? o.lockMinutes : 0, instances: triggered ? lockers : [] },
  };
}

/** The plan as the terminal shows it. */
export function renderPlan(plan: LivePlan, target: string): string {
  const running = plan.rules.filter((r) => r.runs);
  const lines = [
    `LIVE RUN PLAN for ${target}`,
    `  instances: ${plan.instances.map((i) => `${i.key} (${i.status}; may: ${i.allow.join(', ')})`).join('; ') || 'none configured (fixtures in conformance.config.ts)'}`,
    `  rules: ${running.length} run, ${plan.rules.length - running.length} skip`,
    ...running.map((r) => `    ${r.id}: ${r.requests} request(s)`),
    `  requests: ${plan.statusReads} probe and status read(s) + ${plan.checkRequests} for the checks + ${plan.restoreRequests} to restore passwords = ${plan.total} (if the target behaves as documented; failures shrink with more)`,
    plan.lockout.triggered
      ? `  LOCKOUT: ${plan.lockout.instances.join(', ')} will be locked for up to ${plan.lockout.minutes} minute(s)`
      : '  lockout: none will be triggered',
  ];
  return lines.join('\n') + '\n';
}
