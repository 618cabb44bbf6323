/**
 * The verifier's request filter on its own (no Pact loaded): it turns a pact's example request
 * into one the provider accepts — fresh signature, adminPass re-encrypted under the provider's SK —
 * and leaves Pact's own state-setup calls alone.
 */
import { describe, expect, it } from 'vitest';
import { encryptAdminPass } from '../../src/auth/password-cipher.ts';
import { PACT_CREDENTIALS, serviceCases, type BccCase } from '../../src/pact/cases.ts';
import { decryptAdminPass, signingFilter, type ProxyRequest } from '../../src/pact/provider-signing.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';

const providerKeys = { accessKeyId: 'provider-ak', secretAccessKey: 'Provider-own-secret-key-000001' };
const { contract, cases } = serviceCases('bcc');
const valid = cases.find((c) => c.expected.kind === 'ok') as BccCase;

/** Runs the filter on `req` and resolves once it called next (rejects on an error). */
function filter(req: ProxyRequest, providerUrl = 'http://127.0.0.1:8080'): Promise<void> {
  const run = signingFilter({ providerUrl, contracts: { bcc: contract }, credentials: { bcc: providerKeys } });
  return new Promise((resolve, reject) => run(req, {}, (error) => (error ? reject(error as Error) : resolve())));
}

describe('the pact verify request filter', () => {
  it('decrypts only ciphertext under the key it was made with', () => {
    const hex = encryptAdminPass(valid.password, PACT_CREDENTIALS.bcc.secretAccessKey);
    expect(decryptAdminPass(hex, PACT_CREDENTIALS.bcc.secretAccessKey)).toBe(valid.password);
    expect(decryptAdminPass(hex, providerKeys.secretAccessKey)).toBeUndefined();
    expect(decryptAdminPass('not-hex', PACT_CREDENTIALS.bcc.secretAccessKey)).toBeUndefined();
  });

  it('re-encrypts and re-signs a BCC example so that a provider with other keys accepts it', async () => {
    const example = encryptAdminPass(valid.password, PACT_CREDENTIALS.bcc.secretAccessKey);
    const req: ProxyRequest = {
      method: 'PUT',
      url: `/v2/instance/${valid.instanceId}?changePass=`,
      // As Pact's proxy hands it over: the pact's stale signature, its own host, a parsed JSON body.
      headers: { host: '127.0.0.1:45678', 'content-type': 'application/json; charset=utf-8', authorization: 'bce-auth-v1/old/2025-01-01T00:00:00Z/1800//00', 'x-bce-date': '2025-01-01T00:00:00Z', 'content-length': '47' },
      body: { adminPass: example },
    };
    await filter(req);
    const body = JSON.parse((req.body as Buffer).toString('utf8')) as { adminPass: string };
    expect(decryptAdminPass(body.adminPass, providerKeys.secretAccessKey)).toBe(valid.password);
    expect(req.headers.host).toBe('127.0.0.1:8080');
    expect(req.headers.authorization).toMatch(/^bce-auth-v1\/provider-ak\//);
    expect(req.headers['content-length']).toBe(String((req.body as Buffer).length));

    const sim = createSimulator({ credentials: { bcc: [providerKeys] } });
    await sim.handle(new Request('http://127.0.0.1:8080/__conformance/state', { method: 'POST', body: JSON.stringify({ action: 'setup', state: 'bcc instance', params: valid.states[0]!.params }) }));
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const answer = await sim.handle(new Request(`http://127.0.0.1:8080${req.url}`, { method: 'PUT', headers, body: new Uint8Array(req.body as Buffer) }));
    expect(answer.status, await answer.clone().text()).toBe(200);
  });

  it('passes requests outside the specs\' operations (Pact\'s state calls) untouched', async () => {
    const req: ProxyRequest = { method: 'POST', url: '/_pactSetup', headers: { 'content-type': 'application/json' }, body: { state: 'bcc instance' } };
    await filter(req);
    expect(req).toEqual({ method: 'POST', url: '/_pactSetup', headers: { 'content-type': 'application/json' }, body: { state: 'bcc instance' } });
  });
});
