/**
 * The state-protocol endpoint (`--state-url`) failed: unreachable, a 5xx, or a 4xx (the endpoint
 * does not speak the protocol). A reachability or configuration problem of the test setup,
 * never a rule failure: checks that needed it are `not-run`, and the run exits 3 (unreachable
 * or 5xx) or 2 (4xx).
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** Stable codes for {@link StateEndpointFault}: unreachable, answered a 4xx (no protocol), or failed otherwise (a 5xx). */
export type StateEndpointFaultCode = 'STATE_ENDPOINT_UNREACHABLE' | 'STATE_ENDPOINT_FAILED' | 'STATE_ENDPOINT_PROTOCOL';

/** A state endpoint that could not set up, move or inspect state. */
export class StateEndpointFault extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.StateEndpointFault';
  /** True for any StateEndpointFault, even one from a second copy of this package. */
  static override readonly is = brandGuard<StateEndpointFault>(StateEndpointFault.brand);
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

  /** `STATE_ENDPOINT_PROTOCOL` for a 4xx, `STATE_ENDPOINT_FAILED` for another failing status (a 5xx), `STATE_ENDPOINT_UNREACHABLE` otherwise. */
  get code(): StateEndpointFaultCode {
    if (this.isConfiguration) return 'STATE_ENDPOINT_PROTOCOL';
    return this.status === undefined ? 'STATE_ENDPOINT_UNREACHABLE' : 'STATE_ENDPOINT_FAILED';
  }
}
