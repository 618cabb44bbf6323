/**
 * Cases per second of `conformance run` (issue 17): the CLI as a user runs it, at `--runs 1`
 * and `--runs 10`, against the embedded simulator (in-process) and over HTTP against
 * `conformance serve`; the run's peak RSS; and, in the same session, the ceiling: requests/s
 * of the simulator's own Fetch handler called in a loop in this process (no kit around it).
 * kit cases/s ÷ handler requests/s is the share of the target's speed the kit reaches.
 *
 * Run: `npx tsx bench/cases-per-second.ts [--rounds N] [--runs 1,10] [--only in-process|http] [--seed N] [--roots DIR,DIR]`.
 * `--roots` times several checkouts of the kit interleaved (e.g. an export of the commit before a
 * change, then this one), so before and after share the same machine load. `--package` adds
 * this checkout packed and installed as users install it (`npm pack`: compiled `dist/`, the
 * build's records of the validated specs, no tsx), unpacked into a temporary project's
 * `node_modules/pwchange-conformance/` whose dependencies are this checkout's (one symlink per
 * entry). Where the package sits matters: inside a `node_modules` folder vitest loads the kit's
 * compiled modules natively. `--unpacked-package` adds the tarball unpacked outside any
 * `node_modules` (what `npm link` gives, and what rounds 4–5 of bench/README.md called "package").
 * Goals: `--runs 10` in-process ≥ 5,000 cases/s with peak RSS ≤ 400 MB; over HTTP ≥ 2,500 cases/s.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBccChangePassword } from '../src/requests/bcc-requests.ts';
import { DEFAULT_CREDENTIALS } from '../src/auth/default-credentials.ts';
import { createSimulator } from '../src/simulator/simulator.ts';
import type { ConformanceReport } from '../src/report/report-model.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const PEAK_RSS = join(ROOT, 'bench/lib/peak-rss.mjs');

/** Goals of issue 17. */
export const GOALS = { inProcessCasesPerSecond: 5_000, httpCasesPerSecond: 2_500, peakRssMb: 400 } as const;

/** One timed CLI run. */
export interface CaseRun {
  mode: 'in-process' | 'http';
  runs: number;
  cases: number;
  wallMs: number;
  casesPerSecond: number;
  /** Peak RSS of the `conformance run` process (all its worker threads), MB. */
  peakRssMb: number;
  /** CPU time of the `conformance run` process (all threads), ms: steadier than wall time on a shared machine. */
  cpuMs: number;
  /** Over HTTP: peak RSS of the `conformance serve` process, MB. */
  serverPeakRssMb?: number;
  /** Over HTTP: CPU time of the `conformance serve` process, ms. */
  serverCpuMs?: number;
  exitCode: number | null;
  load: number;
}

function child(root: string, args: string[], peakFile: string, env: Record<string, string> = {}): { done: Promise<{ code: number | null; ms: number; pid: number }>; pid: number; stdout: () => string; kill: () => void } {
  const start = performance.now();
  const proc = spawn(process.execPath, ['--import', PEAK_RSS, join(root, 'bin/conformance.js'), ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1', PEAK_RSS_FILE: peakFile, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; ms: number; pid: number }>((ok, fail) => {
    proc.on('error', fail);
    proc.on('close', (code) => (code === null && !proc.killed ? fail(new Error(`conformance ${args[0]} died: ${err}`)) : ok({ code, ms: performance.now() - start, pid: proc.pid! })));
  });
  return { done, pid: proc.pid!, stdout: () => out + err, kill: () => proc.kill('SIGINT') };
}

function usage(peakFile: string, pid: number): { peakRssMb: number; cpuMs: number } {
  const u = JSON.parse(readFileSync(`${peakFile}.${pid}`, 'utf8')) as { maxRssKb: number; cpuMs: number };
  return { peakRssMb: Math.round(u.maxRssKb / 1024), cpuMs: u.cpuMs };
}

