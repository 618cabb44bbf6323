/**
 * The state-protocol endpoint (`--state-url`) failed: unreachable, a 5xx, or a 4xx (the endpoint
 * does not speak the protocol). A reachability or configuration problem of the test setup,
 * never a rule failure: checks that needed it are `not-run`, and the run exits 3 (unreachable
 * or 5xx) or 2 (4xx).
 */
const STATE_ENDPOINT_FAULT = Symbol.for('pwchange-conformance.StateEndpointFault');

/** A state endpoint that could not set up, move or inspect state. */
export class StateEndpointFault extends Error {
  readonly [STATE_ENDPOINT_FAULT] = true;
  override readonly name = 'StateEndpointFault';

  constructor(
    message: string,
    /** What to check or change. */
    readonly fix: string,
    /** The HTTP status it answered; absent when it could not be reached. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** A 4xx: the endpoint answered but does not implement the protocol (configuration, exit 2). */
  get isConfiguration(): boolean {
    return this.status !== undefined && this.status >= 400 && this.status < 500;
  }

  /** True for any StateEndpointFault, even from a second copy of this package. */
  static is(value: unknown): value is StateEndpointFault {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[STATE_ENDPOINT_FAULT] === true;
  }
}
