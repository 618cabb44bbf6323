import { describe, it, expect, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cli, readJsonReport, reportDir, ROOT } from '../cli/cli-harness.ts';
import { liveLike, ORIGINAL } from './live-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function start(options: Parameters<typeof liveLike>[0] = {}) {
  const l = await liveLike(options);
  closers.push(() => l.server.close());
  return l;
}

const passwords = (l: Awaited<ReturnType<typeof liveLike>>) => [l.sim.store.bcc.get('i-live-1')?.password, l.sim.store.getDcs('proj-live', 'dcs-live-1')?.password];

describe('live mode against a live-like simulator', () => {
  it('passes every rule the fixtures allow, skips the rest with the reason, and restores the passwords', async () => {
    const l = await start();
    const dir = reportDir();
    const r = await cli(['run', '--target', l.server.url, '--live', '--rate', '0', '--max-requests', '100000', '--config', l.config, '--report-dir', dir, '--format', 'json'], l.env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/LIVE RUN PLAN/);
    const report = readJsonReport(dir);
    expect(report.rules.filter((x) => x.verdict === 'fail')).toEqual([]);
    expect(report.rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(10);
    const skipped = report.rules.filter((x) => x.verdict === 'skip');
    expect(skipped.every((x) => x.reason.length > 0)).toBe(true);
    expect(skipped.map((x) => x.reason).join('\n')).toMatch(/lockout checks need --allow-lockout/);
    expect(report.restorations.every((x) => x.restored)).toBe(true);
    expect(passwords(l)).toEqual([ORIGINAL.bcc, ORIGINAL.dcs]);
  }, 240_000);

  it('plans the run to the request: --dry-run sends only the probe and status reads, the run sends exactly the plan', async () => {
    const l = await start();
    const args = ['run', '--target', l.server.url, '--live', '--rate', '0', '--max-requests', '100000', '--config', l.config, '--seed', '11', '--rules', 'BCC-PWD-*,DCS-PWD-ACCEPT-VALID,DCS-LOCK-WRONG-OLD'];
    const dry = await cli([...args, '--dry-run'], l.env);
    expect(dry.code, dry.stderr).toBe(0);
    const total = Number(/= (\d+) \(if the target behaves/.exec(dry.stdout)?.[1]);
    expect(total).toBeGreaterThan(100);
    expect(l.received()).toBe(3); // probe + one status read per fixture
    expect(passwords(l)).toEqual([ORIGINAL.bcc, ORIGINAL.dcs]);
    const before = l.received();
    const real = await cli([...args, '--report-dir', reportDir(), '--format', 'json'], l.env);
    expect(real.code, real.stdout + real.stderr).toBe(0);
    expect(l.received() - before).toBe(total);
  }, 240_000);

  it('keeps to the request budget: checks beyond it skip with the reason', async () => {
    const l = await start();
    const dir = reportDir();
    await cli(['run', '--target', l.server.url, '--live', '--rate', '0', '--max-requests', '40', '--config', l.config, '--rules', 'DCS-PWD-*', '--report-dir', dir, '--format', 'json'], l.env);
    const report = readJsonReport(dir);
    expect(report.rules.some((x) => x.verdict === 'skip' && /request budget of 40 is spent/.test(x.reason))).toBe(true);
    // The plan's rehearsal and the run each keep to 40; the run's probe and restoration are extra.
    expect(l.received()).toBeLessThanOrEqual(40 + 3 + 2);
    expect(passwords(l)).toEqual([ORIGINAL.bcc, ORIGINAL.dcs]);
  }, 240_000);

  it('counts injected faults as faults, not verdicts, writes the report and restores every password', async () => {
    const l = await start({ behaviour: { errorRate: 0.03, dropRate: 0.02, latencyMs: 2 } });
    const dir = reportDir();
    const r = await cli(['run', '--target', l.server.url, '--live', '--rate', '0', '--max-requests', '100000', '--config', l.config, '--rules', 'DCS-PWD-*,BCC-AUTH-*,BCC-ENC-*', '--report-dir', dir, '--format', 'json'], l.env);
    const report = readJsonReport(dir);
    expect(report.faults.length, r.stdout).toBeGreaterThan(0);
    expect(report.rules.filter((x) => x.verdict === 'fail').map((x) => `${x.id}: ${x.reason}`)).toEqual([]);
    expect(report.rules.some((x) => x.verdict === 'skip' && /transport fault/.test(x.reason))).toBe(true);
    expect(passwords(l)).toEqual([ORIGINAL.bcc, ORIGINAL.dcs]);
  }, 240_000);

  it('restores the password of a run interrupted mid-lockout, and writes a partial report', async () => {
    // RESET-ON-SUCCESS changes the password, then counts wrong attempts towards the lock: stop it there.
    const l = await start();
    const dir = reportDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', l.server.url, '--live', '--allow-lockout', '--rate', '10', '--max-requests', '100000', '--config', l.config, '--service', 'dcs', '--rules', 'DCS-LOCK-RESET-ON-SUCCESS', '--report-dir', dir, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...l.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    // Wait until the real run (after the plan) has changed the password and counted wrong attempts.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const dcs = l.sim.store.getDcs('proj-live', 'dcs-live-1')!;
      if (/LIVE RUN PLAN/.test(out) && dcs.password !== ORIGINAL.dcs && dcs.failedAttempts > 0 && dcs.lockedUntil === null) break;
      if (Date.now() > deadline) throw new Error(`the run never reached the lockout: ${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGINT');
    const code = await exited;
    expect(out, out).toMatch(/interrupted/);
    const report = readJsonReport(dir);
    expect(report.interrupted).toBe(true);
    expect(report.runStatus).toBe('interrupted');
    expect(report.restorations.length).toBeGreaterThan(0);
    expect(report.restorations.every((x) => x.restored), JSON.stringify(report.restorations)).toBe(true);
    expect(passwords(l)).toEqual([ORIGINAL.bcc, ORIGINAL.dcs]);
    expect(code).toBe(130);
  }, 240_000);

  it('refuses a host that is not in allowHosts before sending anything', async () => {
    const l = await start();
    const r = await cli(['run', '--target', 'https://bcc.bj.baidubce.com', '--config', l.config], l.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refusing to run against bcc\.bj\.baidubce\.com: it is not in allowHosts/);
    expect(l.received()).toBe(0);
  }, 60_000);
});
