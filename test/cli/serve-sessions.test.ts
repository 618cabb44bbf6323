import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, readJsonReport, reportDir, serve } from './cli-harness.ts';
import { digestOf } from './verdict-digest.ts';

// A run against `conformance serve` opens an isolated session per suite worker (issue 17: more
// than one worker over HTTP); it must conclude exactly what the one shared simulator concludes.
const ENV = {
  BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
  CLOUD_SDK_AK: 'SIMDCSTESTAK0001', CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001',
};
// Planted in both servers (and so in every session): failures, shrinking and a lockout fault that moves the clock.
const FAULTS = ['--fault', 'lock-after-4', '--fault', 'accept-33-chars'];

type Served = Awaited<ReturnType<typeof serve>>;

async function sessionsOffer(url: string): Promise<{ status: number; body: { active?: number; limit?: number } }> {
  const res = await fetch(`${url}/__conformance/sessions`);
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as { active: number; limit: number }) : {} };
}

async function runAgainst(server: Served, extra: string[] = []): Promise<{ code: number | null; dir: string; stderr: string; stdout: string }> {
  const dir = reportDir();
  const r = await cli(['run', '--seed', '1000', '--runs', '1', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--report-dir', dir, '--format', 'json', ...extra], ENV, 300_000);
  return { code: r.code, dir, stderr: r.stderr, stdout: r.stdout };
}

describe('conformance run against conformance serve with isolated sessions', () => {
  let withSessions: Served;
  let without: Served;
  beforeAll(async () => {
    [withSessions, without] = await Promise.all([serve(FAULTS), serve([...FAULTS, '--max-sessions', '0'])]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([withSessions?.stop(), without?.stop()]);
  });

  it('offers sessions by default and none with --max-sessions 0', async () => {
    expect(await sessionsOffer(withSessions.url)).toEqual({ status: 200, body: { protocol: 'conformance-sessions/1', limit: 16, active: 0, idleTimeoutSeconds: 300, riders: 1, port: Number(new URL(withSessions.url).port) } });
    expect((await sessionsOffer(without.url)).status).toBe(404);
    expect(withSessions.output()).toContain(`sessions: ${withSessions.url}/__conformance/sessions (up to 16`);
    expect(without.output()).toContain('sessions: off');
  });

  it('gives the same verdicts, case counts, counterexamples, replay keys and observations (seed 1000, --runs 1), one session per worker, all ended after', async () => {
    let most = 0;
    const poll = setInterval(() => void sessionsOffer(withSessions.url).then((o) => (most = Math.max(most, o.body.active ?? 0)), () => undefined), 200);
    let a: Awaited<ReturnType<typeof runAgainst>>;
    let b: Awaited<ReturnType<typeof runAgainst>>;
    try {
      a = await runAgainst(withSessions);
    } finally {
      clearInterval(poll);
    }
    b = await runAgainst(without);
    expect(a.code, a.stderr).toBe(1);
    expect(b.code, b.stderr).toBe(1);
    const [ra, rb] = [readJsonReport(a.dir), readJsonReport(b.dir)];
    // The report names the target the user gave, never a session's port.
    expect(ra.target).toMatchObject({ kind: 'http', name: withSessions.url });
    const sessionPorts = JSON.stringify(ra).match(/127\.0\.0\.1:\d+/g)?.filter((h) => !withSessions.url.endsWith(h)) ?? [];
    expect(sessionPorts).toEqual([]);
    const digest = (report: typeof ra, code: number | null, url: string) => JSON.parse(JSON.stringify(digestOf(report, code)).split(url).join('URL')) as ReturnType<typeof digestOf>;
    const [da, db] = [digest(ra, a.code, withSessions.url), digest(rb, b.code, without.url)];
    expect(da.rules.map((r) => r.id)).toEqual(db.rules.map((r) => r.id));
    for (const [i, rule] of da.rules.entries()) expect(rule, rule.id).toEqual(db.rules[i]);
    expect(da).toEqual(db);
    expect(da.rules.filter((r) => r.verdict === 'fail').length).toBeGreaterThanOrEqual(2);
    // One session per worker: as many as cores (the limit is 16), and every one ended. Each worker's
    // checks overlap against its session (four in flight), so the digests above compare runs with
    // checks in flight at once against one check at a time.
    expect(most).toBe(Math.min(availableParallelism(), 16));
    expect((await sessionsOffer(withSessions.url)).body.active).toBe(0);
  }, 600_000);

  it('stops before the suites with what failed and how to fix it when no session can be opened', async () => {
    const full = await serve(['--max-sessions', '1']);
    try {
      const held = await fetch(`${full.url}/__conformance/sessions`, { method: 'POST' });
      expect(held.status).toBe(201);
      const r = await runAgainst(full, ['--service', 'bcc']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Could not open an isolated session at ${full.url}/__conformance/sessions for the suite workers (429: all 1 sessions are in use`);
      expect(r.stderr).toContain('--max-sessions');
    } finally {
      await full.stop();
    }
  }, 120_000);
});
