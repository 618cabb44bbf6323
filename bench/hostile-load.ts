/**
 * Load and hostile input against `conformance serve`'s simulator (issue 12). Three parts,
 * each against a fresh server child process:
 *
 * 1. load: parallel keep-alive clients for a fixed time, valid signed BCC changes and DCS
 *    reads; p50/p99 latency, errors, RSS before and after.
 * 2. auth-stall: an unauthenticated DCS request whose Authorization holds 16,000 spaces in
 *    `Access=`: time to reject one, and how much 10 in parallel delay a valid request.
 * 3. junk-memory: RSS after 3,000 small valid requests vs after 3,000 unsigned 60 KB ones.
 *
 * Benchmarks measure; they do not pass or fail (see README). Run:
 *   npx tsx bench/hostile-load.ts [--duration N] [--connections N] [--only load|auth-stall|junk-memory]
 */
import { request as httpRequest, Agent } from 'node:http';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { startChildServer, type ChildServer } from './lib/child-server.ts';
import { buildBccChangePassword } from '../src/requests/bcc-requests.ts';
import { buildDcsShow } from '../src/requests/dcs-requests.ts';
import { DEFAULT_CREDENTIALS } from '../src/auth/default-credentials.ts';
import { rawExchange, requestBytes } from '../test/hostile/raw-http.ts';

const SERVER = 'bench/servers/serve-server.ts';

/** Resident set size of a process in MB (Linux /proc). */
function rssMB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 2) => Number(x.toFixed(d));

interface Flat { method: string; path: string; headers: Record<string, string>; body: string }

async function flatten(request: Request): Promise<Flat> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
  const body = request.method === 'GET' ? '' : await request.text();
  delete headers['content-length']; // autocannon and node write their own, byte-identical
  return { method: request.method, path: `${url.pathname}${url.search}`, headers, body };
}

const validBcc = async (base: string, password = 'Abc12345!') => flatten(await buildBccChangePassword({ baseUrl: base, instanceId: 'i-bench', password, credentials: DEFAULT_CREDENTIALS.bcc }));
const validDcsRead = async (base: string) => flatten(await buildDcsShow({ baseUrl: base, projectId: 'proj-bench', instanceId: 'dcs-bench', credentials: { ...DEFAULT_CREDENTIALS.dcs, projectId: 'proj-bench' } }));

/** One request over a keep-alive agent; resolves with status and milliseconds. */
function send(base: string, flat: Flat, agent: Agent): Promise<{ status: number; ms: number }> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port: Number(port), method: flat.method, path: flat.path, headers: { ...flat.headers, 'content-length': Buffer.byteLength(flat.body) }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(flat.body);
  });
}

async function withServer<T>(run: (server: ChildServer) => Promise<T>): Promise<T> {
  const server = await startChildServer('serve', SERVER);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

/** Part 1: parallel clients for a fixed time. */
async function load(durationSeconds: number, connections: number) {
  return withServer(async (server) => {
    const requests = [await validBcc(server.url), await validDcsRead(server.url)];
    await sleep(500);
    const rssBefore = rssMB(server.pid);
    const result = await autocannon({ url: server.url, connections, pipelining: 1, duration: durationSeconds, requests });
    await sleep(500);
    const rssAfter = rssMB(server.pid);
    return {
      durationSeconds, connections, requests: result.requests.total, rps: round(result.requests.average, 0),
      p50Ms: result.latency.p50, p99Ms: result.latency.p99, maxMs: result.latency.max,
      errors: result.errors + result.timeouts + result.non2xx, non2xx: result.non2xx, transportErrors: result.errors, timeouts: result.timeouts,
      rssBeforeMB: round(rssBefore, 1), rssAfterMB: round(rssAfter, 1),
    };
  });
}

/** Part 2: the 16,000-space Authorization. */
async function authStall() {
  return withServer(async (server) => {
    const port = Number(new URL(server.url).port);
    const hostile = requestBytes(['PUT /v2/proj-bench/instances/dcs-bench/password HTTP/1.1', `Host: 127.0.0.1:${port}`, `Authorization: SDK-HMAC-SHA256 Access=x${' '.repeat(16_000)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`, 'Content-Type: application/json', 'Content-Length: 2', 'Connection: close'], '{}');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const valid = await validBcc(server.url);
    for (let i = 0; i < 20; i++) await send(server.url, valid, agent); // warm-up
    const single: number[] = [];
    let status = 0;
    for (let i = 0; i < 30; i++) {
      const a = await rawExchange(port, hostile);
      status = a.status;
      single.push(a.ms);
    }
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) baseline.push((await send(server.url, valid, agent)).ms);
    const underAttack: number[] = [];
    for (let i = 0; i < 15; i++) {
      const attack = Array.from({ length: 10 }, () => rawExchange(port, hostile));
      underAttack.push((await send(server.url, valid, agent)).ms);
      await Promise.all(attack);
    }
    agent.destroy();
    return {
      hostileStatus: status,
      rejectOneMedianMs: round(median(single)), rejectOneMaxMs: round(Math.max(...single)),
      validBaselineMedianMs: round(median(baseline)), validUnder10MedianMs: round(median(underAttack)), validUnder10MaxMs: round(Math.max(...underAttack)),
      delayMedianMs: round(median(underAttack) - median(baseline)), delayMaxMs: round(Math.max(...underAttack) - median(baseline)),
    };
  });
}

