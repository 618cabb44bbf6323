/**
 * A check could not reach a verdict because the target answered with a fault the check did not
 * ask about (a 5xx in the middle of a multi-step check). Never a rule failure: the check is
 * skipped with the reason, and the 5xx itself is judged by the service's `*-NO-5XX` rule.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** The check saw a target fault and cannot judge its own rule. */
export class Inconclusive extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.Inconclusive';
  /** True for any Inconclusive, even one from a second copy of this package. */
  static override readonly is = brandGuard<Inconclusive>(Inconclusive.brand);
  override readonly name = 'Inconclusive';
  readonly code = 'INCONCLUSIVE';

  constructor(
    message: string,
    /** The rule that judges the fault itself (e.g. `DCS-NO-5XX`). */
    readonly judgedBy: string,
  ) {
    super(message);
  }

  /** Not a rule failure: where the fault is judged, and what to do. */
  get fix(): string {
    return `not a verdict on this rule: the fault is judged by ${this.judgedBy}; fix the target's fault, then run the check again`;
  }
}
