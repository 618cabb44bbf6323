/**
 * Faulty clients: the client-side counterpart of the simulator's planted faults. Each is a
 * small adapter that builds a correct change request with the kit's own builders and signers,
 * then plants exactly one mistake a real SDK makes, so a `*-CLIENT-*` rule is shown able to
 * fail. Run one with `conformance run --client faulty:<name>`; `list-rules --faults` lists them.
 */
import { signBceRequest } from '../auth/bce-auth-v1.ts';
import { encryptAdminPass } from '../auth/password-cipher.ts';
import { signSdkHmacRequest } from '../auth/sdk-hmac-sha256.ts';
import { KitError } from '../errors/kit-error.ts';
import type { AdapterContext, ChangePasswordInput, ClientAdapter, Outcome } from './driver.ts';

/** The `--client` prefix that selects a faulty client by name. */
export const FAULTY_CLIENT_PREFIX = 'faulty:';

/** One faulty client and the client rule that must catch it. */
export interface FaultyClient {
  description: string;
  /** The client rule a run of this client must fail. */
  caughtBy: string;
  service: 'bcc' | 'dcs';
  /** Builds the (faulty) request for one change. */
  build(input: ChangePasswordInput, context: AdapterContext): Promise<Request>;
}

/** A faulty client shipped as an example module (run with `--client <module>`), also evidence. */
export interface FaultyExample {
  description: string;
  caughtBy: string;
  service: 'bcc' | 'dcs';
  /** The module, relative to the kit's root. */
  module: string;
}

/** What one change request is made of, before a mistake is planted. */
interface Parts {
  method: string;
  url: string;
  /** `undefined`: no Content-Type set (fetch then labels a string body text/plain). */
  contentType: string | undefined;
  body: string;
}

function bccParts(input: Extract<ChangePasswordInput, { service: 'bcc' }>, { endpoint, credentials }: AdapterContext, keyFrom: string = credentials.secretAccessKey): Parts {
  return {
    method: 'PUT',
    url: `${endpoint.replace(/\/$/, '')}/v2/instance/${encodeURIComponent(input.instanceId)}?changePass`,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ adminPass: encryptAdminPass(input.password, keyFrom) }),
  };
}

function dcsParts(input: Extract<ChangePasswordInput, { service: 'dcs' }>, { endpoint }: AdapterContext): Parts {
  return {
    method: 'PUT',
    url: `${endpoint.replace(/\/$/, '')}/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}/password`,
    contentType: 'application/json;charset=UTF-8',
    body: JSON.stringify({ old_password: input.oldPassword, new_password: input.newPassword }),
  };
}

/** Signs `parts` with the kit's signer of the input's service (a correct signature of what is sent). */
function sign(input: ChangePasswordInput, context: AdapterContext, parts: Parts): Promise<Request> {
  const request = new Request(parts.url, { method: parts.method, headers: parts.contentType ? { 'content-type': parts.contentType } : {}, body: parts.body });
  if (input.service === 'bcc') return signBceRequest(request, context.credentials, { timestamp: new Date() });
  return signSdkHmacRequest(request, { ...context.credentials, projectId: input.projectId }, { date: new Date() });
}

/** Sends a pretty-printed copy of the body signed in its compact form (a second serialisation). */
async function reserialisedAfterSigning(input: ChangePasswordInput, context: AdapterContext, parts: Parts): Promise<Request> {
  const signed = await sign(input, context, parts);
  const body = JSON.stringify(JSON.parse(parts.body), null, 2);
  const headers = new Headers(signed.headers);
  headers.set('content-length', String(Buffer.byteLength(body)));
  return new Request(signed.url, { method: signed.method, headers, body });
}

const bcc = (input: ChangePasswordInput): Extract<ChangePasswordInput, { service: 'bcc' }> => {
  if (input.service !== 'bcc') throw new Error(`a BCC faulty client was asked for a ${input.service} change`);
  return input;
};
const dcs = (input: ChangePasswordInput): Extract<ChangePasswordInput, { service: 'dcs' }> => {
  if (input.service !== 'dcs') throw new Error(`a DCS faulty client was asked for a ${input.service} change`);
  return input;
};

