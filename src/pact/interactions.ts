/**
 * Turns a {@link PactCase} into the parts of a Pact V4 HTTP interaction: the kit's own signed
 * request (with matchers where the documents allow variation) and the expected response
 * (literal status codes, error codes, results and retry counts; matchers for request ids,
 * dates, signatures and messages).
 */
import './pact-env.ts';
import { HTTPResponseStatusClass, MatchersV3, type Matcher, type StatusCodeMatcher } from '@pact-foundation/pact';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import type { Contract } from '../contract/contract.ts';
import { signedHeaderPatterns } from './header-patterns.ts';
import { PACT_CREDENTIALS, type Expected, type PactCase } from './cases.ts';

const { regex, string, integer } = MatchersV3;

/** Fixed signing time and base URL of the examples, so an export is byte-for-byte repeatable. */
export const EXAMPLE_DATE = new Date('2025-01-01T00:00:00Z');
const EXAMPLE_BASE_URL = 'http://127.0.0.1:8080';

/** AES-128 output in lowercase hex: whole 16-byte blocks (BCC "Password Encryption Transmission"). */
export const ADMIN_PASS_PATTERN = '^(?:[0-9a-f]{32})+$';


/** Everything the DSL needs for one interaction. */
export interface InteractionParts {
  method: string;
  path: string;
  query: Record<string, string>;
  requestHeaders: Record<string, Matcher<string> | string>;
  requestBody: Record<string, unknown>;
  status: number | StatusCodeMatcher<number>;
  responseHeaders: Record<string, Matcher<string> | string>;
  responseBody?: Record<string, unknown>;
  /** Human notes stored as V4 comments: rules covered and the plaintext behind `adminPass`. */
  comments: string[];
}

/** The kit's own signed request for a case, sent to `baseUrl`, signed at `now`. */
export function caseRequest(pcase: PactCase, baseUrl: string, now: Date = EXAMPLE_DATE): Promise<Request> {
  if (pcase.service === 'bcc') {
    return buildBccChangePassword({ baseUrl, instanceId: pcase.instanceId, password: pcase.password, credentials: PACT_CREDENTIALS.bcc, now });
  }
  return buildDcsChangePassword({ baseUrl, projectId: pcase.projectId, instanceId: pcase.instanceId, oldPassword: pcase.oldPassword, newPassword: pcase.newPassword, credentials: PACT_CREDENTIALS.dcs, now });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A content type with any parameters (charset spelling varies between SDKs and servers). */
function contentTypeMatcher(mediaType: string, example: string): Matcher<string> {
  return regex(`^${escapeRegex(mediaType)}\\s*(;.*)?$`, example);
}

/** Builds the interaction parts for one case of `contract`. */
export async function interactionParts(contract: Contract, pcase: PactCase): Promise<InteractionParts> {
  const { facts } = contract;
  const request = await caseRequest(pcase, EXAMPLE_BASE_URL);
  const url = new URL(request.url);
  // `?changePass` has no value; the bare key and `key=` are the same parameter to Pact and to BCC.
  const query = Object.fromEntries([...url.searchParams.entries()]);
  const patterns = signedHeaderPatterns(contract);
  // `Content-Type` spelled as Pact spells it, or its JSON body builder adds a second one.
  const requestHeaders: InteractionParts['requestHeaders'] = {
    'Content-Type': contentTypeMatcher(facts.responseShape.contentType, request.headers.get('content-type') ?? facts.responseShape.contentType),
  };
  for (const [name, pattern] of Object.entries(patterns)) {
    const example = request.headers.get(name);
    if (example === null) throw new Error(`the kit's ${facts.auth.scheme} signer sent no ${name} header`);
    requestHeaders[name] = regex(pattern, example);
  }
  const requestBody = JSON.parse(await request.text()) as Record<string, unknown>;
  const comments = [`rules: ${pcase.rules.join(', ')}`];
  const encrypted = facts.encryption?.field;
  if (pcase.service === 'bcc' && encrypted) {
    // Any client encrypts under its own SK, so only the shape is fixed; the example is the
    // ciphertext under PACT_CREDENTIALS.bcc, which `pact verify` decrypts and re-encrypts.
    requestBody[encrypted] = regex(ADMIN_PASS_PATTERN, String(requestBody[encrypted]));
    comments.push(`${encrypted} is AES-128-ECB ciphertext of ${JSON.stringify(pcase.password)} under the kit's test SK (PACT_CREDENTIALS.bcc); pact verify re-encrypts it under BCE_SECRET_ACCESS_KEY`);
  }
  return { method: request.method, path: url.pathname, query, requestHeaders, requestBody, ...response(contract, pcase.expected), comments };
}

type ResponseParts = Pick<InteractionParts, 'status' | 'responseHeaders' | 'responseBody'>;

/** The expected response: literal where the documents fix a value, matchers where they do not. */
function response(contract: Contract, expected: Expected): ResponseParts {
  const { facts } = contract;
  const shape = facts.responseShape;
  const responseHeaders: ResponseParts['responseHeaders'] = { 'Content-Type': contentTypeMatcher(shape.contentType, `${shape.contentType};charset=UTF-8`) };
  if (shape.requestIdHeader) responseHeaders[shape.requestIdHeader] = regex('^\\S+$', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
  if (expected.kind === 'ok') return { status: 200, responseHeaders, ...(shape.successBody === 'json' ? { responseBody: {} } : {}) };
  if (expected.kind === 'result') {
    const lockout = facts.lockout!;
    const f = lockout.fields;
    // The documents send every number as a string; the retry count is fixed, the lock times count down.
    const fixed = (n: number): string | number => (shape.numbersAsStrings ? String(n) : n);
    const varying = (n: number): Matcher<string> | Matcher<number> => (shape.numbersAsStrings ? regex('^\\d+$', String(n)) : integer(n));
    return {
      status: 200,
      responseHeaders,
      responseBody: { [f.result]: expected.result, [f.retriesLeft]: fixed(expected.retriesLeft), [f.lockTime]: varying(0), [f.lockTimeLeft]: varying(0), [f.message]: string(expected.result) },
    };
  }
  const message = string(facts.errors[expected.code]!.message);
  // A code the vendor never documented (`documented: false`) is the kit's choice: any 4xx with any code.
  const loose = !expected.documented && expected.status >= 400 && expected.status < 500;
  const status = loose ? MatchersV3.matchStatus(expected.status, HTTPResponseStatusClass.ClientError) : expected.status;
  const code = loose ? string(expected.code) : expected.code;
  const responseBody = contract.service === 'bcc'
    ? { requestId: string('f81d4fae-7dec-11d0-a765-00a0c91e6bf6'), code, message }
    : { error_code: code, error_msg: message };
  return { status, responseHeaders, responseBody };
}
