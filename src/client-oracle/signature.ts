/**
 * The signature of a client request, recomputed with the KIT's signers (`src/auth`) from the
 * request as sent and compared with the one it carries; freshness from the contract's
 * `auth.defaultExpirationSeconds` / `maxFutureSkewSeconds` (bce-auth-v1) or
 * `maxClockSkewSeconds` (SDK-HMAC-SHA256). Independent of the simulator's verifiers, which
 * stay the server side's own reading of the same algorithms.
 */
import type { Contract } from '../contract/contract.ts';
import { bceCanonicalRequest, bceDefaultSignedHeaders, bceSignature, bceSigningKey } from '../auth/bce-auth-v1.ts';
import { sdkHmacCanonicalRequest, sdkHmacSignature, sdkHmacStringToSign } from '../auth/sdk-hmac-sha256.ts';
import { parseRawQuery, percentDecode } from '../auth/uri-encode.ts';
import { fetchHeaders, type ClientRequestView } from './wire.ts';

/** The verdict on a signature: who signed, or why it does not hold (never the expected signature). */
export type SignatureVerdict = { ok: true; accessKeyId: string; secretAccessKey: string } | { ok: false; failure: 'missing' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch'; detail: string };

/** What the signature check needs besides the request. */
export interface SignatureOptions {
  /** The secret of an access key id, or undefined when the key is not one the run issued. */
  secretFor: (accessKeyId: string) => string | undefined;
  /** The judge's clock. */
  now: Date;
}

const fail = (failure: Exclude<SignatureVerdict, { ok: true }>['failure'], detail: string): SignatureVerdict => ({ ok: false, failure, detail });
const BCE_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const HEX_64 = /^[0-9a-fA-F]{64}$/;

/** Milliseconds of a UTC time whose six fields `pattern` captures, or undefined if it is not a real time. */
function utcMs(pattern: RegExp, text: string): number | undefined {
  const m = pattern.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(ms).toISOString().slice(0, 19) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}` ? ms : undefined;
}

/** Judges the request's signature under the contract's scheme. */
export function judgeSignature(contract: Contract, req: ClientRequestView, options: SignatureOptions): SignatureVerdict {
  const authorization = req.headers.get('authorization');
  if (!authorization) return fail('missing', 'no Authorization header');
  return contract.facts.auth.scheme === 'bce-auth-v1' ? judgeBce(contract, req, authorization, options) : judgeSdkHmac(contract, req, authorization, options);
}

function judgeBce(contract: Contract, req: ClientRequestView, authorization: string, options: SignatureOptions): SignatureVerdict {
  const parts = authorization.trim().split('/');
  if (parts.length !== 6 || parts[0] !== 'bce-auth-v1') return fail('malformed', 'malformed bce-auth-v1 Authorization header: expected bce-auth-v1/{accessKeyId}/{timestamp}/{expirationSeconds}/{signedHeaders}/{signature}');
  const [, accessKeyId, timestamp, expiration, list, signature] = parts as [string, string, string, string, string, string];
  const timestampMs = utcMs(BCE_TIMESTAMP, timestamp);
  if (!accessKeyId || timestampMs === undefined || !/^[1-9]\d{0,9}$/.test(expiration) || !HEX_64.test(signature)) {
    return fail('malformed', 'malformed bce-auth-v1 Authorization header: the access key, the YYYY-MM-DDThh:mm:ssZ timestamp, the expiration in seconds or the 64-hex signature is not readable');
  }
  const secret = options.secretFor(accessKeyId);
  if (secret === undefined) return fail('unknown-key', `access key id "${accessKeyId}" is not one this run issued`);
  const now = options.now.getTime();
  const expiresMs = timestampMs + Number(expiration) * 1000;
  if (now > expiresMs) return fail('expired', `request expired at ${new Date(expiresMs).toISOString()} (timestamp + ${expiration}s); the judge's time is ${options.now.toISOString()}`);
  const future = contract.facts.auth.maxFutureSkewSeconds;
  if (future !== undefined && timestampMs - now > future * 1000) return fail('expired', `timestamp ${timestamp} is more than ${future}s ahead of the judge's time ${options.now.toISOString()}`);

  const headers = fetchHeaders(req.headers);
  const listed = list.split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  const signed = listed.length > 0 ? [...new Set(listed)] : bceDefaultSignedHeaders(headers);
  const prefix = `bce-auth-v1/${accessKeyId}/${timestamp}/${expiration}`;
  const canonical = bceCanonicalRequest({ method: req.method, path: percentDecode(req.rawPath), query: parseRawQuery(req.rawQuery), headers, signedHeaders: signed });
  if (bceSignature(bceSigningKey(secret, prefix), canonical) === signature.toLowerCase()) return { ok: true, accessKeyId, secretAccessKey: secret };
  return fail(
    'mismatch',
    `signature does not match. Server-side canonical request (METHOD\\nURI\\nQUERY\\nHEADERS) was ${JSON.stringify(canonical)} ` +
      `with signed headers [${signed.join(';')}] and auth string prefix "${prefix}" (recomputed with the kit's bce-auth-v1 signer). Compare it with the client's canonical request.`,
  );
}

