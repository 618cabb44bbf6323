/**
 * The target broke a rule. Carries the rule id, what was received and what the spec
 * documents; the run reports it as `fail` (exit status 1).
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** A rule violation observed on the target. */
export class NonConformance extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.NonConformance';
  /** True for any NonConformance, even one from a second copy of this package. */
  static override readonly is = brandGuard<NonConformance>(NonConformance.brand);
  override readonly name: string = 'NonConformance';
  readonly code = 'NON_CONFORMANCE';

  constructor(
    readonly rule: string,
    readonly received: string,
    readonly documented: string,
  ) {
    super(`${rule}: received ${received}; documented ${documented}`);
  }

  /** What the target must do instead: answer as the documents say for the rule. */
  get fix(): string {
    return `make the target answer as documented for ${this.rule}: ${this.documented} (the report's counterexample and replay key reproduce the case)`;
  }
}
