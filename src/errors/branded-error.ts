/**
 * The base of every error class of the kit. Each carries a stable `code` (what kind of error,
 * for programs) and a `fix` (what to do about it, or what it means when nothing is to be done),
 * and a brand — `Symbol.for('pwchange-conformance.<Name>')` — so that the static `is()` guard
 * recognises an error from a second copy of this package, where `instanceof` would not.
 *
 * A subclass declares its own `static brand` and `static is = brandGuard<Itself>(Itself.brand)`;
 * the constructor stamps the brand of every class of the instance's chain, so
 * `KitError.is(specError)` and `SpecError.is(specError)` both hold.
 */

/**
 * The `is()` guard of one brand: true for any object carrying `Symbol.for(brand)`. A plain
 * function, so it works unbound (`errors.some(TransportFault.is)`).
 */
export function brandGuard<T>(brand: string): (value: unknown) => value is T {
  const key = Symbol.for(brand);
  return (value: unknown): value is T => typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[key] === true;
}

/** Base of the kit's errors: a stable code, a fix, and a brand that survives duplicate copies of the package. */
export abstract class BrandedError extends Error {
  /** The brand of this class; every subclass declares its own (`pwchange-conformance.<Name>`). */
  static readonly brand: string = 'pwchange-conformance.BrandedError';
  /** True for any of the kit's errors, even one from a second copy of this package. */
  static readonly is: (value: unknown) => value is BrandedError = brandGuard<BrandedError>(BrandedError.brand);

  /** Stable identifier of the kind of error, e.g. `SPEC_INVALID` or `TRANSPORT_REFUSED`. */
  abstract readonly code: string;
  /** How to fix it, or what it means when there is nothing to fix (a skipped check, say). */
  abstract readonly fix: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Stamp the brand of every class of the chain, so a parent's is() also holds (KitError.is(specError)).
    for (let c: unknown = new.target; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) Object.defineProperty(this, Symbol.for((c as unknown as { brand: string }).brand), { value: true });
    }
  }
}
