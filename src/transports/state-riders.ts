/**
 * The wire form of **state riders** (docs/state-protocol.md, "Riders"): state-protocol messages
 * carried on another request to an isolated session of `conformance serve`, so that a case's
 * set-up, API call and inspect take one round trip instead of three (issue 17). The kit uses them
 * only with a session whose server advertises them (`"riders": 1` in the sessions offer).
 *
 * Shared by the kit's side (`src/targets/state-riders.ts`) and the server's (`src/simulator/server.ts`).
 */
import type { RawAnswer } from './transport.ts';

/** One exchange in raw form (the HTTP transport's `RawExchange`). */
export type PlainExchange = (method: string, url: string, headers: Record<string, string>, body?: Uint8Array) => Promise<RawAnswer>;

/** The rider version a server advertises in the sessions offer (`"riders": 1`). */
export const RIDERS_VERSION = 1;

/**
 * Request header: state messages to apply, in order, before the request itself:
 * {@link encodeRider} of `{"client": ID, "from": SEQ, "bodies": [JSON text of a state message, …]}`;
 * message `i` has sequence number `from + i` in the numbering of client `ID` (each of the kit's
 * targets numbers from 1). A server applies each number of a client once (a retried request
 * carries them again). Never signed, never recorded.
 */
export const SETUP_RIDER = 'x-conformance-setup';

/** Request header: {@link encodeRider} of `[inspect params, …]` to inspect after the answer. */
export const INSPECT_RIDER = 'x-conformance-inspect';

/** Answer header: the highest sequence number the session has applied. */
export const APPLIED_HEADER = 'x-conformance-applied';

/** Answer header: {@link encodeRider} of `[[status, body text], …]`, one per inspect asked for. */
export const INSPECTED_HEADER = 'x-conformance-inspected';

/**
 * Answer header of a carried message that failed: `"<seq> <status>"`, the failing message's
 * number and the state endpoint's status; the body is the state endpoint's error body and the
 * request itself was not run. The answer's status is {@link RIDER_FAILED_STATUS}.
 */
export const RIDER_FAILED_HEADER = 'x-conformance-setup-failed';

/** Status of an answer whose carried set-up failed (424 Failed Dependency). */
export const RIDER_FAILED_STATUS = 424;

/** Every header name of the rider protocol, lower case. */
export const RIDER_HEADERS: ReadonlySet<string> = new Set([SETUP_RIDER, INSPECT_RIDER, APPLIED_HEADER, INSPECTED_HEADER, RIDER_FAILED_HEADER]);

/** A rider value: JSON, UTF-8, base64url (header-safe whatever the passwords hold). */
export function encodeRider(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * The value of {@link encodeRider}; throws a `SyntaxError` on anything that does not decode to
 * JSON (base64 decoding skips characters outside its alphabet; what is left must be JSON).
 */
export function decodeRider(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
}

/**
 * What an HTTP transport lets carry riders: it hands over its plain exchange and sends every
 * message through the exchange returned (`HttpTransportOptions.riders`).
 */
export interface RiderCarrier {
  wrap(plain: PlainExchange): PlainExchange;
}