/**
 * The server's own cost of rejecting the 16,000-space header, in process: CPU time per answer
 * (less sensitive to a loaded machine than the socket round trip above).
 */
async function authRejectCpu(iterations = 300) {
  const { createSimulator } = await import('../src/simulator/simulator.ts');
  const sim = createSimulator({ record: false });
  const out: Record<string, unknown> = {};
  // 16,000 spaces is refused by the length bound; 3,900 stays under it and is parsed in full.
  for (const spaces of [3_900, 16_000]) {
    const headers = new Headers({ host: 'x', authorization: `SDK-HMAC-SHA256 Access=x${' '.repeat(spaces)}y, SignedHeaders=host, Signature=${'a'.repeat(64)}`, 'content-type': 'application/json' });
    const request = { method: 'PUT', rawPath: '/v2/proj-bench/instances/dcs-bench/password', rawQuery: '', headers, body: new TextEncoder().encode('{}') };
    let status = 0;
    for (let i = 0; i < 50; i++) status = (sim.answerWire(request) as { status: number }).status;
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    for (let i = 0; i < iterations; i++) sim.answerWire(request);
    const cpu = process.cpuUsage(cpu0);
    out[`${spaces} spaces`] = { status, iterations, cpuMsPerAnswer: round((cpu.user + cpu.system) / 1000 / iterations, 3), wallMsPerAnswer: round((performance.now() - wall0) / iterations, 3) };
  }
  return out;
}

/** Sends `count` requests made by `make`, `parallel` at a time. */
async function sendMany(base: string, count: number, parallel: number, make: (i: number) => Promise<Flat> | Flat): Promise<Map<number, number>> {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const i = next++;
      const { status } = await send(base, await make(i), agent);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  }));
  agent.destroy();
  return statuses;
}

/** Part 3: RSS after 3,000 small valid requests vs after 3,000 unsigned 60 KB ones, each on a fresh server. */
async function junkMemory(count = 3_000) {
  const junkBody = JSON.stringify({ adminPass: 'x'.repeat(60 * 1024 - 16) });
  const measure = async (make: (base: string) => (i: number) => Promise<Flat> | Flat) =>
    withServer(async (server) => {
      await sleep(300);
      const before = rssMB(server.pid);
      const statuses = await sendMany(server.url, count, 8, make(server.url));
      await sleep(1_000);
      return { rssBeforeMB: round(before, 1), rssAfterMB: round(rssMB(server.pid), 1), statuses: Object.fromEntries(statuses) };
    });
  const small = await measure((base) => {
    let cached: Promise<Flat> | undefined;
    return (i) => (i % 200 === 0 || !cached ? (cached = validBcc(base, `Abc${String(i).padStart(5, '0')}!`)) : cached);
  });
  const junk = await measure(() => () => ({ method: 'PUT', path: '/v2/instance/i-bench?changePass', headers: { host: 'x', 'content-type': 'application/json' }, body: junkBody }));
  return { count, small, junk, differenceMB: round(junk.rssAfterMB - small.rssAfterMB, 1), goalMB: 32 };
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const report = {
  measuredAt: new Date().toISOString(),
  loadAverage: (await import('node:os')).loadavg().map((x) => round(x, 1)),
  load: only === undefined || only === 'load' ? await load(flag('--duration', 10), flag('--connections', 16)) : 'not run',
  authStall: only === undefined || only === 'auth-stall' ? { inProcess: await authRejectCpu(), overSockets: await authStall() } : 'not run',
  junkMemory: only === undefined || only === 'junk-memory' ? await junkMemory() : 'not run',
};
console.log(JSON.stringify(report, null, 2));
