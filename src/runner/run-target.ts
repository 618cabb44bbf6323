/**
 * Builds the targets the run settings name, through the target registry: one per worker, or, for
 * a kind that lets checks overlap (`TargetKind.checksInFlight`), one per check in flight, lent to
 * a check for its duration (`leaseTarget`).
 */
import { targetKindOf } from '../targets/registry.ts';
import type { Target } from '../targets/target.ts';
import type { RunSettings } from './settings.ts';
import { timed, timedSync } from './target-time.ts';

let current: { key: string; target: Promise<Target> } | undefined;

/** The target for these settings; the same promise for every rule in a worker. */
export function runTarget(settings: RunSettings): Promise<Target> {
  const key = JSON.stringify(settings.target);
  if (current?.key === key) return current.target;
  void current?.target.then((t) => t.close());
  void lent?.closeSpares();
  lent = undefined;
  const target = targetKindOf(settings.target).create(settings.target, { credentials: settings.credentials, timed, timedSync });
  current = { key, target };
  return target;
}

/** How many checks of this run a worker may have in flight at once (1: one after another). */
export function checksInFlight(settings: RunSettings): number {
  const n = targetKindOf(settings.target).checksInFlight?.(settings.target) ?? 1;
  return Number.isInteger(n) && n > 1 ? n : 1;
}

/** A target lent to one check; `release` gives it back when the check ends. */
export interface TargetLease {
  target: Target;
  release(): void;
}

/**
 * The targets of one worker's settings when checks overlap: the worker's own ({@link runTarget})
 * and up to `limit − 1` more, each lent to one check at a time. A check never shares its target:
 * its state riders, deferred set-ups and cached inspects stay its own, so a set-up that fails is
 * raised in the check that made it.
 */
class Lender {
  private readonly idle: Target[] = [];
  private readonly spares: Target[] = [];
  private made = 0;
  /** Targets lent and not given back: the checks in flight. */
  private held = 0;
  private readonly waiting: Array<(target: Target) => void> = [];

  constructor(
    readonly key: string,
    private readonly settings: RunSettings,
    private readonly limit: number,
  ) {}

  async lease(): Promise<TargetLease> {
    const target = this.idle.pop() ?? (this.made < this.limit ? await this.make() : await new Promise<Target>((resolve) => this.waiting.push(resolve)));
    this.held++;
    let released = false;
    return {
      target,
      release: () => {
        if (released) return;
        released = true;
        this.held--;
        const next = this.waiting.shift();
        if (next) next(target);
        else this.idle.push(target);
      },
    };
  }

  private async make(): Promise<Target> {
    const first = this.made++ === 0;
    let target: Target;
    try {
      target = first ? await runTarget(this.settings) : await targetKindOf(this.settings.target).create(this.settings.target, { credentials: this.settings.credentials, timed, timedSync });
    } catch (error) {
      this.made--;
      throw error;
    }
    if (!first) this.spares.push(target);
    // The clock is the session's, not the check's: a check that moves it must run alone (ruleCheck's
    // `exclusive`, implied by needs moveClock), or another check would see time jump mid-case.
    const state = target.state;
    if (state) {
      const advance = state.advanceClock.bind(state);
      state.advanceClock = async (seconds) => {
        if (this.held > 1) throw new Error(`suite bug: a check moved the target's clock while ${this.held - 1} other check(s) were in flight; a check that moves the clock must run alone (ruleCheck option exclusive, or needs moveClock)`);
        return advance(seconds);
      };
    }
    return target;
  }

  /** Closes the targets made beside the worker's own. */
  async closeSpares(): Promise<void> {
    await Promise.all(this.spares.splice(0).map((t) => t.close()));
  }
}

let lent: Lender | undefined;

/**
 * A target for one check. With one check in flight per worker (every kind but those that say
 * otherwise), the worker's own target, as {@link runTarget} gives it.
 */
export async function leaseTarget(settings: RunSettings): Promise<TargetLease> {
  const limit = checksInFlight(settings);
  if (limit === 1) return { target: await runTarget(settings), release: () => undefined };
  const key = JSON.stringify(settings.target);
  if (current?.key !== key) void runTarget(settings);
  if (lent?.key !== key) lent = new Lender(key, settings, limit);
  return lent.lease();
}
