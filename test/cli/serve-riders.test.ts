import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, readJsonReport, reportDir, serve } from './cli-harness.ts';
import { digestOf } from './verdict-digest.ts';

// State riders (docs/state-protocol.md, "Riders"): set-ups carried on the next request to a
// session, inspects answered with it. A run with them concludes what a run without them does,
// and no rider header (which carries set-up passwords) reaches a report.
const ENV = {
  BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
  CLOUD_SDK_AK: 'SIMDCSTESTAK0001', CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001',
};
// Failures (with transcripts and shrinking) and a lockout fault that moves the clock.
const FAULTS = ['--fault', 'lock-after-4', '--fault', 'accept-33-chars'];

type Served = Awaited<ReturnType<typeof serve>>;

async function runAgainst(server: Served): Promise<{ code: number | null; dir: string; stderr: string }> {
  const dir = reportDir();
  const r = await cli(['run', '--seed', '1000', '--runs', '1', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--report-dir', dir, '--format', 'json,junit,md,html'], ENV, 300_000);
  return { code: r.code, dir, stderr: r.stderr };
}

describe('conformance run against sessions with and without state riders', () => {
  let riders: Served;
  let none: Served;
  beforeAll(async () => {
    [riders, none] = await Promise.all([serve(FAULTS), serve([...FAULTS, '--no-riders'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([riders?.stop(), none?.stop()]);
  });

  it('offers riders by default and none with --no-riders', async () => {
    const offer = async (url: string) => (await (await fetch(`${url}/__conformance/sessions`)).json()) as { riders?: number };
    expect((await offer(riders.url)).riders).toBe(1);
    expect((await offer(none.url)).riders).toBeUndefined();
    expect(riders.output()).toContain('; state riders)');
    expect(none.output()).not.toContain('state riders');
  });

  it('gives the same verdicts, case counts, counterexamples, replay keys and observations (seed 1000), and no rider header or set-up password in any report', async () => {
    const a = await runAgainst(riders);
    const b = await runAgainst(none);
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(1);
    const digest = (dir: string, code: number | null, url: string) => JSON.parse(JSON.stringify(digestOf(readJsonReport(dir), code)).split(url).join('URL')) as ReturnType<typeof digestOf>;
    const [da, db] = [digest(a.dir, a.code, riders.url), digest(b.dir, b.code, none.url)];
    for (const [i, rule] of da.rules.entries()) expect(rule, rule.id).toEqual(db.rules[i]);
    expect(da).toEqual(db);
    expect(da.rules.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(2);
    const files = readdirSync(a.dir);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = readFileSync(join(a.dir, file), 'utf8');
      expect(text, file).not.toMatch(/x-conformance-(setup|inspect|applied|inspected)/i);
      // The suites' default set-up passwords (BCC and DCS instances).
      expect(text, file).not.toContain('Orig1234!');
      expect(text, file).not.toContain('OldPass@123');
    }
  }, 600_000);
});
