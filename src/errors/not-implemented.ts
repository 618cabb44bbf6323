/**
 * The client under test reported that it does not implement the operation (an adapter outcome
 * `not-implemented`). Never a rule failure: the check is skipped with the client's own words.
 */
const NOT_IMPLEMENTED = Symbol.for('pwchange-conformance.NotImplementedByClient');

/** The client cannot perform what the check needs. */
export class NotImplementedByClient extends Error {
  readonly [NOT_IMPLEMENTED] = true;
  override readonly name = 'NotImplementedByClient';

  /** True for any NotImplementedByClient, even from a second copy of this package. */
  static is(value: unknown): value is NotImplementedByClient {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[NOT_IMPLEMENTED] === true;
  }
}
