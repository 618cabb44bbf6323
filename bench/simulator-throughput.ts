/**
 * Benchmark: HTTP throughput of the reference simulator doing full bce-auth-v1 verification,
 * against a bare node:http server that only parses the JSON body.
 *
 * Goal: over loopback with keep-alive, simulatorRps / bareRps ≥ 0.60.
 *
 * Each server runs in its own child process; autocannon drives both from this process, so the
 * load generator never shares an event loop with the server under test. Runs alternate
 * bare → simulator → bare → simulator … and the median per server is reported.
 *
 * Both servers run as plain JavaScript compiled from this tree (`lib/build-js.ts`, the emit
 * `npm run build` makes for the installed package); `--tsx` runs their TypeScript through tsx
 * instead, as the benchmark did before 2026-11-29.
 *
 * Run: `npm run bench` (every benchmark) or `npx tsx bench/simulator-throughput.ts [--quick] [--duration N] [--tsx]`.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon, { type AutocannonResult } from 'autocannon';
import { buildBccChangePassword } from '../src/requests/bcc-requests.ts';
import { DEFAULT_CREDENTIALS } from '../src/auth/default-credentials.ts';
import { parseBenchArgs } from './lib/cli-args.ts';
import { startChildServer, type ChildServer } from './lib/child-server.ts';
import { buildJs, type JsBuild } from './lib/build-js.ts';

/** simulatorRps / bareRps must reach this. */
export const THROUGHPUT_GOAL = 0.6;
/** More non-2xx (or failed) responses than this fraction makes a run meaningless. */
const MAX_FAILURE_FRACTION = 0.01;
/**
 * A measured run whose server got less than this share of a core (in %) was limited by other
 * processes or the load generator, not by its own code: its req/s says more about the load.
 */
const SATURATED_CPU_PERCENT = 90;
/** bce-auth-v1 signatures from the kit's signer are valid for 1800 s; one run must fit well inside. */
const MAX_RUN_SECONDS = 1_500;

const INSTANCE_ID = 'i-bench';
const NEW_PASSWORD = 'Abc12345!';
const BARE_SERVER = 'bench/servers/bare-server.ts';
const SIMULATOR_SERVER = 'bench/servers/simulator-server.ts';
const projectFile = (path: string): string => fileURLToPath(new URL(`../${path}`, import.meta.url));

/** How the servers' code runs: compiled to plain JavaScript (what users run), or TypeScript through tsx. */
export type ServerCodeMode = 'js' | 'tsx';

export interface SimulatorThroughputOptions {
  /** Seconds per measured run (default 10 via the CLI). */
  durationSeconds: number;
  /** Concurrent keep-alive connections (default 16 via the CLI). */
  connections: number;
  /** Alternating bare/simulator rounds; the median per server is reported (default 3). */
  rounds?: number;
  /** Warm-up seconds per server before the first measured run (default 2). */
  warmupSeconds?: number;
  /** `js` (default): both servers compiled from this tree, as the installed package runs; `tsx`: through tsx. */
  mode?: ServerCodeMode;
  /** Progress lines (default: stderr). */
  log?: (line: string) => void;
}

/** One measured (or warm-up) autocannon run. */
export interface ThroughputRun {
  server: 'bare' | 'simulator';
  /** 0 for warm-up, 1… for measured rounds. */
  round: number;
  /** Completed 2xx responses per second over the run's actual duration. */
  rps: number;
  durationSeconds: number;
  completed: number;
  ok2xx: number;
  non2xx: number;
  /** Transport errors + timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** CPU used by the server child during the run, in % of one core (Linux only, else NaN). */
  serverCpuPercent: number;
  /**
   * Server CPU time per completed response, in µs (Linux only, else NaN). Steadier than req/s on a
   * shared machine: it does not depend on how much CPU the server got, only on what each request cost.
   */
  serverCpuMicrosPerRequest: number;
  /** CPU used by this process (autocannon) during the run, in % of one core. */
  loadGenCpuPercent: number;
}

export interface SimulatorThroughputResult {
  bareRps: number;
  simulatorRps: number;
  ratio: number;
  /** Median over the measured rounds of each run's p99 latency, in ms. */
  bareP99Ms: number;
  simulatorP99Ms: number;
  /**
   * Median bare CPU µs/req ÷ median simulator CPU µs/req: the ratio with a full core each, the
   * steadier figure on a shared machine (NaN where /proc is missing).
   */
  cpuRatio: number;
  goal: number;
  /**
   * Every measured run had its server at ≥ 90 % of a core (Linux; false where /proc is missing). When not, the
   * req/s ratio mostly measures how the busy machine shared its cores: read `cpuRatio` instead.
   */
  conclusive: boolean;
  /** ratio ≥ goal in a conclusive run; an inconclusive run never meets the goal. */
  meetsGoal: boolean;
  /** Measured runs in the order they ran (warm-ups excluded). */
  runs: ThroughputRun[];
  options: Required<Omit<SimulatorThroughputOptions, 'log'>>;
  /** The request replayed against both servers (minus the authorization header's secret-derived part). */
  request: { method: string; path: string; bodyBytes: number; signedHeaders: string };
}

