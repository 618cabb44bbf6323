/**
 * One-off (issue 17, round 4): bytes allocated per signed BCC changePass in `simulator.answerWire`,
 * by allocating stack (the inspector's sampling heap profiler, objects collected by either GC
 * included), 100k requests with fresh inputs after 50k warm-up.
 *   npx tsx bench/adapter-floor/core-alloc.ts --root DIR   (DIR: a compiled tree, lib/build-js.ts)
 */
import { Session } from 'node:inspector/promises';
import { signedChangePassRequest } from '../simulator-throughput.ts';

interface SamplingNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SamplingNode[];
}

const root = process.argv.includes('--root') ? process.argv[process.argv.indexOf('--root') + 1] : undefined;
if (!root) throw new Error('usage: npx tsx bench/adapter-floor/core-alloc.ts --root DIR (a tree compiled by bench/lib/build-js.ts)');
const { createSimulator } = (await import(`${root}/src/simulator/simulator.js`)) as typeof import('../../src/simulator/simulator.ts');
const { RawHeaderView } = (await import(`${root}/src/simulator/raw-header-view.js`)) as typeof import('../../src/simulator/raw-header-view.ts');
const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
const r = await signedChangePassRequest('http://127.0.0.1:1');
const wire = Buffer.from(Object.entries(r.headers).flat().join('\n'), 'latin1');
const bodyBytes = Buffer.from(r.body);
const urlBytes = Buffer.from(r.path, 'latin1');
const N = 100_000;
// Inputs made up front, so their own allocation is not sampled.
const inputs = Array.from({ length: N }, () => ({ raw: wire.toString('latin1').split('\n'), url: urlBytes.toString('latin1'), body: Buffer.from(bodyBytes) }));
const one = (i: number): void => {
  const { raw, url, body } = inputs[i]!;
  const q = url.indexOf('?');
  const answer = sim.answerWire({ method: 'PUT', rawPath: url.slice(0, q), rawQuery: url.slice(q + 1), headers: new RawHeaderView(raw), body, oversize: false, remoteAddress: '127.0.0.1' });
  if (answer instanceof Promise || answer.status !== 200) throw new Error('the signed changePass was not answered 200 synchronously');
};
for (let i = 0; i < 50_000; i++) one(i % N);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 128, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
for (let i = 0; i < N; i++) one(i);
const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: SamplingNode } };
const bySite = new Map<string, number>();
let total = 0;
const walk = (node: SamplingNode, stack: string[]): void => {
  const frame = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').at(-1)}:${node.callFrame.lineNumber + 1}`;
  const here = [...stack, frame];
  if (node.selfSize > 0) {
    const site = here.slice(-3).reverse().join(' < ');
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
  }
  for (const child of node.children) walk(child, here);
};
walk(profile.head, []);
console.log(`${(total / N).toFixed(0)} B allocated per request (sampled)`);
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(bytes / N).toFixed(0).padStart(6)} B  ${site}`);
