/** Removes secrets from anything the kit prints or writes: signatures, ciphertexts, passwords. */

const SECRET_FIELDS = /("(?:adminPass|old_password|new_password|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** Replaces password fields in a JSON-ish body with a marker, even when the body is not valid JSON. */
export function redactBody(body: string): string {
  return body.replace(SECRET_FIELDS, '$1"<redacted>"');
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
    else if (lower.includes('token') || lower.includes('secret')) out[lower] = '<redacted>';
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