/** Times one `conformance run` and reads its report. */
export async function timeRun(mode: CaseRun['mode'], runs: number, seed: number, root = ROOT): Promise<CaseRun & { root: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'conformance-cps-'));
  const peakFile = join(dir, 'peak');
  let server: ReturnType<typeof child> | undefined;
  try {
    const target: string[] = [];
    if (mode === 'http') {
      server = child(root, ['serve', '--port', '0'], peakFile);
      const url = await new Promise<string>((ok, fail) => {
        const timer = setInterval(() => {
          const m = /listening on (http:\/\/\S+)/.exec(server!.stdout());
          if (m) {
            clearInterval(timer);
            ok(m[1]!);
          }
        }, 50);
        server!.done.then(() => fail(new Error(`serve exited: ${server!.stdout()}`)), fail);
      });
      target.push('--target', url, '--state-url', `${url}/__conformance/state`);
    }
    const load = loadavg()[0]!;
    // A URL target signs with credentials from the environment: the simulator's test-only ones.
    const credentials: Record<string, string> = mode === 'http' ? { BCE_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.bcc.accessKeyId, BCE_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.bcc.secretAccessKey, CLOUD_SDK_AK: DEFAULT_CREDENTIALS.dcs.accessKeyId, CLOUD_SDK_SK: DEFAULT_CREDENTIALS.dcs.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'conformance-project' } : {};
    const run = child(root, ['run', '--seed', String(seed), '--runs', String(runs), '--format', 'json', '--report-dir', dir, ...target], peakFile, credentials);
    const { code, ms, pid } = await run.done;
    if (code !== 0) throw new Error(`conformance run (${mode}, --runs ${runs}) exited ${code}: the run must be conformant\n${run.stdout().slice(-2000)}`);
    const report = JSON.parse(readFileSync(join(dir, 'conformance-report.json'), 'utf8')) as ConformanceReport;
    const cases = report.rules.reduce((n, r) => n + r.cases, 0);
    let served: { peakRssMb: number; cpuMs: number } | undefined;
    if (server) {
      server.kill();
      served = usage(peakFile, (await server.done).pid);
    }
    const own = usage(peakFile, pid);
    return { root, mode, runs, cases, wallMs: ms, casesPerSecond: cases / (ms / 1000), peakRssMb: own.peakRssMb, cpuMs: own.cpuMs, serverPeakRssMb: served?.peakRssMb, serverCpuMs: served?.cpuMs, exitCode: code, load };
  } finally {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Requests/s of `simulator.handle(Request)` in a loop for `seconds`: a signed BCC changePass with full verification. */
export async function handlerCeiling(seconds: number): Promise<{ requestsPerSecond: number; requests: number }> {
  const sim = createSimulator({ record: false });
  sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
  const signed = await buildBccChangePassword({ baseUrl: 'http://127.0.0.1:8080', instanceId: 'i-bench', password: 'Abc12345!', credentials: DEFAULT_CREDENTIALS.bcc });
  const body = await signed.text();
  const headers = [...signed.headers];
  let requests = 0;
  const check = async (): Promise<void> => {
    const response = await sim.handle(new Request(signed.url, { method: 'PUT', headers, body }));
    await response.text();
    if (response.status !== 200) throw new Error(`the handler answered ${response.status}, not 200: the ceiling would not be measured on the full path`);
    requests++;
  };
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) await check();
  requests = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  while (performance.now() < end) await check();
  return { requestsPerSecond: requests / ((performance.now() - start) / 1000), requests };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Runs `npm pack` of this checkout (its `prepack` builds `dist/`) into `dir`; returns the tarball's path. */
function packInto(dir: string): string {
  execFileSync('npm', ['pack', '--loglevel=warn', '--pack-destination', dir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no .tgz into ${dir}`);
  return join(dir, tarball);
}

/**
 * Packs this checkout and unpacks it in a temporary folder, outside any `node_modules`, beside a
 * link to this checkout's node_modules (what `npm link` gives); returns the package's root.
 */
export function packedPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cps-package-'));
  execFileSync('tar', ['xzf', packInto(dir)], { cwd: dir });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'package/node_modules'));
  return join(dir, 'package');
}

/**
 * Packs this checkout and installs it as `npm install <tarball>` lays it out in a user's project:
 * `<project>/node_modules/pwchange-conformance/`, its dependencies beside it in the project's
 * `node_modules` (here one symlink per entry of this checkout's node_modules, so no registry is
 * needed and the versions are the lockfile's); returns the package's root.
 */
export function installedPackage(): string {
  const project = mkdtempSync(join(tmpdir(), 'cps-installed-'));
  const tarball = packInto(project);
  const modules = join(project, 'node_modules');
  mkdirSync(modules);
  const name = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name;
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== name && entry !== '.cache' && entry !== '.vite' && entry !== '.vite-conformance') symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  execFileSync('tar', ['xzf', tarball], { cwd: project });
  renameSync(join(project, 'package'), join(modules, name));
  return join(modules, name);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rounds = Number(arg('rounds', '1'));
  const runsList = arg('runs', '1,10').split(',').map(Number);
  const only = arg('only', '');
  const seed = Number(arg('seed', '1000'));
  const modes = (['in-process', 'http'] as const).filter((m) => !only || m === only);
  const roots = arg('roots', ROOT).split(',').map((r) => resolve(r));
  const packed = process.argv.includes('--package') ? installedPackage() : undefined;
  if (packed) roots.push(packed);
  const unpacked = process.argv.includes('--unpacked-package') ? packedPackage() : undefined;
  if (unpacked) roots.push(unpacked);
  const results: Array<CaseRun & { root: string }> = [];
  const ceilings: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    ceilings.push((await handlerCeiling(3)).requestsPerSecond);
    for (const runs of runsList) {
      for (const mode of modes) for (const root of roots) {
        const r = await timeRun(mode, runs, seed, root);
        results.push(r);
        console.error(`round ${round}: ${root} ${mode} --runs ${runs}: ${r.cases} cases in ${(r.wallMs / 1000).toFixed(1)} s = ${Math.round(r.casesPerSecond)} cases/s, CPU ${(r.cpuMs / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb} MB${r.serverPeakRssMb ? ` (serve ${r.serverPeakRssMb} MB, CPU ${(r.serverCpuMs! / 1000).toFixed(1)} s)` : ''}, load ${r.load.toFixed(1)}`);
      }
    }
  }
  const ceiling = median(ceilings);
  console.log(`handler ceiling (simulator.handle in a loop, BCC changePass, full verification): ${Math.round(ceiling)} requests/s (median of ${ceilings.length})`);
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log('| kit | mode | --runs | cases | wall s (median) | cases/s | of ceiling | CPU s (median) | cases per CPU s | peak RSS MB (max) | goal |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const runs of runsList) {
    for (const mode of modes) for (const root of roots) {
      const rs = results.filter((r) => r.mode === mode && r.runs === runs && r.root === root);
      const wall = median(rs.map((r) => r.wallMs));
      const cps = rs[0]!.cases / (wall / 1000);
      const rss = Math.max(...rs.map((r) => r.peakRssMb));
      const cpu = median(rs.map((r) => r.cpuMs));
      const goal = runs === 10 ? (mode === 'in-process' ? `≥ ${GOALS.inProcessCasesPerSecond} cases/s, ≤ ${GOALS.peakRssMb} MB` : `≥ ${GOALS.httpCasesPerSecond} cases/s`) : '';
      console.log(`| ${root === ROOT ? 'this checkout' : root === packed ? 'this checkout, installed (node_modules/pwchange-conformance)' : root === unpacked ? 'this checkout, packed, unpacked outside node_modules' : root} | ${mode} | ${runs} | ${rs[0]!.cases} | ${(wall / 1000).toFixed(1)} | ${Math.round(cps)} | ${(cps / ceiling).toFixed(2)} | ${(cpu / 1000).toFixed(1)} | ${Math.round(rs[0]!.cases / (cpu / 1000))} | ${rss}${rs[0]!.serverPeakRssMb ? ` (serve ${Math.max(...rs.map((r) => r.serverPeakRssMb!))})` : ''} | ${goal} |`);
    }
  }
}
