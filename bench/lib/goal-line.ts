/**
 * The one summary line `npm run bench` prints per benchmark.
 *
 * A ratio is judged against its goal only when the run could show it: a benchmark that says its
 * run was not conclusive (the simulator-throughput servers got less than a core on a busy
 * machine, so the req/s ratio measures the machine's load) reads NOT CONCLUSIVE, never "met".
 */
export interface GoalOutcome {
  ratio: number;
  goal: number;
  /** What the ratio compares. */
  meaning: string;
  /** false when the benchmark says this run cannot judge its goal; absent = conclusive. */
  conclusive?: boolean;
  /** Why the run is not conclusive, and what to read instead. */
  inconclusiveBecause?: string;
}

/** `name  ratio r  goal ≥ g  met | NOT met | NOT CONCLUSIVE (why)  (meaning)`. */
export function goalLine(name: string, outcome: GoalOutcome): string {
  const verdict = outcome.conclusive === false
    ? `NOT CONCLUSIVE${outcome.inconclusiveBecause ? ` (${outcome.inconclusiveBecause})` : ''}`
    : !Number.isFinite(outcome.ratio) ? 'NOT met (no ratio)' : outcome.ratio >= outcome.goal ? 'met' : 'NOT met';
  return `${name.padEnd(24)} ratio ${outcome.ratio.toFixed(2)}  goal ≥ ${outcome.goal.toFixed(2)}  ${verdict}  (${outcome.meaning})`;
}
