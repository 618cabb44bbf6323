import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encryptAdminPass } from '../../src/auth/password-cipher.ts';
import { cli, reportDir, serve } from './cli-harness.ts';

// Known secrets for this run only: the server accepts them, the CLI gets them from the environment.
const BCC = { accessKeyId: 'leak-test-bcc-ak', secretAccessKey: 'LEAKTEST-bcc-sk-5f2a9c71e3d04b86' };
const DCS = { accessKeyId: 'LEAKTESTDCSAK', secretAccessKey: 'LEAKTEST-dcs-sk-0b7e4d19a2c65f38' };
// Passwords the suites give the instances they create (the "old" passwords a live run would take from the environment).
const PASSWORDS = ['Orig1234!', 'OldPass@123'];

describe('no secrets in any output', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let dir: string;
  let printed: string;

  beforeAll(async () => {
    dir = reportDir();
    const credentials = join(dir, 'credentials.json');
    writeFileSync(credentials, JSON.stringify({ bcc: [BCC], dcs: [DCS] }));
    // A planted fault makes failures, so counterexample transcripts and curls are written too.
    server = await serve(['--credentials', credentials, '--fault', 'accept-ampersand', '--fault', 'no-reset-on-success']);
    const env = { BCE_ACCESS_KEY_ID: BCC.accessKeyId, BCE_SECRET_ACCESS_KEY: BCC.secretAccessKey, CLOUD_SDK_AK: DCS.accessKeyId, CLOUD_SDK_SK: DCS.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'leak-project' };
    const r = await cli(['run', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--report-dir', dir], env);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    printed = r.stdout + r.stderr + server.output();
  }, 200_000);
  afterAll(() => server.stop());

  it('wrote failures with transcripts (so the scan below means something)', () => {
    const json = readFileSync(join(dir, 'conformance-report.json'), 'utf8');
    expect(json).toContain('BCC-PWD-SYMBOLS');
    expect(json).toMatch(/"transcript": \[\s*\{/);
    expect(json).toContain('curl -sS -X PUT');
  });

  it('has zero occurrences of the SKs, the passwords, Authorization values or ciphertexts', () => {
    const outputs: Array<[string, string]> = [['terminal and server output', printed]];
    for (const f of readdirSync(dir)) if (f.startsWith('conformance-report')) outputs.push([f, readFileSync(join(dir, f), 'utf8')]);
    expect(outputs.length).toBe(5);
    const ciphertexts = PASSWORDS.flatMap((p) => [encryptAdminPass(p, BCC.secretAccessKey)]);
    for (const [name, text] of outputs) {
      for (const secret of [BCC.secretAccessKey, DCS.secretAccessKey, ...PASSWORDS, ...ciphertexts]) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
      // A signature is 64 hex characters after the auth prefix or `Signature=`; none may appear.
      expect(text, `${name} carries a bce-auth-v1 signature`).not.toMatch(/bce-auth-v1\/[^/\s"]+\/[^/\s"]+\/\d+\/[^/\s"]*\/[0-9a-f]{64}/);
      expect(text, `${name} carries an SDK-HMAC-SHA256 signature`).not.toMatch(/Signature=[0-9a-f]{64}/);
      // Any adminPass that looks like ciphertext.
      expect(text, `${name} carries an adminPass ciphertext`).not.toMatch(/adminPass\\?"\s*:\s*\\?"[0-9a-f]{32,}/);
    }
  });
});
