// One-off floor experiment (issue 17): CPU µs per request of node:http variants and of the real adapter
// with a fixed answer, 16 connections, 1 s warm-up + 4 s, two rounds. Usage (from the repo root):
//   node bench/adapter-floor/drive.mjs bare simheaders adapter-fixed
// Its request is unsigned, so `adapter-sim` would measure the 401 path, not the signed one.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10000; };
for (const round of [1, 2]) for (const mode of process.argv.slice(2)) {
  const child = spawn('node', mode.startsWith('adapter') ? ['--import', 'tsx', new URL('./adapter-server.mjs', import.meta.url).pathname, mode] : [new URL('./header-server.mjs', import.meta.url).pathname, mode], { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('../..', import.meta.url).pathname });
  const port = await new Promise((r) => child.stdout.once('data', (d) => r(Number(String(d)))));
  const opts = { url: `http://127.0.0.1:${port}/v2/instance/i?changePass`, method: 'PUT', connections: 16, body: '{"adminPass":"0123456789abcdef0123456789abcdef"}', headers: { 'content-type': 'application/json' } };
  await autocannon({ ...opts, duration: 1 });
  const c0 = cpu(child.pid); const r = await autocannon({ ...opts, duration: 4 }); const c1 = cpu(child.pid);
  console.log(round, mode.padEnd(12), Math.round(r.requests.total / r.duration), 'req/s', ((c1 - c0) / r.requests.total).toFixed(1), 'µs/req', 'non2xx', r.non2xx);
  child.kill('SIGTERM');
}
