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
  // The usual body (`{"adminPass":"…"}`) without JSON.parse, which cost more than twice as much
  // inside the server as in a loop; anything else goes the general way below.
  const flat = flatStringObject(text);
  if (flat !== undefined) return { ok: true, value: flat };
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Index of the first character at or after `i` that is not JSON whitespace (space, tab, LF, CR). */
function skipSpace(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return i;
}

/** End (the closing quote's index) of a string starting after its opening quote at `i`, when it holds only printable ASCII without escapes; else -1. */
function plainStringEnd(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return -1;
  }
  return -1;
}

/** Keys met before, as the engine's interned strings; few (a body has a handful of field names). */
const interned: string[] = [];

/**
 * The interned copy of a key: storing a property under a new string makes the engine look it
 * up in its string table (hashing it first), which comparing it with the few known keys avoids.
 */
function internedKey(key: string): string {
  for (let i = 0; i < interned.length; i++) if (interned[i] === key) return interned[i]!;
  // Object.keys returns the engine's interned string for a property name.
  const copy = Object.keys({ [key]: 0 })[0]!;
  if (interned.length < 16) interned.push(copy);
  return copy;
}

/**
 * `JSON.parse(text)` for the one shape nearly every request body has: an object whose values are
 * all strings of printable ASCII without escapes, keys likewise, no key twice and no `__proto__`
 * key (which an assignment would not store as JSON.parse does). For anything else, undefined, and
 * the caller parses in full; `body.test.ts` holds the two equal side by side.
 */
export function flatStringObject(text: string): Record<string, unknown> | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return undefined; // '{'
  const value: Record<string, unknown> = {};
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return skipSpace(text, i + 1) === text.length ? value : undefined; // '{}'
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = plainStringEnd(text, i + 1);
    if (keyEnd < 0) return undefined;
    const key = internedKey(text.slice(i + 1, keyEnd));
    i = skipSpace(text, keyEnd + 1);
    if (text.charCodeAt(i) !== 0x3a) return undefined; // ':'
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const end = plainStringEnd(text, i + 1);
    if (end < 0 || key === '__proto__' || Object.hasOwn(value, key)) return undefined;
    value[key] = text.slice(i + 1, end);
    i = skipSpace(text, end + 1);
    const c = text.charCodeAt(i);
    if (c === 0x7d) return skipSpace(text, i + 1) === text.length ? value : undefined; // '}'
    if (c !== 0x2c) return undefined; // ','
    i = skipSpace(text, i + 1);
  }
}
