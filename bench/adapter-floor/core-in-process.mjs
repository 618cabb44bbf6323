// CPU µs per signed BCC changePass through simulator.answerWire in process (no HTTP), 3 × 100k after 50k warm-up.
// Run from the repo root: npx tsx bench/adapter-floor/core-in-process.mjs
import { createSimulator } from '../../src/simulator/simulator.ts';
import { RawHeaderView } from '../../src/simulator/raw-header-view.ts';
import { signedChangePassRequest } from '../simulator-throughput.ts';
const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
const r = await signedChangePassRequest('http://127.0.0.1:1');
const q = r.path.indexOf('?');
const raw = Object.entries(r.headers).flat();
const body = Buffer.from(r.body);
const one = () => sim.answerWire({ method: r.method, rawPath: r.path.slice(0, q), rawQuery: r.path.slice(q + 1), headers: new RawHeaderView(raw), body, oversize: false, remoteAddress: '127.0.0.1' });
if (one().status !== 200) throw new Error('not 200');
for (let i = 0; i < 50_000; i++) one();
const results = [];
for (let round = 0; round < 3; round++) {
  const n = 100_000; const c0 = process.cpuUsage(); let bad = 0;
  for (let i = 0; i < n; i++) if (one().status !== 200) bad++;
  const c = process.cpuUsage(c0); results.push((c.user + c.system) / n);
  if (bad) throw new Error(`${bad} not 200`);
}
console.log('answerWire CPU µs/request (3 rounds of 100k):', results.map((x) => x.toFixed(2)).join(', '));
