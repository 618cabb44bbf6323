/**
 * The live guard refused to send a request (budget spent, unlisted host, would lock an
 * instance…). Never a rule failure: the check is skipped with this reason.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** A request a live run must not send (budget spent, unlisted host, would lock an instance…). */
export class GuardRefusal extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.GuardRefusal';
  /** True for any GuardRefusal, even one from a second copy of this package. */
  static override readonly is = brandGuard<GuardRefusal>(GuardRefusal.brand);
  override readonly name = 'GuardRefusal';
  readonly code = 'LIVE_GUARD_REFUSAL';

  constructor(
    message: string,
    /** What would let the request through; the message names the guard rail that stopped it. */
    readonly fix = 'not a rule failure: the check is skipped to keep the live sandbox safe; widen the guard rail the message names (allowHosts, --max-requests, --allow-lockout, a fixture\'s allow list) only if the sandbox can take it',
  ) {
    super(message);
  }
}