/** A request in the form autocannon sends it. */
export interface RawRequest {
  method: string;
  /** Path including the query, e.g. `/v2/instance/i-bench?changePass`. */
  path: string;
  /** Lower-case names: host, content-length, content-type, x-bce-date, authorization. */
  headers: Record<string, string>;
  body: string;
}

/** Builds the signed BCC changePass request with the kit's own builder and flattens it for autocannon. */
export async function signedChangePassRequest(baseUrl: string): Promise<RawRequest> {
  const request = await buildBccChangePassword({
    baseUrl,
    instanceId: INSTANCE_ID,
    password: NEW_PASSWORD,
    credentials: DEFAULT_CREDENTIALS.bcc,
  });
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  const body = await request.text();
  for (const name of ['host', 'content-length', 'content-type', 'x-bce-date', 'authorization']) {
    if (!headers[name]) throw new Error(`the signed request lacks the ${name} header; got ${Object.keys(headers).join(', ')}`);
  }
  if (headers.host !== url.host) throw new Error(`host header ${headers.host} does not match the URL's ${url.host}`);
  if (Number(headers['content-length']) !== Buffer.byteLength(body)) {
    throw new Error(`signed content-length ${headers['content-length']} ≠ body length ${Buffer.byteLength(body)}`);
  }
  return { method: request.method, path: `${url.pathname}${url.search}`, headers, body };
}

/**
 * autocannon writes its own `Content-Length` from the body (a second one would be a duplicate
 * header that node:http rejects), so the signed value is dropped here; it is byte-identical.
 */
function forAutocannon(raw: RawRequest): { method: string; path: string; headers: Record<string, string>; body: string } {
  const { 'content-length': _signedLength, ...headers } = raw.headers;
  return { method: raw.method, path: raw.path, headers, body: raw.body };
}

/** Sends one request exactly as given (headers verbatim) and returns status and body. */
function sendOnce(baseUrl: string, raw: RawRequest): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), method: raw.method, path: raw.path, headers: raw.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(raw.body);
  });
}

/** Fails loudly unless the simulator accepts the request and rejects a forged copy of it. */
async function preflight(simulator: ChildServer, bare: ChildServer, raw: RawRequest): Promise<void> {
  const accepted = await sendOnce(simulator.url, raw);
  if (accepted.status !== 200) {
    throw new Error(`preflight: the simulator answered ${accepted.status} (expected 200) to the signed changePass request: ${accepted.body}`);
  }
  // Proof that the signature is really checked on this path (no skip flag, no cache).
  const auth = raw.headers.authorization!;
  const lastHex = auth.at(-1) === '0' ? '1' : '0';
  const forged = { ...raw, headers: { ...raw.headers, authorization: `${auth.slice(0, -1)}${lastHex}` } };
  const rejected = await sendOnce(simulator.url, forged);
  if (rejected.status < 400) {
    throw new Error(`preflight: the simulator answered ${rejected.status} to a request with a forged signature; it is not verifying signatures`);
  }
  const baseline = await sendOnce(bare.url, raw);
  if (baseline.status !== 200) throw new Error(`preflight: the bare server answered ${baseline.status}: ${baseline.body}`);
}

/** utime + stime of a process in seconds, from /proc (Linux); NaN elsewhere. */
function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function measure(server: ChildServer, raw: RawRequest, round: number, durationSeconds: number, connections: number): Promise<ThroughputRun> {
  const serverCpu0 = processCpuSeconds(server.pid);
  const selfCpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const result: AutocannonResult = await autocannon({
    url: server.url,
    connections,
    pipelining: 1,
    duration: durationSeconds,
    requests: [forAutocannon(raw)],
  });
  const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9;
  const selfCpu = process.cpuUsage(selfCpu0);
  const serverCpu = processCpuSeconds(server.pid) - serverCpu0;

  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = count;
  return {
    server: server.name as ThroughputRun['server'],
    round,
    rps: result['2xx'] / result.duration,
    durationSeconds: result.duration,
    completed: result.requests.total,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    serverCpuPercent: (100 * serverCpu) / wallSeconds,
    serverCpuMicrosPerRequest: (1e6 * serverCpu) / result.requests.total,
    loadGenCpuPercent: (100 * (selfCpu.user + selfCpu.system)) / 1e6 / wallSeconds,
  };
}

