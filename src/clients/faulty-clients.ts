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
import { buildBccChangePassword } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import type { AdapterContext, ChangePasswordInput, ClientAdapter, ChangePasswordOutcome } from './client.ts';

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

/** The correct, signed change request, from the kit's own request builders (route, headers, body). */
function correct(input: ChangePasswordInput, { endpoint, credentials }: AdapterContext, rawBody?: string): Promise<Request> {
  return input.service === 'bcc'
    ? buildBccChangePassword({ baseUrl: endpoint, instanceId: input.instanceId, password: input.password, credentials, rawBody })
    : buildDcsChangePassword({ baseUrl: endpoint, projectId: input.projectId, instanceId: input.instanceId, oldPassword: input.oldPassword, newPassword: input.newPassword, credentials: { ...credentials, projectId: input.projectId }, rawBody });
}

/** Takes the correct request apart, lets `plant` change one part, and signs what is then sent (a correct signature of a wrong request). */
async function planted(input: ChangePasswordInput, context: AdapterContext, plant: (parts: Parts) => Parts): Promise<Request> {
  const built = await correct(input, context);
  const parts = plant({ method: built.method, url: built.url, contentType: built.headers.get('content-type') ?? undefined, body: await built.text() });
  const request = new Request(parts.url, { method: parts.method, headers: parts.contentType ? { 'content-type': parts.contentType } : {}, body: parts.body });
  if (input.service === 'bcc') return signBceRequest(request, context.credentials, { timestamp: new Date() });
  return signSdkHmacRequest(request, { ...context.credentials, projectId: input.projectId }, { date: new Date() });
}

/** Sends a pretty-printed copy of the body signed in its compact form (a second serialisation). */
async function reserialisedAfterSigning(input: ChangePasswordInput, context: AdapterContext): Promise<Request> {
  const signed = await correct(input, context);
  const body = JSON.stringify(JSON.parse(await signed.text()), null, 2);
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
  'bcc-post-instead-of-put': { description: 'sends the change as POST instead of PUT', caughtBy: 'BCC-CLIENT-ROUTE', service: 'bcc', build: (i, c) => planted(bcc(i), c, (p) => ({ ...p, method: 'POST' })) },
  'bcc-no-content-type': { description: 'sets no Content-Type (fetch labels the JSON text/plain)', caughtBy: 'BCC-CLIENT-HEADERS', service: 'bcc', build: (i, c) => planted(bcc(i), c, (p) => ({ ...p, contentType: undefined })) },
  'bcc-snake-case-field': {
    description: 'names the field admin_pass instead of adminPass',
    caughtBy: 'BCC-CLIENT-BODY',
    service: 'bcc',
    build: (i, c) => correct(bcc(i), c, JSON.stringify({ admin_pass: encryptAdminPass(bcc(i).password, c.credentials.secretAccessKey) })),
  },
  'bcc-body-reserialised-after-signing': { description: 'signs the compact body, then sends it pretty-printed (Content-Length no longer matches the signature)', caughtBy: 'BCC-CLIENT-SIGNATURE', service: 'bcc', build: (i, c) => reserialisedAfterSigning(bcc(i), c) },
  'bcc-key-from-sk-end': { description: 'encrypts adminPass under the last 16 characters of the SK instead of the first 16', caughtBy: 'BCC-CLIENT-ENCRYPTION', service: 'bcc', build: (i, c) => correct(bcc(i), c, JSON.stringify({ adminPass: encryptAdminPass(bcc(i).password, c.credentials.secretAccessKey.slice(-16)) })) },
  'dcs-post-instead-of-put': { description: 'sends the change as POST instead of PUT', caughtBy: 'DCS-CLIENT-ROUTE', service: 'dcs', build: (i, c) => planted(dcs(i), c, (p) => ({ ...p, method: 'POST' })) },
  'dcs-no-content-type': { description: 'sets no Content-Type (fetch labels the JSON text/plain)', caughtBy: 'DCS-CLIENT-HEADERS', service: 'dcs', build: (i, c) => planted(dcs(i), c, (p) => ({ ...p, contentType: undefined })) },
  'dcs-camel-case-fields': {
    description: 'sends oldPassword/newPassword instead of old_password/new_password',
    caughtBy: 'DCS-CLIENT-BODY',
    service: 'dcs',
    build: (i, c) => correct(dcs(i), c, JSON.stringify({ oldPassword: dcs(i).oldPassword, newPassword: dcs(i).newPassword })),
  },
  'dcs-body-reserialised-after-signing': { description: 'signs the compact body, then sends it pretty-printed (the payload hash no longer matches)', caughtBy: 'DCS-CLIENT-SIGNATURE', service: 'dcs', build: (i, c) => reserialisedAfterSigning(dcs(i), c) },
};

/** The faulty example adapters under examples/ (tested by src/clients/examples.test.ts). */
export const FAULTY_EXAMPLES: Readonly<Record<string, FaultyExample>> = {
  'faulty-plaintext-adapter': { description: 'sends adminPass in plaintext', caughtBy: 'BCC-CLIENT-ENCRYPTION', service: 'bcc', module: './examples/faulty-plaintext-adapter.ts' },
  'faulty-wrong-path-adapter': { description: 'signs one path and sends another', caughtBy: 'DCS-CLIENT-SIGNATURE', service: 'dcs', module: './examples/faulty-wrong-path-adapter.ts' },
};

/** Maps an answer to an outcome with the service's error fields. */
async function toOutcome(service: 'bcc' | 'dcs', response: Response): Promise<ChangePasswordOutcome> {
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
