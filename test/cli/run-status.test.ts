/**
 * Never green on nothing, and faults are never verdicts: the run status, the `not-run` verdict
 * and the exit status of runs that could not judge what they set out to, end to end.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { join } from 'node:path';
import { cli, closedPort, readJsonReport, reportDir, ROOT, serve, type CliResult } from './cli-harness.ts';
// Usage errors (exit 2) end before any run: the CLI's main in this process (cli-in-process.ts).
import { cliInProcess } from './cli-in-process.ts';

const FILES = ['conformance-report.json', 'conformance-report.junit.xml', 'conformance-report.md', 'conformance-report.html'];
/** What no output of a run that judged nothing may contain. */
const GREEN = /CONFORMANT|✅|"conformant": ?true/;

const ENV = {
  BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
  CLOUD_SDK_AK: 'SIMDCSTESTAK0001', CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001', CLOUD_SDK_PROJECT_ID: 'p-http',
};

/** Checks that stdout and every report file of `dir` stay clear of any green verdict. */
function expectNoGreen(r: CliResult, dir: string): void {
  expect(r.stdout).not.toMatch(GREEN);
  for (const f of FILES) {
    expect(existsSync(join(dir, f)), f).toBe(true);
    expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(GREEN);
  }
}

/** A loopback proxy to `upstream` that answers `status` on `/__conformance/state`. */
async function stateFailingProxy(upstream: string, status: number): Promise<{ url: string; server: Server }> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/__conformance/state')) {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `planted ${status} by the test proxy` }));
      return;
    }
    const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe('runs that cannot judge are never green', () => {
  it('an unreachable target: exit 3, every rule not-run, NO VERDICT in stdout and no green in any format', async () => {
    const dir = reportDir();
    const r = await cli(['run', '--target', `http://127.0.0.1:${await closedPort()}`, '--report-dir', dir], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expectNoGreen(r, dir);
    expect(r.stdout).toContain('NO VERDICT — target unreachable');
    expect(r.stdout).toMatch(/MUST rules judged: 0 of \d+/);
    const report = readJsonReport(dir);
    expect(report).toMatchObject({ runStatus: 'target-unreachable', summary: { conformant: false, pass: 0, skip: 0 } });
    expect(report.rules.every((x) => x.verdict === 'not-run' && x.reason.startsWith('not run: target unreachable'))).toBe(true);
    expect(readFileSync(join(dir, 'conformance-report.md'), 'utf8').split('\n')[0]).toMatch(/no verdict — target unreachable/);
    expect(readFileSync(join(dir, 'conformance-report.junit.xml'), 'utf8')).toContain('run status target-unreachable');
  }, 120_000);

  it('--rules selecting no rule: exit 2, says how to list the rule ids, writes and overwrites nothing', async () => {
    const dir = reportDir();
    const previous = join(dir, 'conformance-report.json');
    writeFileSync(previous, '{"previous": true}\n');
    const before = statSync(previous).mtimeMs;
    const r = await cliInProcess(['run', '--rules', 'NOPE-*', '--report-dir', dir]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--rules NOPE-\* selects no rule of bcc, dcs[\s\S]*conformance list-rules/);
    expect(r.stdout).not.toMatch(GREEN);
    expect(readFileSync(previous, 'utf8')).toBe('{"previous": true}\n');
    expect(statSync(previous).mtimeMs).toBe(before);
    for (const f of FILES.slice(1)) expect(existsSync(join(dir, f)), f).toBe(false);
  }, 60_000);

  it('Ctrl-C: exit 130, a partial report marked interrupted, unfinished rules not-run and none passed with 0 cases', async () => {
    const dir = reportDir();
    const child = spawn(process.execPath, [join(ROOT, 'bin/conformance.js'), 'run', '--runs', '3', '--seed', '11', '--report-dir', dir], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sent && /\[1\/\d+\]/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(sent, stderr).toBe(true);
    expect(code, stdout + stderr).toBe(130);
    const report = readJsonReport(dir);
    expect(report).toMatchObject({ runStatus: 'interrupted', interrupted: true, summary: { conformant: false } });
    expect(report.rules.filter((x) => x.verdict === 'not-run').length).toBeGreaterThan(0);
    expect(report.rules.filter((x) => x.verdict === 'pass' && x.cases === 0).map((x) => x.id)).toEqual([]);
    expect(stdout).toContain('INCOMPLETE — interrupted');
    expectNoGreen({ code, stdout, stderr }, dir);
  }, 180_000);
});

describe('against `conformance serve`', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve();
  }, 60_000);
  afterAll(() => server.stop());

  it.each([[503, 3], [404, 2]])('a state endpoint answering %i: exit %i, the state checks not-run with the reason, zero fail', async (status, exit) => {
    const proxy = await stateFailingProxy(server.url, status);
    try {
      const dir = reportDir();
      const r = await cli(['run', '--target', proxy.url, '--state-url', `${proxy.url}/__conformance/state`, '--service', 'dcs', '--report-dir', dir], ENV);
      expect(r.code, r.stdout + r.stderr).toBe(exit);
      const report = readJsonReport(dir);
      expect(report.rules.filter((x) => x.verdict === 'fail').map((x) => `${x.id}: ${x.reason}`)).toEqual([]);
      expect(report.runStatus).toBe('state-endpoint-fault');
      const notRun = report.rules.filter((x) => x.verdict === 'not-run');
      expect(notRun.length).toBeGreaterThan(10);
      for (const x of notRun) expect(x.reason, x.id).toMatch(new RegExp(`^state endpoint fault, not a verdict: State endpoint .* \\(${status}\\): planted ${status}`));
      expect(r.stdout).toContain('NO VERDICT — state endpoint fault');
      expect(r.stdout).toMatch(new RegExp(`run status state-endpoint-fault: State endpoint .*\\(${status}\\)`));
      expectNoGreen(r, dir);
    } finally {
      await new Promise((r) => proxy.server.close(r));
    }
  }, 180_000);

  it('a URL target without --state-url: --max-skip 10% turns the many skips into exit 1, with the reason', async () => {
    const dir = reportDir();
    const args = ['run', '--target', server.url, '--service', 'bcc', '--report-dir', dir, '--format', 'json'];
    const gated = await cli([...args, '--max-skip', '10%'], ENV);
    expect(gated.code, gated.stdout + gated.stderr).toBe(1);
    expect(gated.stdout).toMatch(/CI gate not met: --max-skip 10%: \d+ of \d+ rules \(\d+%\) were skipped or not run/);
    expect(gated.stdout).toContain('NOT CONFORMANT');
    const report = readJsonReport(dir);
    expect(report.summary.gateFailures?.[0]).toMatch(/^--max-skip 10%/);
    expect(report.invocation.maxSkip).toBe('10%');
    expect(report.summary.mustJudged.judged).toBeLessThan(report.summary.mustJudged.total);
  }, 180_000);

  it('--require-rules names a required rule that was not judged (exit 1)', async () => {
    const dir = reportDir();
    const r = await cli(['run', '--target', server.url, '--service', 'bcc', '--rules', 'BCC-STATUS-*,BCC-PWD-LENGTH', '--require-rules', 'BCC-STATUS-*', '--report-dir', dir, '--format', 'json'], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/CI gate not met: --require-rules BCC-STATUS-\*: BCC-STATUS-\S+ was not judged \(skip: needs setupState/);
  }, 180_000);
});

