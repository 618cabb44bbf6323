/**
 * One-off (issue 17, round 4): CPU µs per signed BCC changePass through `simulator.answerWire`
 * in process, with FRESH strings and buffers per request as node's HTTP parser produces them
 * (`core-in-process.mjs` reuses one set of strings, whose hashes V8 then caches). Prints the
 * copying cost alone too, so core = total − copy. 5 × 100k after 50k warm-up.
 *   npx tsx bench/adapter-floor/core-fresh.ts [--root DIR]   (DIR: a compiled tree, lib/build-js.ts)
 */
import { signedChangePassRequest } from '../simulator-throughput.ts';

const rootArg = process.argv.includes('--root') ? process.argv[process.argv.indexOf('--root') + 1] : undefined;
const base = rootArg ? `${rootArg}/src/simulator/` : '../../src/simulator/';
const ext = rootArg ? '.js' : '.ts';
const { createSimulator } = (await import(`${base}simulator${ext}`)) as typeof import('../../src/simulator/simulator.ts');
const { RawHeaderView } = (await import(`${base}raw-header-view${ext}`)) as typeof import('../../src/simulator/raw-header-view.ts');

const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
const r = await signedChangePassRequest('http://127.0.0.1:1');
const wire = Buffer.from(Object.entries(r.headers).flat().join('\n'), 'latin1');
const bodyBytes = Buffer.from(r.body);
const urlBytes = Buffer.from(r.path, 'latin1');
/** What node's parser hands the adapter: new strings and a new body buffer per request. */
const fresh = (): { raw: string[]; url: string; body: Buffer } => ({ raw: wire.toString('latin1').split('\n'), url: urlBytes.toString('latin1'), body: Buffer.from(bodyBytes) });
const one = (): number => {
  const { raw, url, body } = fresh();
  const q = url.indexOf('?');
  const answer = sim.answerWire({ method: 'PUT', rawPath: url.slice(0, q), rawQuery: url.slice(q + 1), headers: new RawHeaderView(raw), body, oversize: false, remoteAddress: '127.0.0.1' });
  if (answer instanceof Promise) throw new Error('the simulator answered asynchronously; this loop measures the synchronous path');
  return answer.status;
};
const status = one();
if (status !== 200) throw new Error(`the signed changePass was answered ${status}, expected 200`);
for (let i = 0; i < 50_000; i++) one();
const cpu = (f: () => unknown, n: number): number => {
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / n;
};
const totals: number[] = [];
const copies: number[] = [];
for (let round = 0; round < 5; round++) {
  totals.push(cpu(one, 100_000));
  copies.push(cpu(fresh, 100_000));
}
const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`answerWire with fresh inputs: ${totals.map((x) => x.toFixed(2)).join(', ')} µs/req; copying alone ${copies.map((x) => x.toFixed(2)).join(', ')}; core ≈ ${(med(totals) - med(copies)).toFixed(2)} µs/req (${rootArg ? 'compiled JS' : 'tsx'})`);
