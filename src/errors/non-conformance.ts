/**
 * The target broke a rule. Carries the rule id, what was received and what the spec
 * documents; the run reports it as `fail` (exit status 1).
 */
const NON_CONFORMANCE = Symbol.for('pwchange-conformance.NonConformance');

/** A rule violation observed on the target. */
export class NonConformance extends Error {
  readonly [NON_CONFORMANCE] = true;
  override readonly name: string = 'NonConformance';

  constructor(
    readonly rule: string,
    readonly received: string,
    readonly documented: string,
  ) {
    super(`${rule}: received ${received}; documented ${documented}`);
  }

  /** True for any NonConformance, even from a second copy of this package. */
  static is(value: unknown): value is NonConformance {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[NON_CONFORMANCE] === true;
  }
}
