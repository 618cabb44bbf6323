/**
 * The hostile-input property (issue 12): fast-check generates raw HTTP requests (see
 * `hostile-request.ts`) and sends each over its own TCP socket to the simulator's HTTP server.
 * For every case: an answer comes within a bound (no hang), it is never a 5xx (the simulator
 * documents none for client input), every error is in a vendor's error format, and a valid
 * signed request right after it is answered correctly. Memory stays bounded over the run.
 *
 * Default: 2,000 cases (about 20 s). Scale with HOSTILE_RUNS=50000 (see bench/README.md).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSimulator, type Simulator } from '../../src/simulator/simulator.ts';
import { startServer, type SimulatorServer } from '../../src/simulator/server.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { DEFAULT_RECORD_BYTES } from '../../src/simulator/core/recorder.ts';
import { buildBccChangePassword } from '../../src/requests/bcc-requests.ts';
import { rawExchange } from './raw-http.ts';
import { hostileRequest, render, type HostileRequest } from './hostile-request.ts';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 2_000);
const SEED = process.env.HOSTILE_SEED === undefined ? undefined : Number(process.env.HOSTILE_SEED);
/** Longest wait for one answer: generous, as the machine is shared (answers take ~1 ms when idle). */
const ANSWER_BOUND_MS = 5_000;
/**
 * Growth of the live heap (after a full GC) allowed over the run: the exchange log may hold
 * 16 MiB by its own estimate; anything kept per request would grow with the case count.
 */
const HEAP_BOUND_BYTES = 48 * 1024 * 1024;

/** A full garbage collection (V8's gc exposed at run time), so heap figures count live data only. */
function liveHeapBytes(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

let sim: Simulator;
let srv: SimulatorServer;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  sim = createSimulator({ onInternalError: (e) => internalErrors.push(e) });
  srv = await startServer(sim);
  const post = (body: unknown) => fetch(`${srv.url}/__conformance/state`, { method: 'POST', body: JSON.stringify(body) });
  await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' } });
  await post({ action: 'setup', state: 'bcc instance', params: { instanceId: 'i-health', status: 'Running', adminPass: 'Orig1234!' } });
  await post({ action: 'setup', state: 'dcs instance', params: { projectId: 'proj-1', instanceId: 'inst-1', status: 'RUNNING', password: 'OldPass@123' } });
}, 60_000);
afterAll(() => srv.close(), 30_000);

function isVendorError(body: string): boolean {
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const bcc = typeof json.requestId === 'string' && typeof json.code === 'string' && typeof json.message === 'string';
    const dcs = typeof json.error_code === 'string' && typeof json.error_msg === 'string' && 'error_ext_msg' in json;
    return bcc || dcs;
  } catch {
    return false;
  }
}

let healthCounter = 0;
/** A valid signed change, answered 200 with the success body: the server is still well. */
async function healthy(): Promise<void> {
  const password = `Health${String(++healthCounter % 1000).padStart(3, '0')}!`;
  const res = await fetch(await buildBccChangePassword({ baseUrl: srv.url, instanceId: 'i-health', password, credentials: DEFAULT_CREDENTIALS.bcc }));
  const text = await res.text();
  if (res.status !== 200 || text !== '{}') throw new Error(`a valid request after the case was answered ${res.status} ${text}`);
}

describe('hostile raw HTTP requests', () => {
  it(`${RUNS} cases: an answer within ${ANSWER_BOUND_MS} ms, never a 5xx, vendor error bodies, healthy after each, bounded heap`, async () => {
    const stats = { cases: 0, statuses: new Map<number, number>(), maxMs: 0, signedOk: 0 };
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = liveHeapBytes();
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(hostileRequest, async (r: HostileRequest) => {
        const bytes = render(r, `127.0.0.1:${srv.port}`);
        const answer = await rawExchange(srv.port, bytes, { timeoutMs: ANSWER_BOUND_MS, chunks: r.pieces, gapMs: r.pieces > 1 ? 5 : 0 });
        stats.cases++;
        stats.statuses.set(answer.status, (stats.statuses.get(answer.status) ?? 0) + 1);
        stats.maxMs = Math.max(stats.maxMs, answer.ms);
        if (answer.status === 0) throw new Error(`no answer, the connection was closed: ${JSON.stringify(answer.body.slice(0, 200))}`);
        if (answer.status >= 500) throw new Error(`answered ${answer.status} ${answer.body}`);
        if (answer.status === 200) stats.signedOk++;
        const statePath = r.rawPath.startsWith('/__conformance/state');
        if (answer.status >= 400 && !statePath && !isVendorError(answer.body)) throw new Error(`error ${answer.status} not in a vendor format: ${JSON.stringify(answer.body.slice(0, 300))}`);
        await healthy();
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    const heapGrowth = liveHeapBytes() - heapBefore;
    const summary = { cases: stats.cases, requests: stats.cases * 2, seconds: Number(seconds.toFixed(1)), maxAnswerMs: Number(stats.maxMs.toFixed(1)), statuses: Object.fromEntries([...stats.statuses].sort((a, b) => a[0] - b[0])), rssGrowthMB: Number((rssGrowth / 1048576).toFixed(1)), liveHeapGrowthMB: Number((heapGrowth / 1048576).toFixed(1)), logBytes: sim.recorder.bytes, logDropped: sim.recorder.dropped, internalErrors: internalErrors.length };
    console.log(`hostile-http: ${JSON.stringify(summary)}`);
    expect(stats.cases).toBe(RUNS);
    expect(internalErrors).toEqual([]);
    expect(sim.recorder.bytes).toBeLessThanOrEqual(DEFAULT_RECORD_BYTES);
    expect(heapGrowth).toBeLessThan(HEAP_BOUND_BYTES);
  }, Math.max(120_000, RUNS * 100));
});
