/** Builds each vendor's responses from the contract: status, headers and body shape. */
import { randomUUID } from 'node:crypto';
import type { Contract } from '../../contract/contract.ts';
import type { SimResponse } from './sim-types.ts';

const JSON_TYPE = 'application/json;charset=UTF-8';

/**
 * The HTTP `Date` value, rebuilt at most once per second: it has one-second resolution, and
 * formatting it per response showed up in the profile (node:http caches its own the same way).
 */
// Stryker disable all: out of scope, no document the kit judges by says anything about the HTTP Date header (no rule checks it)
let dateSecond = -1;
let dateText = '';
function httpDate(): string {
  const nowMs = Date.now();
  const second = Math.floor(nowMs / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(nowMs).toUTCString();
  }
  return dateText;
}
// Stryker restore all

/** Headers every response of a service carries (the request id where the vendor sends one). */
export function baseHeaders(contract: Contract, requestId: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': JSON_TYPE, date: httpDate() };
  const idHeader = contract.facts.responseShape.requestIdHeader;
  // Stryker disable next-line ConditionalExpression: out of scope, the mutant adds a header (named "undefined") where the vendor sends no request id; no document forbids an extra header
  if (idHeader) headers[idHeader] = requestId;
  return headers;
}

/** An error response with the code's documented status, in the vendor's error body format. */
export function errorResponse(contract: Contract, code: string, detail?: string, requestId: string = randomUUID()): SimResponse {
  const known = contract.facts.errors[code];
  // Stryker disable next-line ConditionalExpression: equivalent, the simulator only answers with codes its spec declares (an assertion)
  if (!known) throw new Error(`simulator bug: error code ${code} is not declared in ${contract.file}`);
  const message = detail ? `${known.message} ${detail}` : known.message;
  const full: Record<string, unknown> =
    contract.service === 'bcc'
      ? { requestId, code, message }
      : { error_code: code, error_msg: message, error_ext_msg: null };
  // The fields in force (a planted fault drops one); JSON.stringify skips the undefined ones.
  const fields = contract.facts.responseShape.errorBodyFields;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,ArrowFunction: equivalent under the default, where every field is in force (only the planted fault that drops an error-body field narrows them)
  const body = fields.length === Object.keys(full).length ? full : Object.fromEntries(Object.entries(full).filter(([k]) => fields.includes(k)));
  return { status: known.status, headers: baseHeaders(contract, requestId), body: JSON.stringify(body) };
}

/**
 * The empty JSON object as an {@link okResponse} body: written as `{}` without a JSON.stringify
 * call (an engine call per successful BCC change). Never mutated.
 */
export const EMPTY_OBJECT: Readonly<Record<string, never>> = Object.freeze({});

/** A 200 JSON response (or an empty one where the reading in force says so). */
export function okResponse(contract: Contract, body: unknown, requestId: string = randomUUID()): SimResponse {
  const headers = baseHeaders(contract, requestId);
  // Stryker disable next-line ConditionalExpression,ObjectLiteral,StringLiteral: not in force, only BCC-A4's empty-body reading passes no body (its check reports which reading a target follows)
  if (body === undefined) return { status: 200, headers, body: '' };
  return { status: 200, headers, body: body === EMPTY_OBJECT ? '{}' : JSON.stringify(body) };
}
