/**
 * The kit was misused or misconfigured: a bad flag, a broken spec, an unreadable file.
 * Carries a stable `code` and a `fix` that says what to do; the CLI exits 2 on it.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** Stable codes for {@link KitError}; each names one kind of misuse. */
export type KitErrorCode =
  | 'SPEC_UNREADABLE'
  | 'SPEC_INVALID'
  | 'VARIANT_UNKNOWN'
  | 'CONFIG_INVALID'
  | 'USAGE'
  | 'TARGET_UNREACHABLE'
  | 'CREDENTIALS_MISSING';

/** Misuse or configuration error: says what happened, then how to fix it. */
export class KitError extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.KitError';
  /** True for any KitError, even one from a second copy of this package. */
  static override readonly is = brandGuard<KitError>(KitError.brand);
  override readonly name: string = 'KitError';

  constructor(
    readonly code: KitErrorCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n  → ${fix}`, options);
  }
}
