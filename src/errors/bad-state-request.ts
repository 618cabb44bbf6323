/**
 * A state-protocol message (`POST /__conformance/state`) the simulator cannot act on: a missing
 * or ill-typed parameter, an unknown state or instance. The state endpoint answers it with 400
 * and the message, so the caller learns what to send instead.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** A state request with a bad parameter, an unknown state or an unknown instance. */
export class BadStateRequest extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.BadStateRequest';
  /** True for any BadStateRequest, even one from a second copy of this package. */
  static override readonly is = brandGuard<BadStateRequest>(BadStateRequest.brand);
  override readonly name = 'BadStateRequest';
  readonly code = 'STATE_REQUEST_INVALID';
  readonly fix = 'send {"action": "setup" | "teardown", "state": NAME, "params": {...}} with the parameters the state protocol names (README, "State-setup protocol")';
}
