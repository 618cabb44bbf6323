/**
 * One-off (issue 17, round 5): `perf record` of a compiled bench server under the throughput
 * benchmark's signed changePass load (16 connections), with `--perf-basic-prof` so JavaScript
 * frames have names. Prints the requests served while recording, to turn samples into µs/request.
 *   npx tsx bench/adapter-floor/perf-server.ts <compiled tree> <server .js under it> <out.data> [seconds]
 *   perf script -i <out.data>   (then count samples per request under a frame, e.g. `dispatch`)
 * `perf` sees user space and the kernel here with the software `cpu-clock` event (no hardware counters).
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { startChildServer } from '../lib/child-server.ts';
import { signedChangePassRequest } from '../simulator-throughput.ts';

const [root, rel, out, secondsArg] = process.argv.slice(2);
if (!root || !rel || !out) throw new Error('usage: perf-server.ts <compiled tree> <server .js under it> <out.data> [seconds]');
const seconds = Number(secondsArg ?? 6);
const child = await startChildServer('server', `${root}/${rel}`, { nodeArgs: ['--perf-basic-prof'] });
try {
  const raw = await signedChangePassRequest(child.url);
  const { 'content-length': _signedLength, ...headers } = raw.headers;
  const options = { url: child.url, connections: 16, pipelining: 1, requests: [{ method: raw.method, path: raw.path, headers, body: raw.body }] };
  await autocannon({ ...options, duration: 2 });
  const perf = spawn('perf', ['record', '-e', 'cpu-clock', '-F', '2000', '-g', '-p', String(child.pid), '-o', out, '--', 'sleep', String(seconds)], { stdio: 'inherit' });
  const result = await autocannon({ ...options, duration: seconds });
  await new Promise((done) => perf.once('exit', done));
  console.log(`requests ${result.requests.total} in ${result.duration} s while recording (non-2xx ${result.non2xx}); 2000 samples/s`);
} finally {
  await child.stop();
}
