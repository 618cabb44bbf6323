/**
 * Removes secrets from anything the kit prints or writes: signatures, ciphertexts, passwords.
 * Two layers: a scanner for secret-bearing fields whatever the body's shape (JSON, unquoted
 * keys, form bodies, JSON sent as a string, values cut off mid-string), and — in
 * `sent-secrets.ts` — every exact value the kit knows it sent, removed wherever it appears.
 */

/** Field names whose values are secrets (whole words, any case): `no_password_access` is not one. */
const SECRET_KEY = /\b(?:adminPass|(?:old|new)_?password|password|passwd|secret_?access_?key)\b/gi;

/**
 * Where the value of the key matched at [start, end) begins: after the key's closing quote
 * (mirroring its opening one, escaped or not), blanks, `:` or `=`, blanks; -1 when the key is
 * not followed by a separator (it is just a word in the text). Hand-written, not a regex
 * with `\\*` in front: that would rescan a run of backslashes at every position (quadratic).
 */
function valueStartAfter(text: string, start: number, end: number): number {
  let opener = '';
  const before = text[start - 1];
  if (before === '"' || before === "'") {
    let from = start - 1;
    while (from > 0 && start - from < 16 && text[from - 1] === '\\') from--;
    opener = text.slice(from, start);
  }
  if (opener !== '' && !text.startsWith(opener, end)) return -1;
  let i = end + opener.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':' && text[i] !== '=') return -1;
  i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

const MARK = '<redacted>';

/** End (exclusive) of a quoted value opened by `quote` (e.g. `"` or `\"`) at `start`, or the text's end. */
function quotedEnd(text: string, start: number, backslashes: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let run = 0;
    while (run < i && text[i - 1 - run] === '\\') run++;
    // The closing quote is escaped exactly like the opening one; anything else is content.
    // Unsure cases end later, never earlier: redacting too much is the safe side.
    if (run === backslashes) return i - backslashes;
  }
  return text.length; // cut off mid-string: everything to the end is the value
}

/** End (exclusive) of a bracketed value starting at `start`, or the text's end. */
function bracketEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

const UNQUOTED_END = /[&,;}\]\s"\\]/;
const HARMLESS = /^(?:null|true|false)$/;

/** Where each secret field's value lies in `text`: [start, end) spans, left to right, disjoint. */
function* secretSpans(text: string): Generator<[number, number]> {
  const keys = new RegExp(SECRET_KEY.source, SECRET_KEY.flags);
  for (let m = keys.exec(text); m !== null; m = keys.exec(text)) {
    const valueStart = valueStartAfter(text, m.index, m.index + m[0].length);
    if (valueStart < 0) continue;
    let start = valueStart;
    let end: number;
    let backslashes = 0;
    while (backslashes < 16 && text[valueStart + backslashes] === '\\') backslashes++;
    if (text[valueStart + backslashes] === '"') {
      start = valueStart + backslashes + 1;
      end = quotedEnd(text, start, backslashes);
    } else if (text[valueStart] === '[' || text[valueStart] === '{') {
      end = bracketEnd(text, valueStart);
    } else {
      const stop = text.slice(valueStart, valueStart + 4096).search(UNQUOTED_END);
      end = stop === -1 ? text.length : valueStart + stop;
      if (HARMLESS.test(text.slice(start, end))) end = start;
    }
    if (end > start) yield [start, end];
    keys.lastIndex = Math.max(end, valueStart);
  }
}

/**
 * Replaces the values of secret fields with `<redacted>`, keeping the text's shape (a JSON
 * string stays a JSON string). Handles `"adminPass":"…"`, `adminPass: …`, `adminPass=…&`,
 * `{\"adminPass\":\"…\"}` (JSON inside a string), arrays and objects as values, and values
 * cut off before their closing quote. One left-to-right pass: linear in the text.
 */
export function redactBody(body: string): string {
  if (body === '') return body;
  let out = '';
  let copied = 0;
  for (const [start, end] of secretSpans(body)) {
    out += body.slice(copied, start) + MARK;
    copied = end;
  }
  return copied === 0 ? body : out + body.slice(copied);
}

/**
 * The raw values of secret fields in `text` (strings inside an array or object value are
 * listed one by one), for the ledger of sent secrets.
 */
export function secretFieldValues(text: string): string[] {
  const values: string[] = [];
  for (const [start, end] of secretSpans(text)) {
    const raw = text.slice(start, end);
    // Strings inside an array or object value, except its keys.
    const strings = raw.match(/"(?:[^"\\]|\\.)*"(?![ \t]*:)/g);
    if ((raw.startsWith('[') || raw.startsWith('{')) && strings) {
      for (const s of strings) values.push(unescapeJson(s.slice(1, -1)));
    } else values.push(raw, unescapeJson(raw));
  }
  return values;
}

function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** Keeps the scheme and access key of an Authorization value; drops the signature. */
export function redactAuthorization(value: string): string {
  if (value.startsWith('bce-auth-v1/')) {
    const parts = value.split('/');
    return `${parts.slice(0, 5).join('/')}/<signature redacted>`;
  }
  return value.replace(/Signature=[^,\s]*/i, 'Signature=<redacted>');
}

/** Redacts secrets from a header map (Authorization signature, security tokens). */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') out[lower] = redactAuthorization(value);
    else if (lower.includes('token') || lower.includes('secret')) out[lower] = MARK;
    else out[lower] = value;
  }
  return out;
}

/** A curl command for a request with its secrets replaced by shell variables to fill in. */
export function curlFor(request: { method: string; url: string; headers: Record<string, string>; body: string }): string {
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const parts = [`curl -sS -X ${request.method} ${q(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'content-length') continue;
    parts.push(name === 'authorization' ? `-H "authorization: $AUTHORIZATION"` : `-H ${q(`${name}: ${value}`)}`);
  }
  if (request.body) parts.push(`--data-raw ${q(redactBody(request.body).replace(/"<redacted>"/g, '"$PASSWORD_OR_CIPHERTEXT"'))}`);
  return parts.join(' \\\n  ');
}