function judgeSdkHmac(contract: Contract, req: ClientRequestView, authorization: string, options: SignatureOptions): SignatureVerdict {
  const m = /^SDK-HMAC-SHA256\s+(.*)$/s.exec(authorization.trim());
  if (!m) return fail('malformed', 'malformed SDK-HMAC-SHA256 Authorization header: it must start with "SDK-HMAC-SHA256 "');
  const fields = new Map<string, string>();
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Access') ?? '';
  const signature = fields.get('Signature') ?? '';
  const signed = [...new Set((fields.get('SignedHeaders') ?? '').split(';').map((name) => name.trim().toLowerCase()).filter((name) => name !== ''))].sort();
  if (!accessKeyId || !HEX_64.test(signature) || signed.length === 0) return fail('malformed', 'malformed SDK-HMAC-SHA256 Authorization header: expected Access=…, SignedHeaders=…, Signature=<64 hex>');
  const secret = options.secretFor(accessKeyId);
  if (secret === undefined) return fail('unknown-key', `access key id "${accessKeyId}" is not one this run issued`);

  const dateHeader = contract.facts.auth.dateHeader;
  const date = req.headers.get(dateHeader);
  const dateMs = date === null ? undefined : utcMs(SDK_DATE, date);
  if (date === null || dateMs === undefined) return fail('expired', `${dateHeader} ${date === null ? 'is missing' : `"${date}" is not a YYYYMMDDTHHMMSSZ UTC time`}`);
  const skew = contract.facts.auth.maxClockSkewSeconds;
  const skewMs = dateMs - options.now.getTime();
  if (skew !== undefined && Math.abs(skewMs) > skew * 1000) return fail('expired', `${dateHeader} ${date} is ${Math.round(Math.abs(skewMs) / 1000)}s ${skewMs > 0 ? 'ahead of' : 'behind'} the judge's time ${options.now.toISOString()}; at most ${skew}s of skew is allowed`);

  const absent = signed.filter((name) => req.headers.get(name) === null);
  if (absent.length > 0) return fail('mismatch', `SignedHeaders lists ${absent.join(', ')} but the request does not carry ${absent.length === 1 ? 'that header' : 'those headers'}`);
  const headers = fetchHeaders(req.headers);
  const canonical = sdkHmacCanonicalRequest({
    method: req.method,
    path: percentDecode(req.rawPath),
    query: parseRawQuery(req.rawQuery),
    headers,
    signedHeaders: signed,
    body: req.body,
    unsignedPayload: headers.get('x-sdk-content-sha256') === 'UNSIGNED-PAYLOAD',
  });
  const stringToSign = sdkHmacStringToSign(canonical, date);
  if (sdkHmacSignature(secret, stringToSign) === signature.toLowerCase()) return { ok: true, accessKeyId, secretAccessKey: secret };
  return fail(
    'mismatch',
    `signature does not match. Server-side canonical request was ${JSON.stringify(canonical)} and string to sign ${JSON.stringify(stringToSign)} ` +
      '(recomputed with the kit\'s SDK-HMAC-SHA256 signer). Remember the canonical URI always ends in "/" and the body hash is SHA-256 of the exact bytes sent (or UNSIGNED-PAYLOAD via X-Sdk-Content-Sha256).',
  );
}
