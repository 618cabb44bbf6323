/**
 * The client under test reported that it does not implement the operation (an adapter outcome
 * `not-implemented`). Never a rule failure: the check is skipped with the client's own words.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** The client cannot perform what the check needs. */
export class NotImplementedByClient extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.NotImplementedByClient';
  /** True for any NotImplementedByClient, even one from a second copy of this package. */
  static override readonly is = brandGuard<NotImplementedByClient>(NotImplementedByClient.brand);
  override readonly name = 'NotImplementedByClient';
  readonly code = 'CLIENT_NOT_IMPLEMENTED';
  readonly fix = 'not a rule failure: the check is skipped; implement changePassword for this service in the client adapter to have it judged';
}
