/**
 * Ctrl-C while a password change is in flight (a race first seen under load in a full
 * `npm test`: "no known password was accepted"). A proxy in front of the live-like simulator
 * lets one change of the real run reach the target — so the password changes there — and holds
 * its answer while the run is interrupted. vitest abandons a cancelled test's body and then
 * terminates the worker, so the answer never reaches the live guard: the restoration can only
 * know that password if the guard wrote it to the ledger before it sent the request. And once
 * the run is interrupted, the guard must send nothing more (the abandoned body runs on).
 */
import { describe, it, expect, afterEach } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readJsonReport, reportDir, ROOT } from '../cli/cli-harness.ts';
import { liveLike, ORIGINAL } from './live-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

/** What the proxy saw: every request, and when the held one arrived. */
interface Seen {
  method: string;
  path: string;
  at: number;
}

/**
 * A forwarding proxy; `hold(request, answer)` says whether to keep the answer back (`'forever'`)
 * or pass it on. The simulator has answered (and applied the change) before `hold` is asked.
 */
async function proxy(upstream: string, hold: (seen: Seen, answer: { status: number; text: string }) => 'forever' | 'pass'): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry = { method: req.method ?? 'GET', path: req.url ?? '/', at: Date.now() };
      seen.push(entry);
      // Forwarded as sent (the Host header is signed), over node:http.
      const out = request(upstream + entry.path, { method: entry.method, headers: req.headers }, (r) => {
        const answer: Buffer[] = [];
        r.on('data', (c: Buffer) => answer.push(c));
        r.on('end', () => {
          const text = Buffer.concat(answer).toString('utf8');
          if (hold(entry, { status: r.statusCode ?? 0, text }) === 'forever') return; // the answer never leaves
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(text);
        });
      });
      out.on('error', (error) => {
        res.writeHead(502);
        res.end(String(error));
      });
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

describe('Ctrl-C while a change is in flight', () => {
  it('restores a password set by a change whose answer never arrived, and sends nothing more after the interrupt', async () => {
    const l = await liveLike();
    closers.push(() => l.server.close());
    let out = '';
    let heldAt = 0;
    const isDcsChange = (s: Seen) => s.method === 'PUT' && /\/instances\/dcs-live-1\/password/.test(s.path);
    const p = await proxy(l.server.url, (s, answer) => {
      // The real run (after the plan), a change the target accepted to a password other than the original.
      if (heldAt === 0 && /LIVE RUN PLAN/.test(out) && isDcsChange(s) && answer.status === 200 && /"success"/.test(answer.text)) {
        const stored = l.sim.store.getDcs('proj-live', 'dcs-live-1')!.password;
        if (stored !== ORIGINAL.dcs) {
          heldAt = s.at;
          child.kill('SIGINT');
          return 'forever';
        }
      }
      return 'pass';
    });
    closers.push(p.close);
    const dir = reportDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', p.url, '--live', '--rate', '0', '--max-requests', '100000', '--config', l.config, '--service', 'dcs', '--rules', 'DCS-PWD-ACCEPT-VALID', '--report-dir', dir, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...l.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(heldAt, `the run never reached a change to hold: ${out}`).toBeGreaterThan(0);
    const report = readJsonReport(dir);
    expect(report.interrupted, out).toBe(true);
    expect(report.restorations.map((x) => x.instance)).toContain('dcs:proj-live/dcs-live-1');
    expect(report.restorations.every((x) => x.restored), JSON.stringify(report.restorations)).toBe(true);
    expect(l.sim.store.getDcs('proj-live', 'dcs-live-1')!.password).toBe(ORIGINAL.dcs);
    // After the interrupt only the restoration talks to the target: one change per fixture it
    // restores, a candidate password at a time (at most the held one and the one before).
    const after = p.seen.filter((s) => s.at > heldAt);
    expect(after.filter((s) => !isDcsChange(s)), JSON.stringify(after)).toEqual([]);
    expect(after.length, JSON.stringify(after)).toBeLessThanOrEqual(2);
    expect(code, out).toBe(130);
  }, 240_000);
});

describe('Ctrl-C while the plan is rehearsed', () => {
  it('does not start the real run: nothing but the probe and the status reads reaches the target', async () => {
    const l = await liveLike();
    closers.push(() => l.server.close());
    const dir = reportDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--target', l.server.url, '--live', '--rate', '0', '--max-requests', '100000', '--config', l.config, '--service', 'dcs', '--report-dir', dir, '--format', 'json'], { cwd: ROOT, env: { ...process.env, ...l.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('close', r));
    // The probe and the one DCS fixture's status read come first (2 requests: the plan counts them,
    // "2 probe and status read(s)"); the rehearsal of every DCS check follows (~8 s on a quiet
    // machine), so the interrupt lands in it. (This test once waited for a third request, which is
    // the real run's first: it interrupted the real run, and failed whenever a second one slipped out.)
    const deadline = Date.now() + 120_000;
    while (l.received() < 2) {
      if (Date.now() > deadline) throw new Error(`the run never read the fixtures: ${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    // Into the rehearsal, past the ~1 s in which it starts vitest: a Ctrl-C inside that window ends
    // the process at once through vitest's own handler (nothing changed yet, but no partial report;
    // a known gap, see the issue 17 note of 2026-11-29).
    await new Promise((r) => setTimeout(r, 3_000));
    expect(out, 'the rehearsal ended before the interrupt could land in it').not.toMatch(/LIVE RUN PLAN/);
    child.kill('SIGINT');
    const code = await exited;
    expect(out).toMatch(/requests: 2 probe and status read\(s\) \+/);
    expect(l.received(), out).toBe(2);
    expect(l.sim.store.getDcs('proj-live', 'dcs-live-1')!.password).toBe(ORIGINAL.dcs);
    expect(readJsonReport(dir).runStatus).toBe('interrupted');
    expect(code, out).toBe(130);
  }, 240_000);
});
