/**
 * A fast-check arbitrary of raw HTTP/1.1 requests aimed at the simulator: methods (valid and
 * not), paths with any bytes and escapes, queries, header sets and sizes, bodies of any bytes,
 * JSON of wrong shapes, oversized and chunked bodies, signed or not. `render` turns one into
 * the exact bytes to send; signing is done over those bytes (see `wire-sign.ts`).
 */
import fc from 'fast-check';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { signBceWire, signDcsWire } from './wire-sign.ts';
import { PercentDecodeError } from '../../src/errors/percent-decode-error.ts';

/** One generated request, before rendering. */
export interface HostileRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
  chunked: boolean;
  sign: 'bcc' | 'dcs' | 'none';
  /** Send the bytes in this many pieces, a few ms apart (a slow client), 1 = at once. */
  pieces: number;
}

const escapeByte = (b: number) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`;

/** A path segment: plain id characters, any byte escaped, broken escapes, or raw latin1 characters. */
const segment = fc.oneof(
  fc.constantFrom('i-1', 'inst-1', 'proj-1', 'x', '', '..', '.', 'password', 'instances', 'instance', 'v2'),
  fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => Array.from(bytes, escapeByte).join('')),
  fc.constantFrom('%', '%2', '%zz', '%C3', '%FF%FE', '%00', '%2F', '%25', 'a%2Fb', 'x%00i'),
  fc.string({ unit: fc.integer({ min: 0x21, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 6 }),
);

const path = fc.oneof(
  fc.constantFrom('/v2/instance/i-1', '/v2/proj-1/instances/inst-1/password', '/v2/instance/i-1/', '/v2/proj-1/instances/inst-1', '/', '/v2', '*'),
  fc.tuple(fc.constantFrom('/v2/instance/', '/v2/proj-1/instances/'), segment, fc.constantFrom('', '/password', '/password/', '/x')).map(([a, b, c]) => `${a}${b}${c}`),
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => `/${s.join('/')}`),
);

const queryPart = fc.oneof(
  fc.constantFrom('changePass', 'changePass=', 'changePass=1', 'authorization=x', '%FF=1', '%C3', '%zz', '=', '&', 'a=%FF%FE', 'changePass&changePass'),
  fc.tuple(segment, segment).map(([k, v]) => `${k}=${v}`),
);
const query = fc.oneof(fc.constant(''), fc.array(queryPart, { minLength: 1, maxLength: 5 }).map((p) => p.join('&')));

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('PUT', 'GET') },
  { weight: 2, arbitrary: fc.constantFrom('POST', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'CONNECT') },
  { weight: 1, arbitrary: fc.constantFrom('put', 'P@T', 'GE T', '', 'PUT\u0000', 'ÄÖÜ', 'X'.repeat(40)) },
);

const headerName = fc.oneof(
  fc.constantFrom('content-type', 'Content-Type', 'authorization', 'x-bce-date', 'x-sdk-date', 'x-project-id', 'content-md5', 'x-sdk-content-sha256', 'expect', 'connection', 'x-bce-request-id'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
);
const headerValue = fc.oneof(
  fc.constantFrom('application/json', 'application/json;charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', '', 'UNSIGNED-PAYLOAD', 'close', 'keep-alive', '100-continue'),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 64 }),
  fc.constantFrom(`SDK-HMAC-SHA256 Access=x${' '.repeat(16_000)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`, `SDK-HMAC-SHA256 Access=x${' '.repeat(3_900)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`, `bce-auth-v1/${'/'.repeat(3000)}`, 'SDK-HMAC-SHA256 ' + 'Access=a,'.repeat(1000)),
  fc.integer({ min: 1, max: 12_000 }).map((n) => 'v'.repeat(n)),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });

const wrongShapes = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('{"adminPass":null}', '{"adminPass":["a"]}', '{"old_password":1,"new_password":{}}', '[]', 'null', '"x"', '{"adminPass":"' + 'f'.repeat(64) + '"}', '{"old_password":"OldPass@123","new_password":"NewPass@456"}', '{"adminPass":"00112233445566778899aabbccddeeff"}'),
  fc.record({ old_password: fc.string(), new_password: fc.string() }).map((o) => JSON.stringify(o)),
  fc.record({ adminPass: fc.string() }).map((o) => JSON.stringify(o)),
);
const body = fc.oneof(
  { weight: 3, arbitrary: wrongShapes.map((t) => new TextEncoder().encode(t)) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 256 }) },
  { weight: 1, arbitrary: fc.constant(new Uint8Array()) },
  { weight: 1, arbitrary: wrongShapes.map((t) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(t)])) },
  // Large bodies, around the 64 KiB limit: the same byte repeated (generation stays cheap).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(60 * 1024, 64 * 1024, 64 * 1024 + 1, 70 * 1024), fc.integer({ min: 0, max: 255 })).map(([n, b]) => new Uint8Array(n).fill(b)) },
);

/** The arbitrary of hostile requests. */
export const hostileRequest: fc.Arbitrary<HostileRequest> = fc.record({
  method,
  rawPath: path,
  rawQuery: query,
  headers,
  body,
  chunked: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  sign: fc.constantFrom('bcc', 'dcs', 'none', 'bcc', 'dcs'),
  pieces: fc.oneof({ weight: 20, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }),
});

/** The exact bytes of a request: request line, Host, generated headers, signature, body framing. */
export function render(r: HostileRequest, hostHeader: string): Buffer {
  const target = `${r.rawPath}${r.rawQuery === '' ? '' : `?${r.rawQuery}`}`;
  let map: Record<string, string> = { host: hostHeader };
  for (const [name, value] of r.headers) map[name.toLowerCase()] = value;
  const wire = { method: r.method, rawPath: r.rawPath, rawQuery: r.rawQuery, headers: map, body: r.body };
  try {
    if (r.sign === 'bcc') map = signBceWire(wire, DEFAULT_CREDENTIALS.bcc);
    else if (r.sign === 'dcs') map = signDcsWire(wire, DEFAULT_CREDENTIALS.dcs);
  } catch (error) {
    // A broken escape has no canonical form: nobody can sign it, so it goes out with a bogus signature.
    if (!(error instanceof PercentDecodeError)) throw error;
    map.authorization = r.sign === 'bcc' ? `bce-auth-v1/${DEFAULT_CREDENTIALS.bcc.accessKeyId}/2025-01-01T00:00:00Z/1800//${'0'.repeat(64)}` : `SDK-HMAC-SHA256 Access=${DEFAULT_CREDENTIALS.dcs.accessKeyId}, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
  }
  const lines = [`${r.method} ${target} HTTP/1.1`];
  for (const [name, value] of Object.entries(map)) lines.push(`${name}: ${value}`);
  let payload: Buffer;
  if (r.chunked) {
    lines.push('transfer-encoding: chunked');
    payload = r.body.length === 0 ? Buffer.from('0\r\n\r\n') : Buffer.concat([Buffer.from(`${r.body.length.toString(16)}\r\n`), Buffer.from(r.body), Buffer.from('\r\n0\r\n\r\n')]);
  } else {
    lines.push(`content-length: ${r.body.length}`);
    payload = Buffer.from(r.body);
  }
  lines.push('connection: close');
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}
