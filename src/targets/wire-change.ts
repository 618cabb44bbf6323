/**
 * The kit's own client: builds each operation's request (signed, adminPass encrypted) and
 * sends it through a transport, keeping the exchange for transcripts.
 */
import type { ChangePasswordInput, ChangePasswordOutcome } from '../contract/operation.ts';
import { buildBccChangeDraft } from '../requests/bcc-requests.ts';
import { buildDcsChangeDraft } from '../requests/dcs-requests.ts';
import { requestOf, type RequestDraft } from '../auth/request-draft.ts';
import { answerHeaders, draftSendOf, hasNullBody, rawSendOf, type RawAnswer, type Transport } from '../transports/transport.ts';
import type { Exchange, OperationResult, Target } from './target.ts';
import { knownBody } from '../auth/uri-encode.ts';

const UTF8 = new TextDecoder();

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The answer's body as text, from the transport's raw form (no `Response`, no body stream). */
function rawBodyText(answer: RawAnswer): string | Promise<string> {
  if (hasNullBody(answer)) return '';
  // Fetch's text() decodes as TextDecoder does, but strips every leading BOM, not one.
  return startsWithBom(answer.body) ? new Response(answer.body).text() : UTF8.decode(answer.body);
}

/** Header names and values a Fetch `Headers` keeps exactly as given (lowercase tokens; printable ASCII, no edge spaces). */
const PLAIN_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
const PLAIN_VALUE = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;

/**
 * A raw answer's headers as the exchange records them: `Object.fromEntries` of the answer's Fetch
 * `Headers` (`answerHeaders`). Where every name is a lowercase token with one plain value (the
 * embedded simulator's answers) that is the record sorted by name, made without a `Headers`
 * (issue 17, round 6); anything else goes through the `Headers`, which normalises it.
 */
export function answerRecord(answer: RawAnswer): Record<string, string> {
  const names = Object.keys(answer.headers);
  for (const name of names) {
    const value = answer.headers[name];
    if (typeof value !== 'string' || !PLAIN_NAME.test(name) || !PLAIN_VALUE.test(value)) return Object.fromEntries(answerHeaders(answer));
  }
  names.sort();
  const record: Record<string, string> = {};
  for (const name of names) record[name] = answer.headers[name] as string;
  return record;
}

function parsed(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sends a request and records both sides as text. `status` is the answer's status; `response`
 * is the transport's Fetch `Response` (its body already read). A transport with a raw form
 * (`rawSendOf`: HTTP, and in-process with a wire entry) answers without a `Response` and its body stream per request: the
 * `Response` is then built only if a caller reads it.
 */
export async function exchange(transport: Transport, request: Request): Promise<{ status: number; response: Response; exchange: Exchange; json: unknown }> {
  const known = request.body ? knownBody(request) : undefined;
  // Fetch's text() decodes UTF-8 with replacement, as TextDecoder does; a body that starts with a
  // BOM goes through the stream, since undici's text() drops more than one leading BOM.
  const requestBody = known && !startsWithBom(known) ? UTF8.decode(known) : request.body ? await request.clone().text() : '';
  // The request's headers are recorded after sending, as they always were.
  const sentRequest = () => ({ method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: requestBody });
  const raw = rawSendOf(transport);
  if (raw === undefined) {
    const response = await transport(request);
    const body = await response.text();
    return { status: response.status, response, json: parsed(body), exchange: { request: sentRequest(), response: { status: response.status, headers: Object.fromEntries(response.headers), body } } };
  }
  const answer = await raw(request);
  const body = await rawBodyText(answer);
  let response: Response | undefined;
  return {
    status: answer.status,
    get response() {
      response ??= new Response(hasNullBody(answer) ? null : answer.body, { status: answer.status, headers: answerHeaders(answer) });
      return response;
    },
    json: parsed(body),
    exchange: { request: sentRequest(), response: { status: answer.status, headers: answerRecord(answer), body } },
  };
}

/** Maps an HTTP answer to an outcome the way an SDK would surface it. */
export function outcomeOf(status: number, json: unknown): ChangePasswordOutcome {
  if (status >= 200 && status < 300) return { kind: 'success', status, body: json };
  const body = (json ?? {}) as Record<string, unknown>;
  const code = typeof body.code === 'string' ? body.code : typeof body.error_code === 'string' ? body.error_code : undefined;
  const message = typeof body.message === 'string' ? body.message : typeof body.error_msg === 'string' ? body.error_msg : undefined;
  return { kind: 'error', status, code, message, body: json };
}

/** Methods `new Request` takes as they are, with a body or without. */
const PLAIN_METHODS = new Set(['DELETE', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
/** Methods `new Request` takes as they are only without a body. */
const BODILESS_METHODS = new Set(['GET', 'HEAD']);

/**
 * True when `requestOf(draft)` would neither throw nor change the draft's method or URL: a method
 * Fetch keeps as given (upper case; GET and HEAD without a body) and a URL without credentials.
 * Any other draft (a lower-case, forbidden or invalid method, a body on GET) goes through its
 * `Request`, which normalises it or throws Fetch's own error.
 */
export function fetchReady(draft: RequestDraft): boolean {
  if (draft.url.username !== '' || draft.url.password !== '') return false;
  return PLAIN_METHODS.has(draft.method) || (draft.body === undefined && BODILESS_METHODS.has(draft.method));
}

/**
 * Sends a signed draft and records both sides as {@link exchange} does for the draft's `Request`.
 * A transport with a draft form (`draftSendOf`: in-process with a wire entry) takes the draft as
 * it is, with no Fetch `Request` made of it (issue 17, round 4); any other gets the `Request`, as
 * does a draft Fetch would change or refuse ({@link fetchReady}): the suites' hand-made requests
 * come here too (round 5), odd methods and all.
 */
export async function exchangeDraft(transport: Transport, draft: RequestDraft): Promise<{ status: number; exchange: Exchange; json: unknown }> {
  const send = draftSendOf(transport);
  // A body starting with a BOM is logged as Fetch's text() reads it: through the Request.
  if (send === undefined || !fetchReady(draft) || (draft.body !== undefined && startsWithBom(draft.body))) return exchange(transport, requestOf(draft));
  const requestBody = draft.body === undefined ? '' : UTF8.decode(draft.body);
  const answer = await send(draft);
  const body = await rawBodyText(answer);
  const request = { method: draft.method, url: draft.url.href, headers: Object.fromEntries(draft.headers), body: requestBody };
  return { status: answer.status, json: parsed(body), exchange: { request, response: { status: answer.status, headers: answerRecord(answer), body } } };
}

/** A valid, signed change through the kit's builder. */
export async function wireChangePassword(target: Pick<Target, 'baseUrl' | 'credentials'>, transport: Transport, input: ChangePasswordInput): Promise<OperationResult> {
  const draft =
    input.service === 'bcc'
      ? await buildBccChangeDraft({ baseUrl: target.baseUrl, instanceId: input.instanceId, password: input.password, credentials: target.credentials.bcc })
      : await buildDcsChangeDraft({ baseUrl: target.baseUrl, projectId: input.projectId, instanceId: input.instanceId, oldPassword: input.oldPassword, newPassword: input.newPassword, credentials: target.credentials.dcs });
  const sent = await exchangeDraft(transport, draft);
  return { outcome: outcomeOf(sent.status, sent.json), exchange: sent.exchange };
}
