/**
 * The kit was misused or misconfigured: a bad flag, a broken spec, an unreadable file.
 * Carries a stable `code` and a `fix` that says what to do; the CLI exits 2 on it.
 */
const KIT_ERROR = Symbol.for('pwchange-conformance.KitError');

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
export class KitError extends Error {
  readonly [KIT_ERROR] = true;
  override readonly name: string = 'KitError';

  constructor(
    readonly code: KitErrorCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n  → ${fix}`, options);
  }

  /** True for any KitError, even one from a second copy of this package. */
  static is(value: unknown): value is KitError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KIT_ERROR] === true;
  }
}