/** The catalogue of faulty clients, one mistake each. */
export const FAULTY_CLIENTS: Readonly<Record<string, FaultyClient>> = {
  'bcc-post-instead-of-put': { description: 'sends the change as POST instead of PUT', caughtBy: 'BCC-CLIENT-ROUTE', service: 'bcc', build: (i, c) => sign(i, c, { ...bccParts(bcc(i), c), method: 'POST' }) },
  'bcc-no-content-type': { description: 'sets no Content-Type (fetch labels the JSON text/plain)', caughtBy: 'BCC-CLIENT-HEADERS', service: 'bcc', build: (i, c) => sign(i, c, { ...bccParts(bcc(i), c), contentType: undefined }) },
  'bcc-snake-case-field': {
    description: 'names the field admin_pass instead of adminPass',
    caughtBy: 'BCC-CLIENT-BODY',
    service: 'bcc',
    build: (i, c) => sign(i, c, { ...bccParts(bcc(i), c), body: JSON.stringify({ admin_pass: encryptAdminPass(bcc(i).password, c.credentials.secretAccessKey) }) }),
  },
  'bcc-body-reserialised-after-signing': { description: 'signs the compact body, then sends it pretty-printed (Content-Length no longer matches the signature)', caughtBy: 'BCC-CLIENT-SIGNATURE', service: 'bcc', build: (i, c) => reserialisedAfterSigning(i, c, bccParts(bcc(i), c)) },
  'bcc-key-from-sk-end': { description: 'encrypts adminPass under the last 16 characters of the SK instead of the first 16', caughtBy: 'BCC-CLIENT-ENCRYPTION', service: 'bcc', build: (i, c) => sign(i, c, bccParts(bcc(i), c, c.credentials.secretAccessKey.slice(-16))) },
  'dcs-post-instead-of-put': { description: 'sends the change as POST instead of PUT', caughtBy: 'DCS-CLIENT-ROUTE', service: 'dcs', build: (i, c) => sign(i, c, { ...dcsParts(dcs(i), c), method: 'POST' }) },
  'dcs-no-content-type': { description: 'sets no Content-Type (fetch labels the JSON text/plain)', caughtBy: 'DCS-CLIENT-HEADERS', service: 'dcs', build: (i, c) => sign(i, c, { ...dcsParts(dcs(i), c), contentType: undefined }) },
  'dcs-camel-case-fields': {
    description: 'sends oldPassword/newPassword instead of old_password/new_password',
    caughtBy: 'DCS-CLIENT-BODY',
    service: 'dcs',
    build: (i, c) => sign(i, c, { ...dcsParts(dcs(i), c), body: JSON.stringify({ oldPassword: dcs(i).oldPassword, newPassword: dcs(i).newPassword }) }),
  },
  'dcs-body-reserialised-after-signing': { description: 'signs the compact body, then sends it pretty-printed (the payload hash no longer matches)', caughtBy: 'DCS-CLIENT-SIGNATURE', service: 'dcs', build: (i, c) => reserialisedAfterSigning(i, c, dcsParts(dcs(i), c)) },
};

/** The faulty example adapters under examples/ (tested by src/drivers/examples.test.ts). */
export const FAULTY_EXAMPLES: Readonly<Record<string, FaultyExample>> = {
  'faulty-plaintext-adapter': { description: 'sends adminPass in plaintext', caughtBy: 'BCC-CLIENT-ENCRYPTION', service: 'bcc', module: './examples/faulty-plaintext-adapter.ts' },
  'faulty-wrong-path-adapter': { description: 'signs one path and sends another', caughtBy: 'DCS-CLIENT-SIGNATURE', service: 'dcs', module: './examples/faulty-wrong-path-adapter.ts' },
};

/** Maps an answer to an outcome with the service's error fields. */
async function toOutcome(service: 'bcc' | 'dcs', response: Response): Promise<Outcome> {
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  if (response.ok) return { kind: 'success', status: response.status, body };
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, string | undefined>;
  return service === 'bcc'
    ? { kind: 'error', status: response.status, code: fields.code, message: fields.message, body }
    : { kind: 'error', status: response.status, code: fields.error_code, message: fields.error_msg, body };
}

/** The adapter of the faulty client `name`; an unknown name is a usage error listing the known ones. */
export function faultyClientAdapter(name: string): ClientAdapter {
  const client = Object.hasOwn(FAULTY_CLIENTS, name) ? FAULTY_CLIENTS[name] : undefined;
  if (!client) {
    throw new KitError('CONFIG_INVALID', `Unknown faulty client "${name}"`, `use --client ${FAULTY_CLIENT_PREFIX}<name> with one of: ${Object.keys(FAULTY_CLIENTS).join(', ')} (list them with: conformance list-rules --faults)`);
  }
  return {
    name: `${FAULTY_CLIENT_PREFIX}${name} (${client.description})`,
    services: [client.service],
    async changePassword(input, context) {
      if (input.service !== client.service) return { kind: 'not-implemented', message: `${name} calls ${client.service} only` };
      try {
        return await toOutcome(client.service, await fetch(await client.build(input, context)));
      } catch (error) {
        const { name: errorName, message } = error as Error;
        return { kind: 'exception', name: errorName, message };
      }
    },
  };
}
