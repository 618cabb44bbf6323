/**
 * DELIBERATELY FAULTY adapter (dcs) — the kit must fail it.
 *
 * Planted fault: the SDK-HMAC-SHA256 signature is computed over the wrong path,
 * `/v2/{project_id}/instances/{instance_id}` (without `/password`), while the request is sent
 * to the right one, `/v2/{project_id}/instances/{instance_id}/password`. The canonical URI is
 * part of what is signed, so the server computes a different signature and must refuse it.
 * A real SDK does this when it signs before a path template is completed or rewritten.
 *
 * Expected findings: `DCS-CLIENT-SIGNATURE` fails; ROUTE, HEADERS and BODY pass.
 * Run: npx conformance run --client ./examples/faulty-wrong-path-adapter.ts
 */
import { signSdkHmacRequest } from 'pwchange-conformance';
import { defineAdapter, type ChangePasswordOutcome } from 'pwchange-conformance/client';

/** Maps a DCS answer (`{error_code, error_msg}` on errors) to an outcome. */
async function toOutcome(response: Response): Promise<ChangePasswordOutcome> {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return { kind: 'success', status: response.status, body };
  const { error_code: code, error_msg: message } = (body ?? {}) as { error_code?: string; error_msg?: string };
  return { kind: 'error', status: response.status, code, message, body };
}

/** Sends to the right URL with headers signed for another one. */
export default defineAdapter({
  name: 'examples/faulty-wrong-path-adapter (signs the path without /password)',
  services: ['dcs'],
  async changePassword(input, { endpoint, credentials }) {
    if (input.service !== 'dcs') return { kind: 'not-implemented', message: 'dcs only' };
    const instance = `${endpoint.replace(/\/$/, '')}/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}`;
    const body = JSON.stringify({ old_password: input.oldPassword, new_password: input.newPassword });
    const headers = { 'content-type': 'application/json;charset=UTF-8' };
    try {
      // FAULT: signs `${instance}` but sends to `${instance}/password`.
      const signedForWrongPath = await signSdkHmacRequest(new Request(instance, { method: 'PUT', headers, body }), { ...credentials, projectId: input.projectId }, { date: new Date() });
      return await toOutcome(await fetch(`${instance}/password`, { method: 'PUT', headers: signedForWrongPath.headers, body }));
    } catch (error) {
      return { kind: 'exception', name: (error as Error).name, message: (error as Error).message };
    }
  },
});
