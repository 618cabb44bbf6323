/**
 * The README commands that no other test runs, run as written: each command's words come from
 * the README (readme-lines.ts), run in a fresh working directory (with `examples/` linked in, as
 * in a checkout), and are judged by what the text next to them says — the exit status and the
 * rules it names. Commands the README chains (shards → merge, a failing run → replay, serve →
 * curl) run in the same directory and reuse each other's output. The only change to a command:
 * `serve --port 8080` listens on a free port (a shared machine), and `$URL` is a served simulator.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import { ROOT, serve, type CliResult } from '../cli/cli-harness.ts';
import { conformanceArgs, readmeBlock, readmeCommand, shellWords, type ReadmeCommand } from './readme-lines.ts';

const BIN = join(ROOT, 'bin/conformance.js');
const SERVE_ENV = {
  BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001',
  BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001',
  CLOUD_SDK_AK: 'SIMDCSTESTAK0001',
  CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001',
  CLOUD_SDK_PROJECT_ID: 'conformance-project',
};
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A fresh working directory with the checkout's examples/ linked in. */
function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'readme-run-'));
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  dirs.push(dir);
  return dir;
}

/** Runs `conformance …args` in `cwd`; never throws on a non-zero exit. */
function conformance(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const report = (file: string): ConformanceReport => JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
const failing = (r: ConformanceReport): string[] => r.rules.filter((x) => x.verdict === 'fail').map((x) => x.id);

/** Checks what the text next to the command says: its exit status (0 when it states none) and that each rule it names fails. */
function judge(command: ReadmeCommand, result: CliResult, reportFile?: string): void {
  expect(result.code, `${command.file}:${command.line} ${command.text}\n${result.stdout}${result.stderr}`).toBe(command.exit ?? 0);
  if (command.rules.length > 0) expect(failing(report(reportFile!))).toEqual(expect.arrayContaining(command.rules));
}

describe('README.md', { timeout: 300_000 }, () => {
  it('`run --service dcs` judges every DCS rule of the embedded simulator and exits 0', async () => {
    const command = readmeCommand('README.md', 'npx conformance run --service dcs');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.invocation).toMatchObject({ services: ['dcs'] });
    expect(written.rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(10);
  });

  it('a failing run, then `replay` of its failing rule from the report it wrote (the README chains them)', async () => {
    const failingRun = readmeCommand('README.md', '--fault lock-never-expires');
    const replay = readmeCommand('README.md', 'npx conformance replay');
    const cwd = workDir();
    const first = await conformance(conformanceArgs(failingRun), cwd);
    judge(failingRun, first, join(cwd, 'conformance-report/conformance-report.json'));
    const again = await conformance(conformanceArgs(replay), cwd);
    judge(replay, again, join(cwd, 'conformance-report/replay/conformance-report.json'));
    expect(again.stdout + again.stderr).toContain(replay.rules[0]!);
    expect(existsSync(join(cwd, 'conformance-report/replay'))).toBe(true);
  });

  it('`--format json --report-dir - > report.json` puts the JSON report alone on stdout', async () => {
    const command = readmeCommand('README.md', '--report-dir - > report.json');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const json = JSON.parse(r.stdout) as ConformanceReport;
    expect(json.invocation).toMatchObject({ services: ['dcs'] });
    expect(json.rules.every((x) => x.id.startsWith('DCS-PWD-'))).toBe(true);
    expect(r.stderr).toMatch(/CONFORMANT/);
    expect(readdirSync(cwd)).toEqual(['examples']);
  });

  it('two shards with one seed, then `merge`: one complete report covering both', async () => {
    const shards = [readmeCommand('README.md', '--shard 1/2'), readmeCommand('README.md', '--shard 2/2')];
    const merge = readmeCommand('README.md', 'npx conformance merge');
    const cwd = workDir();
    for (const shard of shards) judge(shard, await conformance(conformanceArgs(shard), cwd));
    const r = await conformance(conformanceArgs(merge), cwd);
    judge(merge, r);
    const merged = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(merged.runStatus).toBe('complete');
    const parts = shards.map((s) => report(join(cwd, shellWords(s.text).at(-1)!, 'conformance-report.json')));
    expect(merged.rules.filter((x) => x.verdict !== 'not-run').length).toBeGreaterThan(Math.max(...parts.map((p) => p.rules.filter((x) => x.verdict !== 'not-run').length)));
  });

  it('the CI gates against a target with no state URL: `--max-skip 10%` and `--require-rules` exit 1', async () => {
    const server = await serve(['--no-state-endpoint']);
    try {
      for (const marker of ['--max-skip 10%', "--require-rules 'DCS-LOCK-*'"]) {
        const command = readmeCommand('README.md', marker);
        const cwd = workDir();
        const r = await conformance(conformanceArgs(command).map((a) => (a === '$URL' ? server.url : a)), cwd, SERVE_ENV);
        judge(command, r);
        expect(r.stdout + r.stderr).toMatch(marker.startsWith('--max-skip') ? /max-skip/i : /DCS-LOCK-/);
      }
    } finally {
      await server.stop();
    }
  });

  it('`serve --client-report out/`, then the curl: the client report is written to out/', async () => {
    const command = readmeCommand('README.md', '--client-report out/');
    const curl = readmeCommand('README.md', 'curl -sX POST');
    const cwd = workDir();
    const args = conformanceArgs(command);
    const port = args.indexOf('--port');
    const server = await serveIn(cwd, [...args.slice(0, port), ...args.slice(port + 2)]);
    try {
      const url = new URL(curl.argv.find((a) => a.startsWith('http'))!);
      const answer = await fetch(`${server.url}${url.pathname}`, { method: 'POST', body: curl.argv[curl.argv.indexOf('-d') + 1] });
      expect(answer.status).toBe(200);
      expect(readdirSync(join(cwd, 'out')).filter((f) => f.startsWith('conformance-report')).length).toBeGreaterThanOrEqual(4);
    } finally {
      await server.stop();
    }
  });

  it('`pact export` writes both pacts under conformance-report/pacts, as its comment says', async () => {
    const command = readmeCommand('README.md', 'npx conformance pact export');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd, { PACT_DO_NOT_TRACK: 'true' });
    judge(command, r);
    expect(readdirSync(join(cwd, 'conformance-report/pacts')).sort()).toEqual(['pwchange-conformance-baidu-bcc.json', 'pwchange-conformance-huawei-dcs.json']);
    expect(command.comment).toContain('conformance-report/pacts/pwchange-conformance-{baidu-bcc,huawei-dcs}.json');
  });
});

