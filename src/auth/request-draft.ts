/**
 * A request while it is built and signed, before it becomes a Fetch `Request`. The kit's
 * builders sign a draft and make one `Request` of it at the end; building an unsigned
 * `Request` for the signer to copy into a signed one cost a second undici `Request` (a body
 * stream and an AbortSignal) per signed request, the top entry of a suite worker's profile
 * (issue 17, round 4). The public signers still take and return Fetch `Request`s.
 */
import { readBody, withKnownBody } from './uri-encode.ts';

/** What a signer reads and writes: method, parsed URL, headers (its own copy), body bytes. */
export interface RequestDraft {
  method: string;
  url: URL;
  headers: Headers;
  /** The body's bytes; undefined when the request has none. */
  body: Uint8Array<ArrayBuffer> | undefined;
}

const UTF8 = new TextEncoder();

/**
 * A draft of a new request; a string body is encoded as UTF-8, as Fetch encodes it (the caller
 * sets the content type: Fetch's text/plain default for a string body is not added). Bytes are
 * taken as they are, not copied.
 */
export function newDraft(method: string, url: string, headers: HeadersInit = {}, body?: string | Uint8Array<ArrayBuffer>): RequestDraft {
  return { method, url: parsedUrl(url, method), headers: new Headers(headers), body: typeof body === 'string' ? UTF8.encode(body) : body };
}

/** `url` parsed; a URL Fetch refuses fails with Fetch's own error, as building the `Request` would. */
function parsedUrl(url: string, method: string): URL {
  try {
    return new URL(url);
  } catch (error) {
    new Request(url, { method });
    throw error;
  }
}

/** A draft of an existing `Request`: its headers copied, its body read without consuming it. */
export async function draftOf(request: Request): Promise<RequestDraft> {
  return { method: request.method, url: new URL(request.url), headers: new Headers(request.headers), body: await readBody(request) };
}

/**
 * The Fetch `Request` of a draft, its body bytes recorded (`withKnownBody`). Given `from`, the
 * request the draft was read from, the new one copies its other fields (mode, signal, …) as
 * `new Request(from, init)` does.
 */
export function requestOf(draft: RequestDraft, from?: Request): Request {
  const init = { headers: draft.headers, body: draft.body };
  const out = from === undefined ? new Request(draft.url.href, { method: draft.method, ...init }) : new Request(from, init);
  return draft.body === undefined ? out : withKnownBody(out, draft.body);
}
