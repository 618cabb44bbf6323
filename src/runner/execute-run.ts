/**
 * Executes a run plan: probe the target, run the suites, build and write the report.
 * Returns the report and the exit status (0 conformant, 1 not, 2 state endpoint without the
 * protocol, 3 target or state endpoint unreachable, 130 interrupted).
 */
import { mkdirSync } from 'node:fs';
import { EXIT } from './exit-codes.ts';
import type { ConformanceReport } from '../report/report-model.ts';
import { runStatusOf } from './run-status.ts';
import { reportOfPlan } from './plan-report.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import type { RunPlan } from './run-plan.ts';
import { executeLive, type LiveRunResult } from './execute-live.ts';
import { probe } from './probe.ts';
import { targetKindOf } from '../targets/registry.ts';
import type { LivePlan } from './live-plan.ts';
import { runSuites } from './run-suites.ts';
import { KIT_PACKAGE } from '../kit-version.ts';
import type { ClientCmdSession } from './client-cmd-session.ts';
import { pointCurlsAtServe } from './serve-curl.ts';

const VERSION = KIT_PACKAGE.version;

/** Options of {@link executeRun}. */
export interface ExecuteOptions {
  onProgress?: (done: number, outcome: RuleOutcome) => void;
  /** Live runs: called with the plan before anything is changed. */
  onPlan?: (plan: LivePlan) => void;
  signal?: AbortSignal;
  /**
   * Writes the report files (the CLI passes `writeReports` of `reporters/`): the runner builds
   * the report model and never imports the renderers, which sit above it.
   */
  writeReports: (report: ConformanceReport, dir: string, formats: RunPlan['formats']) => Promise<string[]>;
}

/** Runs the plan and writes the report files; never throws for a non-conformant target. */
export async function executeRun(given: RunPlan, options: ExecuteOptions): Promise<{ report: ConformanceReport; exitCode: number; files: string[]; outcomes: RuleOutcome[]; livePlan?: LivePlan; warning?: string }> {
  const startedAt = new Date();
  // --client-cmd: the client program starts once, here; a bad command or hello is exit 2.
  // Loaded only for such runs: other runs start no faster for code they never use.
  const session = given.clientCmd ? await (await import('./client-cmd-session.ts')).openClientCmd(given, given.clientCmd) : undefined;
  try {
    return await executePlan(session?.plan ?? given, options, startedAt, session);
  } finally {
    await session?.close();
  }
}

async function executePlan(plan: RunPlan, options: ExecuteOptions, startedAt: Date, session: ClientCmdSession | undefined): Promise<Awaited<ReturnType<typeof executeRun>>> {
  // A broken adapter module is a configuration error (exit 2), found before anything runs.
  await targetKindOf(plan.settings.target).preflight?.(plan.settings.target);
  // A live run probes as part of its plan, so that the plan counts every request.
  let unreachable = plan.live ? undefined : await probe(plan);
  let outcomes: RuleOutcome[] = [];
  let interrupted = false;
  const faults: string[] = [];
  let live: LiveRunResult | undefined;
  if (unreachable) faults.push(unreachable);
  else if (plan.live) {
    live = await executeLive(plan, options);
    unreachable = live.unreachable;
    if (unreachable) faults.push(unreachable);
    outcomes = live.outcomes;
    interrupted = live.interrupted;
    faults.push(...live.loadErrors.map((e) => `suite failed to load: ${e}`));
    faults.push(...outcomes.filter((o) => o.transportFault).map((o) => `${o.rule}: ${o.transportFault!.split('\n')[0]}`));
    for (const r of live.restorations.filter((x) => !x.restored)) faults.push(`PASSWORD NOT RESTORED on ${r.instance}: ${r.detail}`);
  } else {
    // The kind may hand the workers other settings (a server's isolated sessions); the plan and
    // the report keep the target the user named.
    const prepared = await targetKindOf(plan.settings.target).prepare?.(plan.settings.target);
    const settings = prepared ? { ...plan.settings, target: prepared.settings } : plan.settings;
    let run: Awaited<ReturnType<typeof runSuites>>;
    try {
      run = await runSuites({ settings, shard: plan.shard, onProgress: options.onProgress, signal: options.signal });
    } finally {
      await prepared?.release();
    }
    outcomes = run.outcomes;
    interrupted = run.interrupted || options.signal?.aborted === true;
    faults.push(...run.loadErrors.map((e) => `suite failed to load: ${e}`));
    faults.push(...outcomes.filter((o) => o.transportFault).map((o) => `${o.rule}: ${o.transportFault!.split('\n')[0]}`));
  }
  const { runStatus, reason, exitCode: statusExit } = runStatusOf(unreachable, interrupted, outcomes);
  const report = reportOfPlan(plan, outcomes, { startedAt, runStatus, runStatusReason: reason, faults, toolVersion: VERSION });
  if (live) report.restorations = live.restorations;
  const clientExit = session?.finish(report, outcomes);
  pointCurlsAtServe(report);
  mkdirSync(plan.reportDir, { recursive: true });
  const files = await options.writeReports(report, plan.reportDir, plan.formats);
  const exitCode = statusExit ?? clientExit ?? (report.summary.conformant ? EXIT.conformant : EXIT.nonConformant);
  return { report, exitCode, files, outcomes, livePlan: live?.plan, warning: live?.warning };
}