describe('README.md: the list-rules commands named in its prose', () => {
  const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it.each([
    ['npx conformance list-rules', /^BCC-PWD-LENGTH\s+MUST/m],
    ['npx conformance list-rules --faults', /^lock-after-4\s+DCS-LOCK-THRESHOLD[\s\S]*^accept-ampersand\s+BCC-PWD-SYMBOLS/m],
    ['npx conformance list-rules --ambiguities', /^DCS-A1\s/m],
  ])('`%s` exits 0 and lists what the text refers to', async (text, listed) => {
    expect(README).toContain(`\`${text}\``);
    const r = await conformance(shellWords(text).slice(2), workDir());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(listed);
    if (text.endsWith('--ambiguities')) expect(r.stdout).not.toMatch(/^DCS-PWD-LENGTH/m);
  });
});

describe('README.md and examples/README.md: adapters', { timeout: 300_000 }, () => {
  it('`run --client huawei-core --service dcs` (both READMEs, one run) judges the Huawei SDK and exits 0', async () => {
    const command = readmeCommand('README.md', 'judge an SDK');
    const same = readmeCommand('examples/README.md', 'or a builtin adapter');
    expect(same.text).toBe(command.text);
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    judge(same, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.rules.filter((x) => x.id.startsWith('DCS-CLIENT-') && x.verdict === 'pass').length).toBeGreaterThan(0);
    expect(failing(written)).toEqual([]);
  });

  it('the template adapter (examples/README "a module path") passes its client rules and exits 0', async () => {
    const command = readmeCommand('examples/README.md', 'a module path');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r);
    const written = report(join(cwd, 'conformance-report/conformance-report.json'));
    expect(written.rules.filter((x) => x.id.startsWith('DCS-CLIENT-') && x.verdict === 'pass').length).toBeGreaterThan(0);
    expect(failing(written)).toEqual([]);
  });
});