describe('merge knows the shards', () => {
  it('one shard of two: not conformant, names the missing shard; --format pdf is a usage error naming the formats', async () => {
    const shard1 = reportDir();
    const run = await cli(['run', '--service', 'dcs', '--shard', '1/2', '--seed', '5', '--report-dir', shard1, '--format', 'json']);
    expect([0, 1], run.stdout + run.stderr).toContain(run.code);
    expect(readJsonReport(shard1).shard).toEqual({ index: 1, count: 2 });
    expect(run.stdout).toContain('shard 1/2');
    const out = reportDir();
    const merged = await cli(['merge', join(shard1, 'conformance-report.json'), '--report-dir', out]);
    expect(merged.code, merged.stdout + merged.stderr).toBe(1);
    expect(merged.stdout).toContain('shard 2 of 2 missing');
    expect(merged.stdout).toContain('INCOMPLETE — shards missing');
    expectNoGreen(merged, out);
    expect(readJsonReport(out)).toMatchObject({ runStatus: 'incomplete-shards', summary: { conformant: false } });
    const pdf = await cliInProcess(['merge', join(shard1, 'conformance-report.json'), '--format', 'pdf', '--report-dir', reportDir()]);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toMatch(/--format pdf: unknown report format "pdf"[\s\S]*use any of json,junit,md,html/);
    expect(pdf.stderr).not.toMatch(/\n\s+at /); // no stack trace
  }, 180_000);
});
