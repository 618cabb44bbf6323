/** The live guard refused to send a request; the check is skipped with this reason, never failed. */
const GUARD_REFUSAL = Symbol.for('pwchange-conformance.GuardRefusal');

/** A request a live run must not send (budget spent, unlisted host, would lock an instance…). */
export class GuardRefusal extends Error {
  readonly [GUARD_REFUSAL] = true;
  override readonly name = 'GuardRefusal';

  /** True for any GuardRefusal, even from a second copy of this package. */
  static is(value: unknown): value is GuardRefusal {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[GUARD_REFUSAL] === true;
  }
}
