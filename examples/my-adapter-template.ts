/**
 * TEMPLATE — copy this file to put your own client SDK under test.
 *
 * The kit calls `changePassword(input, context)` once per operation. Send the call with YOUR
 * SDK to `context.endpoint` using `context.credentials`, then say how the SDK surfaced the answer:
 *   { kind: 'success', status?, body? }          the call returned normally (body as the SDK parsed it)
 *   { kind: 'error', status?, code?, message? }  the SDK reported an API error (what it extracted)
 *   { kind: 'exception', name, message }         it threw something that is not an API error
 *   { kind: 'not-implemented', message }         the SDK has no such operation
 * Map everything to one of these; an adapter that throws is reported as `exception`.
 * `input` holds plaintext passwords: encrypting them (BCC adminPass) is the SDK's job.
 *
 * Run it:  npx conformance run --client ./my-adapter.ts
 *
 * An SDK in another language: spawn a small bridge program per call and read one JSON ChangePasswordOutcome
 * from its stdout. Pass the secret through the environment, not argv (argv shows up in `ps`):
 *
 *   import { execFile } from 'node:child_process';
 *   import { promisify } from 'node:util';
 *   const run = promisify(execFile);
 *   // inside changePassword(input, { endpoint, credentials }):
 *   const { stdout } = await run('python3', ['bridge.py', JSON.stringify(input)], {
 *     env: { ...process.env, ENDPOINT: endpoint, AK: credentials.accessKeyId, SK: credentials.secretAccessKey },
 *     timeout: 30_000,
 *   });
 *   return JSON.parse(stdout) as ChangePasswordOutcome;   // bridge.py prints e.g. {"kind":"success","status":200,"body":{...}}
 *
 * A long-lived process (one per run) is faster: start it lazily, speak JSON lines over
 * stdin/stdout, and stop it in `close()`.
 *
 * The working example below needs no SDK: it signs DCS `updatePassword` with the kit's own
 * SDK-HMAC-SHA256 signer and sends it with `fetch`, so it passes every client rule.
 * Imports come from the kit's package name, as in your project (inside this repository
 * `tsconfig.json` paths and the vitest alias map them to `src/`).
 */
import { signSdkHmacRequest } from 'pwchange-conformance';
import { defineAdapter, type ChangePasswordOutcome } from 'pwchange-conformance/client';

/** Maps a DCS HTTP answer to an outcome: 2xx → success (parsed body), else error_code/error_msg. */
async function toOutcome(response: Response): Promise<ChangePasswordOutcome> {
  const text = await response.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return { kind: 'success', status: response.status, body };
  const { error_code: code, error_msg: message } = (body ?? {}) as { error_code?: string; error_msg?: string };
  return { kind: 'error', status: response.status, code, message, body };
}

/** A working DCS adapter: `PUT /v2/{project_id}/instances/{instance_id}/password`, signed. */
export default defineAdapter({
  // Shown in reports: name the SDK and the method you call.
  name: 'examples/my-adapter-template (fetch + kit signer)',
  // The services your SDK can call; rules for other services are skipped.
  services: ['dcs'],
  async changePassword(input, { endpoint, credentials }) {
    if (input.service !== 'dcs') return { kind: 'not-implemented', message: 'this template only calls DCS' };
    const path = `/v2/${encodeURIComponent(input.projectId)}/instances/${encodeURIComponent(input.instanceId)}/password`;
    const body = JSON.stringify({ old_password: input.oldPassword, new_password: input.newPassword });
    const request = new Request(endpoint.replace(/\/$/, '') + path, { method: 'PUT', headers: { 'content-type': 'application/json;charset=UTF-8' }, body });
    try {
      // Replace these two lines with your SDK call.
      const signed = await signSdkHmacRequest(request, { ...credentials, projectId: input.projectId }, { date: new Date() });
      return await toOutcome(await fetch(signed));
    } catch (error) {
      // Network failures, JSON parse errors, SDK bugs. fetch hides the reason in `cause`.
      const { name, message, cause } = error as Error;
      return { kind: 'exception', name, message: cause instanceof Error ? `${message}: ${cause.message}` : message };
    }
  },
  // Optional: stop processes or pools you started.
  async close() {},
});
