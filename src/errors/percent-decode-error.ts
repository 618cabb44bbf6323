/**
 * A `%` in a request path or query is not followed by two hex digits: the bytes have no decoded
 * (canonical) form, so the request cannot be verified. The simulator answers it as a malformed
 * request, never a crash.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** Thrown by the simulator's `percentDecode` when a `%` is not followed by two hex digits. */
export class PercentDecodeError extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.PercentDecodeError';
  /** True for any PercentDecodeError, even one from a second copy of this package. */
  static override readonly is = brandGuard<PercentDecodeError>(PercentDecodeError.brand);
  override readonly name = 'PercentDecodeError';
  readonly code = 'PERCENT_ESCAPE_INVALID';
  readonly fix = 'percent-encode the path and query: every "%" starts an escape of two hex digits (RFC 3986, section 2.1), a literal "%" is "%25"';
}
