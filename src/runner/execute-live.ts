/**
 * A live run: read the fixtures' statuses, rehearse the run against an embedded stand-in to
 * print an exact plan, then (unless --dry-run) run for real and restore every changed
 * password — also after a failure or Ctrl-C.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveSettings } from '../targets/live-target.ts';
import { liveRunSettings } from '../targets/http-kind.ts';
import { PasswordLedger, stopFileOf } from '../live/ledger.ts';
import { buildPlan, readFixtureStatuses, type LivePlan } from './live-plan.ts';
import { needsRestoring, restorationWarning, restorePasswords, type Restoration } from './live-restore.ts';
import { httpTransport } from '../transports/http.ts';
import type { Target } from '../targets/target.ts';
import type { RunPlan } from './run-plan.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { runSuites } from './run-suites.ts';
import { probe } from './probe.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';

/** What a live run did before the report is built. */
export interface LiveRunResult {
  plan: LivePlan;
  outcomes: RuleOutcome[];
  interrupted: boolean;
  loadErrors: string[];
  restorations: Restoration[];
  warning?: string;
  dryRun: boolean;
  /** Set when the target did not answer the first request: nothing else was sent. */
  unreachable?: string;
}

/** Minutes a lockout of the run lasts, from the DCS contract's `lockout.durationSeconds`; 0 without DCS (nothing can lock). */
function lockMinutes(dcs: { facts: { lockout?: { durationSeconds: number } } } | undefined): number {
  return dcs?.facts.lockout ? Math.ceil(dcs.facts.lockout.durationSeconds / 60) : 0;
}

/** Runs the live flow; `onPlan` sees the plan before anything is changed. */
export async function executeLive(plan: RunPlan, o: { onPlan?: (p: LivePlan) => void; onProgress?: (done: number, outcome: RuleOutcome) => void; signal?: AbortSignal }): Promise<LiveRunResult> {
  const target = liveRunSettings(plan.settings.target);
  if (!target) throw new Error('executeLive needs a live http target');
  const live = target.live;
  const credentials = plan.settings.credentials as Target['credentials'];
  const contracts = Object.fromEntries(plan.contracts.map((c) => [c.service, c])) as { bcc: (typeof plan.contracts)[number]; dcs: (typeof plan.contracts)[number] };
  const http = httpTransport({ timeoutMs: target.timeoutMs });
  try {
    const unreachable = await probe(plan);
    if (unreachable) return { plan: buildPlan({ outcomes: [], statuses: {}, fixtures: [], restoreRequests: 0, allowLockout: false, lockMinutes: 0 }), outcomes: [], interrupted: false, loadErrors: [], restorations: [], dryRun: plan.live!.dryRun, unreachable };
    const statuses = await readFixtureStatuses(http.send, target.baseUrl, credentials, live.fixtures, contracts);
    // The rehearsal is the same run, same seed, against a stand-in holding the fixtures as read.
    const rehearsalDir = mkdtempSync(join(tmpdir(), 'conformance-rehearsal-'));
    const rehearsalLive: LiveSettings = { ...live, rehearsal: statuses, ledgerFile: join(rehearsalDir, 'ledger.json') };
    const rehearsal = await runSuites({ settings: { ...plan.settings, target: { ...target, live: rehearsalLive } } });
    const restoreRequests = needsRestoring(PasswordLedger.read(rehearsalLive.ledgerFile)).length;
    rmSync(rehearsalDir, { recursive: true, force: true });
    const livePlan = buildPlan({ outcomes: rehearsal.outcomes, statuses, fixtures: live.fixtures, restoreRequests, allowLockout: live.allowLockout, lockMinutes: lockMinutes(contracts.dcs) });
    o.onPlan?.(livePlan);
    if (plan.live!.dryRun) return { plan: livePlan, outcomes: rehearsal.outcomes, interrupted: false, loadErrors: [], restorations: [], dryRun: true };
    // Ctrl-C during the rehearsal: the real run must not start (an already aborted signal never
    // fires its listeners, so runSuites would not see it); nothing was changed, nothing to restore.
    if (o.signal?.aborted) return { plan: livePlan, outcomes: [], interrupted: true, loadErrors: [], restorations: [], dryRun: false };

    let run: Awaited<ReturnType<typeof runSuites>> = { outcomes: [], loadErrors: [], interrupted: true };
    // Ctrl-C: the workers' guard sends nothing more from now on. vitest abandons a cancelled
    // check's body, which would otherwise go on changing passwords until its worker ends.
    const stopFile = stopFileOf(live.ledgerFile);
    const stop = (): void => writeFileSync(stopFile, '', { mode: 0o600 });
    o.signal?.addEventListener('abort', stop, { once: true });
    try {
      run = await runSuites({ settings: plan.settings, shard: plan.shard, onProgress: o.onProgress, signal: o.signal });
    } finally {
      o.signal?.removeEventListener('abort', stop);
      // Whatever happened above, every password this run changed is put back — once no worker
      // can send any more: runSuites has closed vitest (its workers are terminated), and the
      // stop file refuses anything a straggler would send. The ledger holds every password a
      // change may have set, written before the change left (src/live/live-guard.ts).
      stop();
      try {
        const restorations = await restorePasswords(PasswordLedger.read(live.ledgerFile), { send: http.send, baseUrl: target.baseUrl, credentials, lockout: (contracts.dcs ?? loadSpec(builtinSpecPath('dcs'))).facts.lockout!, maxWaitMs: plan.live!.restoreWaitMs });
        Object.assign(run, { restorations });
      } finally {
        rmSync(stopFile, { force: true });
      }
    }
    const restorations = (run as typeof run & { restorations: Restoration[] }).restorations;
    return { plan: livePlan, outcomes: run.outcomes, interrupted: run.interrupted || o.signal?.aborted === true, loadErrors: run.loadErrors, restorations, warning: restorationWarning(restorations, live.ledgerFile), dryRun: false };
  } finally {
    await http.close();
  }
}
