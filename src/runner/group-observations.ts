/** Groups what the checks observed (choices where the documents are silent) into the report's list. */
import type { ReportObservation } from '../report/report-model.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';

/**
 * One entry per (topic, choice): counts summed, the first rule and evidence kept, sorted by
 * topic then choice. `serviceOf` names a rule's service.
 */
export function groupObservations(outcomes: readonly RuleOutcome[], serviceOf: (rule: string) => string): ReportObservation[] {
  return mergeObservations(outcomes.flatMap((o) => (o.observations ?? []).map((ob) => ({ ...ob, rule: o.rule, service: serviceOf(o.rule), count: 1 }))));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Merges already grouped lists (e.g. of several shards) the same way: the first rule and evidence seen are kept. */
export function mergeObservations(items: readonly ReportObservation[]): ReportObservation[] {
  const byKey = new Map<string, ReportObservation>();
  for (const item of items) {
    const key = JSON.stringify([item.topic, item.choice]);
    const seen = byKey.get(key);
    if (seen) seen.count += item.count;
    else byKey.set(key, { rule: item.rule, service: item.service, topic: item.topic, title: item.title, choice: item.choice, evidence: item.evidence, count: item.count });
  }
  return [...byKey.values()].sort((a, b) => cmp(a.topic, b.topic) || cmp(a.choice, b.choice));
}
