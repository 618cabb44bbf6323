/**
 * `ruleCheck(id, options, body)` defines one vitest test per rule, tagged with the rule id in
 * its task meta, so the kit's reporter can give a verdict per rule. Capabilities the target
 * lacks make the rule skip with the reason.
 */
import { it, type TestContext } from 'vitest';
import { documentedContract } from '../../src/contract/documented.ts';
import type { Capability, Target } from '../../src/targets/target.ts';
import type { Counterexample, ReplayKey, Timeline } from '../../src/report/report-model.ts';
import { RuleContext } from './rule-context.ts';
import type { RuleMeta } from '../../src/runner/rule-meta.ts';

export type { RuleMeta };
import { ruleSelected, runSettings } from '../../src/runner/settings.ts';
import { checksInFlight, leaseTarget } from '../../src/runner/run-target.ts';
import { targetTime } from '../../src/runner/target-time.ts';
import { GuardRefusal } from '../../src/errors/guard-refusal.ts';
import { TransportFault } from '../../src/errors/transport-fault.ts';
import { sentSecrets } from '../../src/report/sent-secrets.ts';
import { Inconclusive } from '../../src/errors/inconclusive.ts';
import { NotImplementedByClient } from '../../src/errors/not-implemented.ts';
import { StateEndpointFault } from '../../src/errors/state-endpoint-fault.ts';


declare module 'vitest' {
  interface TaskMeta {
    conformance?: RuleMeta;
  }
}

export { documentedContract } from '../../src/contract/documented.ts';

/** Options of a rule check. */
export interface RuleCheckOptions {
  /** Capabilities the check needs; missing ones make it skip with the reason. */
  needs?: readonly Capability[];
  /** The check drives an instance into the lockout (live runs need --allow-lockout). */
  locks?: boolean;
  /** Test timeout in ms (default 120 s: lockout sequences take a while at large `runs`). */
  timeoutMs?: number;
  /**
   * The check runs alone even where a worker's checks overlap (`TargetKind.checksInFlight`): it
   * moves the target's clock, which every check of the worker sees. Implied by needs moveClock.
   */
  exclusive?: boolean;
}

/** Defines the check of one rule. */
export function ruleCheck(ruleId: string, options: RuleCheckOptions, body: (rc: RuleContext) => Promise<void>): void {
  const service = ruleId.startsWith('BCC-') ? 'bcc' : 'dcs';
  const contract = documentedContract(service);
  const rule = contract.facts.rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`suite bug: rule ${ruleId} is not in the ${service} catalogue (specs/${service}.openapi.yaml)`);
  const settings = runSettings();
  if (!settings.services.includes(service) || !ruleSelected(ruleId, settings.rules)) return;

  // Overlapping checks: vitest runs a file's consecutive concurrent tests together, and an
  // exclusive one after them, alone.
  const exclusive = options.exclusive ?? options.needs?.includes('moveClock') ?? false;
  const define = !exclusive && checksInFlight(settings) > 1 ? it.concurrent : it;
  define(`${ruleId}: ${rule.title}`, { timeout: options.timeoutMs ?? 120_000 }, async (ctx: TestContext) => {
    const meta: RuleMeta = { rule: ruleId, cases: 0, locks: options.locks };
    ctx.task.meta.conformance = meta;
    const lease = await leaseTarget(settings);
    try {
      await checkWith(lease.target, ctx, meta);
    } finally {
      lease.release();
    }
  });

  async function checkWith(target: Target, ctx: TestContext, meta: RuleMeta): Promise<void> {
    // A client that does not list the service is not judged on it (its adapter's `services`).
    if (target.services && !target.services.includes(service)) {
      meta.skipReason = `${target.name} does not implement ${service} (its adapter lists ${target.services.join(', ')})`;
      ctx.skip(meta.skipReason);
    }
    // Fixtures of a live target stand in for state setup; a check without a fitting fixture skips.
    const missing = (options.needs ?? []).filter((c) => !target.capabilities[c] && !(c === 'setupState' && target.fixtures));
    if (missing.length > 0) {
      meta.skipReason = `needs ${missing.join(', ')}, which target ${target.name} does not offer`;
      ctx.skip(meta.skipReason);
    }
    const rc = new RuleContext(ruleId, target, contract, settings, options.locks ?? false);
    const targetStart = targetTime.ms;
    const sentBefore = target.sent?.() ?? 0;
    try {
      await body(rc);
      // State riders: a set-up deferred by the check's last step reaches the target now.
      await target.state?.flush?.();
    } catch (error) {
      // Guard refusals and transport faults are not verdicts: the check is skipped with the reason.
      if (GuardRefusal.is(error)) rc.skip(error.message);
      else if (TransportFault.is(error)) {
        meta.transportFault = error.message;
        rc.skip(`transport fault, not a verdict: ${error.message}`);
      } else if (StateEndpointFault.is(error)) {
        // The test setup failed, not the target: the check did not run (the runner exits 2 or 3).
        meta.stateEndpointFault = { status: error.status, message: error.message };
        rc.skip(`state endpoint fault, not a verdict: ${error.message}`);
      } else if (NotImplementedByClient.is(error)) rc.skip(error.message);
      else if (Inconclusive.is(error)) rc.skip(`inconclusive, not a verdict: ${error.message} (the 5xx is judged by ${error.judgedBy})`);
      else throw sentSecrets.scrubError(error);
    } finally {
      target.checkpoint?.();
      meta.cases = rc.cases;
      meta.targetMs = targetTime.ms - targetStart;
      if (target.sent) meta.requests = target.sent() - sentBefore;
      if (rc.timelines.length > 0) meta.timelines = rc.timelines;
      if (rc.findings.length > 0) meta.findings = rc.findings;
      if (rc.observations.size > 0) meta.observations = [...rc.observations.values()];
      if (rc.unchecked.size > 0) meta.unchecked = [...rc.unchecked];
      if (rc.ambiguity) meta.ambiguity = rc.ambiguity;
      if (rc.failure) {
        meta.counterexample = rc.failure.counterexample;
        meta.replay = rc.failure.replay;
      }
      // Redaction by construction: no value the kit sent leaves the worker as text.
      Object.assign(meta, sentSecrets.scrubDeep({ ...meta }));
    }
    if (rc.skipReason) {
      meta.skipReason = sentSecrets.scrub(rc.skipReason);
      ctx.skip(meta.skipReason);
    }
  }
}
