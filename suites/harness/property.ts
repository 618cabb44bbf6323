/**
 * Runs a fast-check property for a rule. On failure it re-runs the shrunk case to capture its
 * transcript, and records the counterexample with a replay key `{ seed, path }`.
 */
import fc from 'fast-check';
import { NonConformance } from '../../src/errors/non-conformance.ts';
import { GuardRefusal } from '../../src/errors/guard-refusal.ts';
import { TransportFault } from '../../src/errors/transport-fault.ts';
import { StateEndpointFault } from '../../src/errors/state-endpoint-fault.ts';
import { Inconclusive } from '../../src/errors/inconclusive.ts';
import { NotImplementedByClient } from '../../src/errors/not-implemented.ts';
import type { RuleContext } from './rule-context.ts';

/** Options of {@link property}. */
export interface PropertyOptions<T> {
  /** Cases at `runs` = 1 (default 100). */
  numRuns?: number;
  /** Describes a case for the counterexample summary (never print secrets here). */
  describe?: (value: T) => string;
}

/**
 * Size of the default run: each property's `numRuns` is a relative weight, multiplied by this
 * and by `--runs`. Chosen so the default full run makes ≥ 5,000 cases well inside the time
 * budget measured by `bench/full-run.ts`.
 */
export const DEFAULT_SCALE = 2;

/** Errors that end a check without a verdict. */
function isStop(error: unknown): boolean {
  return GuardRefusal.is(error) || TransportFault.is(error) || StateEndpointFault.is(error) || Inconclusive.is(error) || NotImplementedByClient.is(error);
}

/**
 * Runs one case, then sends what the target's state client deferred (state riders,
 * docs/state-protocol.md: a set-up rides on the case's next message; one left over is sent here,
 * so no case ends with a set-up unsent). A fault of that set-up is what the case raises, unless
 * the case already stopped on a fault of its own: without riders it would have come first.
 */
async function runCase(rc: RuleContext, run: () => Promise<void>): Promise<void> {
  let error: unknown;
  let failed = false;
  try {
    await run();
  } catch (e) {
    error = e;
    failed = true;
  }
  const state = rc.target.state;
  if (state?.flush !== undefined) {
    try {
      await state.flush();
    } catch (e) {
      if (!failed || !isStop(error)) {
        error = e;
        failed = true;
      }
    }
  }
  if (failed) throw error;
}

/** A stable 31-bit seed per (run seed, rule, property), so each property gets its own stream. */
export function deriveSeed(seed: number, ...parts: string[]): number {
  let h = seed >>> 0;
  for (const ch of parts.join('\u0000')) h = (Math.imul(h ^ ch.charCodeAt(0), 0x01000193) + 0x9e3779b9) >>> 0;
  return h & 0x7fffffff;
}

/** Checks `predicate` on generated values; throws the minimal failure as a NonConformance. */
export async function property<T>(rc: RuleContext, name: string, arbitraryOrFactory: fc.Arbitrary<T> | ((replayPath?: string) => fc.Arbitrary<T>), predicate: (value: T) => Promise<void>, options: PropertyOptions<T> = {}): Promise<void> {
  const replay = rc.settings.replay?.rule === rc.rule && rc.settings.replay.property === name ? rc.settings.replay : undefined;
  // Model-based arbitraries (fc.commands) need their own replay path besides { seed, path }.
  const arbitrary = typeof arbitraryOrFactory === 'function' ? arbitraryOrFactory(replay?.replayPath) : arbitraryOrFactory;
  if (rc.settings.replay && !replay) return; // replaying another case: nothing to do here
  const seed = replay?.seed ?? deriveSeed(rc.settings.seed, rc.rule, name);
  const numRuns = Math.max(1, Math.round((options.numRuns ?? 100) * DEFAULT_SCALE * rc.settings.runs));
  // A guard refusal, transport fault or state endpoint fault is not a counterexample: stop sending, and let the
  // check be skipped with it instead of shrinking (which would send yet more requests).
  let stopped: unknown;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      if (stopped) return;
      rc.transcript = [];
      try {
        await runCase(rc, () => predicate(value));
      } catch (error) {
        if (!isStop(error)) throw error;
        stopped = error;
      }
    }),
    { seed, numRuns, path: replay?.path, endOnFailure: replay !== undefined },
  );
  rc.cases += details.numRuns;
  if (stopped) throw stopped;
  if (!details.failed || !details.counterexample) return;
  const [value] = details.counterexample;
  rc.transcript = [];
  let error: unknown = details.errorInstance;
  try {
    await runCase(rc, () => predicate(value));
  } catch (e) {
    error = e;
  }
  const failure = NonConformance.is(error) ? error : undefined;
  const summary = `${name}: ${options.describe ? options.describe(value) : JSON.stringify(value)}`;
  rc.failure = {
    counterexample: {
      summary,
      received: failure?.received ?? String((error as Error)?.message ?? error),
      documented: failure?.documented ?? 'no error',
      transcript: rc.transcript,
    },
    replay: { seed: details.seed, path: details.counterexamplePath ?? undefined, replayPath: /replayPath="([^"]*)"/.exec(String(value))?.[1], property: name, rule: rc.rule },
  };
  const message = `${summary}\n  received: ${rc.failure.counterexample.received}\n  documented: ${rc.failure.counterexample.documented}\n  replay: seed ${details.seed}, path ${details.counterexamplePath}`;
  throw failure ? Object.assign(failure, { message: `${failure.rule}: ${message}` }) : new Error(message);
}

/** Runs every listed case, in order, exactly once: boundaries are never left to chance. */
export async function examples<T>(rc: RuleContext, name: string, values: readonly T[], predicate: (value: T) => Promise<void>, options: PropertyOptions<T> = {}): Promise<void> {
  const replay = rc.settings.replay?.rule === rc.rule && rc.settings.replay.property === name ? rc.settings.replay : undefined;
  if (rc.settings.replay && !replay) return;
  const indices = replay ? [Number(replay.path ?? 0)] : values.map((_, i) => i);
  for (const index of indices) {
    const value = values[index] as T;
    rc.transcript = [];
    rc.cases++;
    try {
      await runCase(rc, () => predicate(value));
    } catch (error) {
      if (isStop(error)) throw error;
      const failure = NonConformance.is(error) ? error : undefined;
      const summary = `${name}: ${options.describe ? options.describe(value) : JSON.stringify(value)}`;
      rc.failure = {
        counterexample: { summary, received: failure?.received ?? String((error as Error)?.message ?? error), documented: failure?.documented ?? 'no error', transcript: rc.transcript },
        replay: { seed: rc.settings.seed, path: String(index), property: name, rule: rc.rule },
      };
      throw error;
    }
  }
}
