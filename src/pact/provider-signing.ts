/**
 * The `requestFilter` of `conformance pact verify`: every request Pact replays is re-signed
 * with the provider's real credentials (from the environment), and a BCC `adminPass` is
 * re-encrypted under the real SK.
 *
 * How the plaintext survives in a pact: the example `adminPass` of every interaction is
 * ciphertext under the kit's documented test SK ({@link PACT_CREDENTIALS}), and the matcher is
 * only a hex pattern. AES-128-ECB is deterministic and that key is public, so the filter can
 * decrypt the example and encrypt it again under `BCE_SECRET_ACCESS_KEY` — the pact carries
 * no extra header or metadata a real SDK would not send, and stays valid for consumer tests.
 */
import { createDecipheriv } from 'node:crypto';
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { adminPassKey, encryptAdminPass } from '../auth/password-cipher.ts';
import type { ServiceCredentials } from '../config/define-config.ts';
import type { Contract } from '../contract/contract.ts';
import type { BuiltinService } from '../contract/spec-paths.ts';
import { PACT_CREDENTIALS } from './cases.ts';

/** The part of an Express request the filter reads and rewrites (Pact's proxy is Express). */
export interface ProxyRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

/** An Express-style middleware, as Pact's `requestFilter` expects. */
export type RequestFilter = (req: ProxyRequest, res: unknown, next: (error?: unknown) => void) => void;

/** What {@link signingFilter} needs. */
export interface SigningOptions {
  /** The provider's base URL (the host signed into every request). */
  providerUrl: string;
  /** Specs of the services whose requests are signed. */
  contracts: Partial<Record<BuiltinService, Contract>>;
  /** Credentials per service, from the environment. */
  credentials: Partial<Record<BuiltinService, ServiceCredentials>>;
  /** Called with a line worth telling the user (e.g. an adminPass that is not under the pact key). */
  note?: (line: string) => void;
}

/** Decrypts an example `adminPass`; undefined when it is not ciphertext under `secretAccessKey`. */
export function decryptAdminPass(hex: string, secretAccessKey: string): string | undefined {
  if (!/^(?:[0-9a-f]{32})+$/.test(hex)) return undefined;
  try {
    const decipher = createDecipheriv('aes-128-ecb', adminPassKey(secretAccessKey), null);
    return Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** A path template of the spec (`/v2/{project_id}/instances/{instance_id}/password`) as a regex. */
function templateRegex(template: string): RegExp {
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([a-zA-Z_]+)\}/g, '(?<$1>[^/?]+)');
  return new RegExp(`^${source}(?:\\?|$)`);
}

/** Which service a proxied path belongs to, by the operations' path templates in the specs. */
function routeOf(contracts: SigningOptions['contracts'], url: string): { service: BuiltinService; params: Record<string, string> } | undefined {
  for (const [service, contract] of Object.entries(contracts) as Array<[BuiltinService, Contract]>) {
    for (const op of Object.values(contract.facts.operations)) {
      const m = templateRegex(op.path).exec(url);
      if (m) return { service, params: { ...m.groups } };
    }
  }
  return undefined;
}

function bodyText(body: unknown): string {
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  // Pact's proxy has already parsed JSON bodies; re-serialising is fine, the bytes are signed below.
  if (body !== null && typeof body === 'object' && Object.keys(body).length > 0) return JSON.stringify(body);
  return '';
}

/** Builds the filter; requests outside the specs' operations (state setup calls) pass untouched. */
export function signingFilter(options: SigningOptions): RequestFilter {
  const base = new URL(options.providerUrl);
  const basePath = base.pathname.replace(/\/$/, '');
  const note = options.note ?? (() => {});

  async function resign(req: ProxyRequest, service: BuiltinService, params: Record<string, string>): Promise<void> {
    const credentials = options.credentials[service];
    if (!credentials) throw new Error(`no ${service.toUpperCase()} credentials for ${req.method} ${req.url}`);
    let body = bodyText(req.body);
    const field = options.contracts[service]?.facts.encryption?.field;
    if (field && body) {
      const json = JSON.parse(body) as Record<string, unknown>;
      const example = json[field];
      const plaintext = typeof example === 'string' ? decryptAdminPass(example, PACT_CREDENTIALS.bcc.secretAccessKey) : undefined;
      if (plaintext === undefined) note(`${field} of ${req.method} ${req.url} is not ciphertext under the kit's pact key; sent as the pact has it`);
      else body = JSON.stringify({ ...json, [field]: encryptAdminPass(plaintext, credentials.secretAccessKey) });
    }
    const contentType = req.headers['content-type'];
    const unsigned = new Request(`${base.origin}${basePath}${req.url}`, {
      method: req.method,
      headers: typeof contentType === 'string' ? { 'content-type': contentType } : {},
      body: body === '' ? undefined : body,
    });
    const now = new Date();
    const signed = service === 'bcc'
      ? await signBceRequest(unsigned, credentials, { timestamp: now })
      // X-Project-Id must name the path's project (DCS-AUTH-PROJECT-ID), whatever the environment says.
      : await signSdkHmacRequest(unsigned, { ...credentials, projectId: params.project_id ?? credentials.projectId }, { date: now });
    // Pact's example signature headers are replaced by the fresh ones; the rest is forwarded as is.
    for (const stale of ['authorization', 'x-bce-date', 'x-sdk-date', 'x-project-id', 'transfer-encoding']) delete req.headers[stale];
    signed.headers.forEach((value, name) => (req.headers[name] = value));
    req.headers['content-length'] = String(Buffer.byteLength(body));
    req.body = Buffer.from(body, 'utf8');
  }

  return (req, _res, next) => {
    const route = routeOf(options.contracts, req.url);
    if (!route) return next();
    resign(req, route.service, route.params).then(() => next(), next);
  };
}