function checkFailures(run: ThroughputRun): void {
  const attempted = run.completed + run.errors;
  const failed = run.non2xx + run.errors;
  if (attempted === 0) throw new Error(`${run.server} round ${run.round}: no request completed`);
  if (failed / attempted > MAX_FAILURE_FRACTION) {
    throw new Error(
      `${run.server} round ${run.round}: ${failed} of ${attempted} requests failed (non-2xx ${run.non2xx}, transport errors/timeouts ${run.errors}; ` +
        `status codes ${JSON.stringify(run.statusCodes)}). More than ${MAX_FAILURE_FRACTION * 100}% failures make the throughput figures meaningless; aborting.`,
    );
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const fmtInt = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fmtPct = (n: number): string => (Number.isFinite(n) ? `${Math.round(n)}%` : '-');

function describeRun(run: ThroughputRun): string {
  const label = run.round === 0 ? 'warm-up' : `round ${run.round}`;
  return `${run.server.padEnd(9)} ${label.padEnd(8)} ${fmtInt(run.rps).padStart(7)} req/s  non-2xx ${run.non2xx}  errors ${run.errors}  p50 ${run.latencyP50Ms} ms  p99 ${run.latencyP99Ms} ms  server CPU ${fmtPct(run.serverCpuPercent)} (${fmtInt(run.serverCpuMicrosPerRequest)} µs/req)  autocannon CPU ${fmtPct(run.loadGenCpuPercent)}`;
}

/** Runs the benchmark; always stops both server processes, also on error. */
export async function benchSimulatorThroughput(opts: SimulatorThroughputOptions): Promise<SimulatorThroughputResult> {
  const options = { durationSeconds: opts.durationSeconds, connections: opts.connections, rounds: opts.rounds ?? 3, warmupSeconds: opts.warmupSeconds ?? 2, mode: opts.mode ?? 'js' };
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (options.durationSeconds > MAX_RUN_SECONDS) throw new Error(`--duration ${options.durationSeconds} is too long: one run must fit in the signature's validity (limit ${MAX_RUN_SECONDS} s)`);
  if (!(options.rounds >= 1) || !(options.connections >= 1)) throw new Error('rounds and connections must be at least 1');

  const children: ChildServer[] = [];
  const stopAll = (): Promise<void[]> => Promise.all(children.map((c) => c.stop()));
  // Ctrl-C during a run must not leave server processes behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    void stopAll().finally(() => {
      build?.remove();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  };
  let build: JsBuild | undefined;
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (options.mode === 'js') build = buildJs();
    const serverFile = (path: string): string => (build ? build.fileFor(path) : projectFile(path));
    const [bare, simulator] = await Promise.all([
      startChildServer('bare', serverFile(BARE_SERVER)).then((c) => (children.push(c), c)),
      startChildServer('simulator', serverFile(SIMULATOR_SERVER)).then((c) => (children.push(c), c)),
    ]);
    log(`servers (${describeMode(options.mode, build)}): bare ${bare.url} (pid ${bare.pid}), simulator ${simulator.url} (pid ${simulator.pid})`);

    // Signed per run, so arbitrarily many rounds never outlive the 1800 s signature window.
    // (AES-ECB is deterministic, so the body is the same bytes every time.)
    const sign = (): Promise<RawRequest> => signedChangePassRequest(simulator.url);
    const first = await sign();
    await preflight(simulator, bare, first);
    log(`preflight ok: ${first.method} ${first.path} (${Buffer.byteLength(first.body)} B body) → simulator 200, forged signature rejected`);

    const runOne = async (server: ChildServer, round: number, seconds: number): Promise<ThroughputRun> => {
      const raw = await sign();
      const run = await measure(server, raw, round, seconds, options.connections);
      log(describeRun(run));
      checkFailures(run);
      return run;
    };

    if (options.warmupSeconds > 0) {
      await runOne(bare, 0, options.warmupSeconds);
      await runOne(simulator, 0, options.warmupSeconds);
    }
    const runs: ThroughputRun[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      runs.push(await runOne(bare, round, options.durationSeconds));
      runs.push(await runOne(simulator, round, options.durationSeconds));
    }

    const bareRps = median(runs.filter((r) => r.server === 'bare').map((r) => r.rps));
    const simulatorRps = median(runs.filter((r) => r.server === 'simulator').map((r) => r.rps));
    const ratio = simulatorRps / bareRps;
    const bareP99Ms = median(runs.filter((r) => r.server === 'bare').map((r) => r.latencyP99Ms));
    const simulatorP99Ms = median(runs.filter((r) => r.server === 'simulator').map((r) => r.latencyP99Ms));
    const cpuRatio = median(runs.filter((r) => r.server === 'bare').map((r) => r.serverCpuMicrosPerRequest)) / median(runs.filter((r) => r.server === 'simulator').map((r) => r.serverCpuMicrosPerRequest));
    const conclusive = runs.every((r) => r.serverCpuPercent >= SATURATED_CPU_PERCENT);
    const auth = first.headers.authorization!.split('/');
    return {
      bareRps,
      simulatorRps,
      ratio,
      bareP99Ms,
      simulatorP99Ms,
      cpuRatio,
      goal: THROUGHPUT_GOAL,
      conclusive,
      meetsGoal: conclusive && ratio >= THROUGHPUT_GOAL,
      runs,
      options,
      request: { method: first.method, path: first.path, bodyBytes: Buffer.byteLength(first.body), signedHeaders: auth[4] ?? '' },
    };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await stopAll();
    build?.remove();
  }
}

