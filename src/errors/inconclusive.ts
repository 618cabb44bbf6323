/**
 * A check could not reach a verdict because the target answered with a fault the check did not
 * ask about (a 5xx in the middle of a multi-step check). Never a rule failure: the check is
 * skipped with the reason, and the 5xx itself is judged by the service's `*-NO-5XX` rule.
 */
const INCONCLUSIVE = Symbol.for('pwchange-conformance.Inconclusive');

/** The check saw a target fault and cannot judge its own rule. */
export class Inconclusive extends Error {
  readonly [INCONCLUSIVE] = true;
  override readonly name = 'Inconclusive';

  constructor(
    message: string,
    /** The rule that judges the fault itself (e.g. `DCS-NO-5XX`). */
    readonly judgedBy: string,
  ) {
    super(message);
  }

  /** True for any Inconclusive, even from a second copy of this package. */
  static is(value: unknown): value is Inconclusive {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INCONCLUSIVE] === true;
  }
}
