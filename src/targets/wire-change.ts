/**
 * The kit's own client: builds each operation's request (signed, adminPass encrypted) and
 * sends it through a transport, keeping the exchange for transcripts.
 */
import type { ChangePasswordInput, ChangePasswordOutcome } from '../contract/operation.ts';
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import { answerHeaders, hasNullBody, rawSendOf, type Transport } from '../transports/transport.ts';
import type { Exchange, OperationResult, Target } from './target.ts';
import { knownBody } from '../auth/uri-encode.ts';

const UTF8 = new TextDecoder();

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The answer's status, its Fetch `Response` (built when read), and its body as text. */
async function answerOf(transport: Transport, request: Request): Promise<{ status: number; response: () => Response; headers: Headers; body: string }> {
  const raw = rawSendOf(transport);
  if (raw === undefined) {
    const response = await transport(request);
    return { status: response.status, response: () => response, headers: response.headers, body: await response.text() };
  }
  // The transport's raw form (HTTP): the same answer without a Response and its body stream per
  // request. Fetch's text() decodes as TextDecoder does but for leading BOMs (see below).
  const answer = await raw(request);
  const headers = answerHeaders(answer);
  const empty = hasNullBody(answer);
  const body = empty ? '' : startsWithBom(answer.body) ? await new Response(answer.body).text() : UTF8.decode(answer.body);
  return { status: answer.status, response: () => new Response(empty ? null : answer.body, { status: answer.status, headers }), headers, body };
}

/**
 * Sends a request and records both sides as text. `status` is the answer's status; `response`
 * is the transport's Fetch `Response` (its body already read), built on first read when the
 * transport answered in raw form.
 */
export async function exchange(transport: Transport, request: Request): Promise<{ status: number; response: Response; exchange: Exchange; json: unknown }> {
  const known = request.body ? knownBody(request) : undefined;
  // Fetch's text() decodes UTF-8 with replacement, as TextDecoder does; a body that starts with a
  // BOM goes through the stream, since undici's text() drops more than one leading BOM.
  const requestBody = known && !startsWithBom(known) ? UTF8.decode(known) : request.body ? await request.clone().text() : '';
  const answer = await answerOf(transport, request);
  const body = answer.body;
  let json: unknown;
  try {
    json = body ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  let response: Response | undefined;
  return {
    status: answer.status,
    get response() {
      response ??= answer.response();
      return response;
    },
    json,
    exchange: {
      request: { method: request.method, url: request.url, headers: Object.fromEntries(request.headers), body: requestBody },
      response: { status: answer.status, headers: Object.fromEntries(answer.headers), body },
    },
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

/** A valid, signed change through the kit's builder. */
export async function wireChangePassword(target: Pick<Target, 'baseUrl' | 'credentials'>, transport: Transport, input: ChangePasswordInput): Promise<OperationResult> {
  const request =
    input.service === 'bcc'
      ? await buildBccChangePassword({ baseUrl: target.baseUrl, instanceId: input.instanceId, password: input.password, credentials: target.credentials.bcc })
      : await buildDcsChangePassword({ baseUrl: target.baseUrl, projectId: input.projectId, instanceId: input.instanceId, oldPassword: input.oldPassword, newPassword: input.newPassword, credentials: target.credentials.dcs });
  const sent = await exchange(transport, request);
  return { outcome: outcomeOf(sent.status, sent.json), exchange: sent.exchange };
}
