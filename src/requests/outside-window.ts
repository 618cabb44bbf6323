/**
 * How far the `stale-date` and `future-date` faults move a request's date: twice the widest
 * tolerance the spec states for the scheme (the signature's validity window, the clock skew
 * either way), so the date is outside every one of them whatever the server's rounding.
 */
import type { AuthFacts } from '../contract/contract.ts';
import { KitError } from '../errors/kit-error.ts';

/** Milliseconds that put a date outside every window of `auth`; throws when the spec states none. */
export function outsideWindowMs(auth: AuthFacts): number {
  const windows = [auth.defaultExpirationSeconds, auth.maxFutureSkewSeconds, auth.maxClockSkewSeconds].filter((s): s is number => s !== undefined);
  if (windows.length === 0) throw new KitError('SPEC_INVALID', `the spec states no time window for ${auth.scheme}`, 'add the documented one to x-conformance.auth: defaultExpirationSeconds, maxFutureSkewSeconds or maxClockSkewSeconds');
  return 2 * Math.max(...windows) * 1000;
}