function describeMode(mode: ServerCodeMode, build?: JsBuild): string {
  return mode === 'js' ? `plain JavaScript compiled from this tree${build ? ` into ${build.root}` : ''}` : 'TypeScript through tsx (node --import tsx)';
}

function verdict(result: SimulatorThroughputResult): string {
  if (result.conclusive) return result.meetsGoal ? 'MET' : 'NOT MET';
  const cpus = result.runs.map((r) => r.serverCpuPercent).filter(Number.isFinite);
  const range = cpus.length > 0 ? `${fmtPct(Math.min(...cpus))}–${fmtPct(Math.max(...cpus))}` : 'an unknown share';
  return `NOT CONCLUSIVE: the servers got ${range} of a core (< ${SATURATED_CPU_PERCENT}% in some run; a busy machine), so this ratio reflects the load; read the CPU ratio`;
}

/** The small table plus the ratio line. */
export function formatSimulatorThroughput(result: SimulatorThroughputResult): string {
  const { options } = result;
  const header = ['server', 'round', 'req/s', 'non-2xx', 'errors', 'p50 ms', 'p99 ms', 'server CPU', 'CPU µs/req', 'autocannon CPU'];
  const rows = result.runs.map((r) => [r.server, String(r.round), fmtInt(r.rps), String(r.non2xx), String(r.errors), String(r.latencyP50Ms), String(r.latencyP99Ms), fmtPct(r.serverCpuPercent), fmtInt(r.serverCpuMicrosPerRequest), fmtPct(r.loadGenCpuPercent)]);
  const of = (server: ThroughputRun['server'], pick: (r: ThroughputRun) => number): number => median(result.runs.filter((r) => r.server === server && r.round > 0).map(pick));
  const cpuMedian = (server: ThroughputRun['server']): string => fmtInt(of(server, (r) => r.serverCpuMicrosPerRequest));
  const msMedian = (server: ThroughputRun['server'], pick: (r: ThroughputRun) => number): string => String(of(server, pick));
  rows.push(['bare', 'median', fmtInt(result.bareRps), '', '', msMedian('bare', (r) => r.latencyP50Ms), msMedian('bare', (r) => r.latencyP99Ms), '', cpuMedian('bare'), '']);
  rows.push(['simulator', 'median', fmtInt(result.simulatorRps), '', '', msMedian('simulator', (r) => r.latencyP50Ms), msMedian('simulator', (r) => r.latencyP99Ms), '', cpuMedian('simulator'), '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [
    `simulator-throughput: ${result.request.method} ${result.request.path} (bce-auth-v1, signed headers ${result.request.signedHeaders}, ${result.request.bodyBytes} B JSON body)`,
    `  ${options.connections} keep-alive connections, pipelining 1, ${options.durationSeconds} s per run, ${options.rounds} round(s) after ${options.warmupSeconds} s warm-up each, loopback`,
    `  servers run as ${describeMode(options.mode)}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `ratio simulator/bare = ${result.ratio.toFixed(2)} (goal ≥ ${THROUGHPUT_GOAL.toFixed(2)}) ${verdict(result)}; median of ${options.rounds} interleaved round(s)`,
    `latency p99 (median over rounds): bare ${result.bareP99Ms} ms, simulator ${result.simulatorP99Ms} ms`,
    `CPU ratio (bare µs/req ÷ simulator µs/req, medians) = ${Number.isFinite(result.cpuRatio) ? result.cpuRatio.toFixed(2) : '-'}`,
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const argv = process.argv.slice(2);
  const cli = parseBenchArgs(argv.filter((a) => a !== '--tsx'));
  const result = await benchSimulatorThroughput({ ...cli, mode: argv.includes('--tsx') ? 'tsx' : 'js' });
  console.log(formatSimulatorThroughput(result));
}
