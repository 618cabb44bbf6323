/**
 * Signs a request exactly as it will be on the wire, byte for byte, for tests that send what
 * no SDK would (query keys that are not UTF-8, raw bytes in paths). The kit's own signers work
 * on decoded strings like the SDKs do, so they cannot sign such requests; this uses the
 * simulator's canonical-request builders, which read the wire form.
 */
import { createHash, createHmac } from 'node:crypto';
import { bceCanonicalRequestFromWire } from '../../src/simulator/auth/bce-verifier.ts';
import { sdkHmacCanonicalRequestFromWire } from '../../src/simulator/auth/hmac-verifier.ts';
import type { Credential } from '../../src/auth/default-credentials.ts';

/** A wire request before signing: headers as a plain lower-case map. */
export interface RawWire {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

function view(headers: Record<string, string>) {
  return { get: (name: string) => headers[name.toLowerCase()] ?? null, forEach: (cb: (v: string, n: string) => void) => Object.entries(headers).forEach(([n, v]) => cb(v, n)) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Adds `x-bce-date` and a bce-auth-v1 Authorization signing `host;x-bce-date` (and content-type if present). */
export function signBceWire(wire: RawWire, credential: Credential, now = new Date()): Record<string, string> {
  const date = `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}T${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}Z`;
  const headers: Record<string, string> = { ...wire.headers, 'x-bce-date': date };
  const signed = ['host', 'x-bce-date', ...(headers['content-type'] ? ['content-type'] : [])];
  const canonical = bceCanonicalRequestFromWire({ ...wire, headers: view(headers) }, signed);
  const prefix = `bce-auth-v1/${credential.accessKeyId}/${date}/1800`;
  const key = createHmac('sha256', credential.secretAccessKey).update(prefix).digest('hex');
  const signature = createHmac('sha256', key).update(canonical).digest('hex');
  return { ...headers, authorization: `${prefix}/${signed.join(';')}/${signature}` };
}

/** Adds `x-sdk-date` and an SDK-HMAC-SHA256 Authorization signing `host;x-sdk-date`. */
export function signDcsWire(wire: RawWire, credential: Credential, now = new Date()): Record<string, string> {
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}T${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}Z`;
  const headers: Record<string, string> = { ...wire.headers, 'x-sdk-date': date };
  const signed = ['host', 'x-sdk-date'];
  const canonical = sdkHmacCanonicalRequestFromWire({ ...wire, headers: view(headers) }, signed);
  const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const signature = createHmac('sha256', credential.secretAccessKey).update(toSign).digest('hex');
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${credential.accessKeyId}, SignedHeaders=${signed.join(';')}, Signature=${signature}` };
}
