/**
 * DELIBERATELY FAULTY adapter (bcc) — the kit must fail it.
 *
 * Planted fault: `adminPass` is sent in plaintext. BCC requires it encrypted for transit
 * (AES-128-ECB under the first 16 characters of the SecretAccessKey, lowercase hex).
 * Everything else is right: the route `PUT /v2/instance/{id}?changePass`, the headers, the
 * body shape, and a correct bce-auth-v1 signature from the kit's own signer.
 *
 * Expected findings: `BCC-CLIENT-ENCRYPTION` fails; ROUTE, HEADERS, BODY and SIGNATURE pass.
 * Run: npx conformance run --client ./examples/faulty-plaintext-adapter.ts
 */
import { signBceRequest } from 'pwchange-conformance';
import { defineAdapter, type ChangePasswordOutcome } from 'pwchange-conformance/client';

/** Maps a BCC answer (`{code, message, requestId}` on errors) to an outcome. */
async function toOutcome(response: Response): Promise<ChangePasswordOutcome> {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return { kind: 'success', status: response.status, body };
  const { code, message } = (body ?? {}) as { code?: string; message?: string };
  return { kind: 'error', status: response.status, code, message, body };
}

/** Signs correctly, but forgets to encrypt the password. */
export default defineAdapter({
  name: 'examples/faulty-plaintext-adapter (adminPass in plaintext)',
  services: ['bcc'],
  async changePassword(input, { endpoint, credentials }) {
    if (input.service !== 'bcc') return { kind: 'not-implemented', message: 'bcc only' };
    const url = `${endpoint.replace(/\/$/, '')}/v2/instance/${encodeURIComponent(input.instanceId)}?changePass`;
    // FAULT: should be `encryptAdminPass(input.password, credentials.secretAccessKey)`.
    const body = JSON.stringify({ adminPass: input.password });
    const request = new Request(url, { method: 'PUT', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    try {
      return await toOutcome(await fetch(await signBceRequest(request, credentials, { timestamp: new Date() })));
    } catch (error) {
      return { kind: 'exception', name: (error as Error).name, message: (error as Error).message };
    }
  },
});
