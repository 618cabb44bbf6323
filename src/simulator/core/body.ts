/** Decodes and parses a JSON request body, naming what was wrong with it. */

/** Parse outcome: an object, or the kind of problem (mapped to a code by the caller). */
export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problem: 'empty' | 'not-utf8' | 'not-json' | 'not-object' | 'media-type'; detail: string };

/**
 * A leading UTF-8 BOM is dropped (the decoder's default), so `\uFEFF{...}` is accepted: RFC 8259
 * §8.1 lets a JSON parser ignore a BOM, and neither vendor page says otherwise. The client-rule oracle
 * (src/client-oracle) still reports it, as the same section forbids senders to add one.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `application/json`, alone or with parameters: what nearly every request sends. */
const PLAIN_JSON = /^application\/json\s*(?:;|$)/i;

/** JSON media types the vendors' SDKs send (case and parameters vary). */
function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return true; // absent: parse anyway, as both gateways do
  if (PLAIN_JSON.test(contentType)) return true; // fast path: no splitting or case-folding
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

/** Checks media type, UTF-8 and JSON; an object body is the only success. */
export function parseJsonBody(body: Uint8Array, contentType: string | null): BodyResult {
  if (!isJsonMediaType(contentType)) return { ok: false, problem: 'media-type', detail: `Content-Type "${contentType}" is not application/json.` };
  if (body.length === 0) return { ok: false, problem: 'empty', detail: 'The request body is empty.' };
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return { ok: false, problem: 'not-utf8', detail: 'The body is not valid UTF-8.' };
  }
  // Only JSON's own whitespace makes a body blank; other Unicode spaces make it "not JSON".
  if (/^[ \t\n\r]*$/.test(text)) return { ok: false, problem: 'empty', detail: 'The request body is blank.' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: 'not-json', detail: `JSON parse error: ${(e as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'not-object', detail: 'The body must be a JSON object.' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