describe('README.md: the live-mode rehearsal', { timeout: 300_000 }, () => {
  it('the fixtures file and config it shows, its environment, `serve --live-like`, then `run --live --dry-run`: the plan, exit 0, nothing changed', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'fixtures.json'), readmeBlock('README.md', 'json', '`fixtures.json` is what the simulator holds'));
    writeFileSync(join(cwd, 'conformance.config.ts'), readmeBlock('README.md', 'ts', '`conformance.config.ts` names that instance'));
    const [exportWord, ...assignments] = shellWords(readmeCommand('README.md', 'export CLOUD_SDK_AK=').text);
    expect(exportWord).toBe('export');
    const env = Object.fromEntries(assignments.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const serveCommand = readmeCommand('README.md', '--live-like --instances fixtures.json');
    const server = await serveIn(cwd, conformanceArgs(serveCommand));
    try {
      const command = readmeCommand('README.md', '--live --dry-run');
      // The README's port 8080 is the served simulator's port here (a shared machine).
      const r = await conformance(conformanceArgs(command).map((a) => a.replace('http://127.0.0.1:8080', server.url)), cwd, env);
      judge(command, r);
      expect(r.stdout).toContain('LIVE RUN PLAN');
      expect(r.stdout).toContain('dcs:proj-live/dcs-live-1 (RUNNING');
      expect(r.stdout).toMatch(/dry run: nothing was changed/);
      // The secret and the fixture's password never reach the output.
      expect(r.stdout + r.stderr).not.toContain(env.CLOUD_SDK_SK);
      expect(r.stdout + r.stderr).not.toContain(env.LIVE_DCS_PASSWORD);
    } finally {
      await server.stop();
    }
  });
});

describe('README.md: faulty clients and the mutation report', { timeout: 300_000 }, () => {
  it('`run --client faulty:dcs-camel-case-fields` fails DCS-CLIENT-BODY and exits 1, as its comment says', async () => {
    const command = readmeCommand('README.md', 'faulty:dcs-camel-case-fields');
    expect(command.rules).toEqual(['DCS-CLIENT-BODY']);
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd);
    judge(command, r, join(cwd, 'conformance-report/conformance-report.json'));
  });

  /** Runs a README `node …` command from the checkout's root, where the committed report lives. */
  const nodeCommand = (marker: string): Promise<CliResult> => {
    const [, ...args] = shellWords(readmeCommand('README.md', marker).text);
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  };

  it('`node mutation/summary.mjs` prints the committed report\'s score and counts per file', async () => {
    const r = await nodeCommand('node mutation/summary.mjs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mutation score \d+\.\d %/);
    expect(r.stdout).toContain('src/simulator/dcs/lockout.ts');
  });

  it('`node mutation/instrument.mjs <file>` lists the file\'s mutants, each ignored one with its reason', async () => {
    const r = await nodeCommand('node mutation/instrument.mjs');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^I src\/simulator\/dcs\/lockout\.ts:\d+:\d+ #\d+ \w+ .*\(.+\)$/m);
  });
});

/** `conformance serve …args --port 0` in `cwd`, resolved once it listens. */
function serveIn(cwd: string, args: string[]): Promise<{ url: string; stop: () => Promise<void> }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args, '--port', '0'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) done({ url: m[1]!, stop: () => new Promise((closed) => (child.once('close', () => closed()), child.kill('SIGTERM'))) });
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
}
