/**
 * One-off experiment (issue 17, round 4): CPU µs per request of server variants under the
 * throughput benchmark's signed changePass load, interleaved round by round, medians printed.
 *   npx tsx bench/adapter-floor/variants.ts [--duration N] [--rounds N] [--root DIR] name=server[;arg][:node flags,…] …
 * `server` is `bare` or `simulator` (from `bench/servers/`, compiled by lib/build-js.ts, or from
 * the compiled tree at --root DIR); `ts-bare`, `ts-simulator` run the TypeScript through tsx; an
 * absolute path runs that compiled file (a server of another tree, for before/after pairs). Example: `sim=simulator sim-bigsemi=simulator:--max-semi-space-size=32`.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { buildJs } from '../lib/build-js.ts';
import { join } from 'node:path';
import { PROJECT_ROOT, startChildServer } from '../lib/child-server.ts';
import { signedChangePassRequest } from '../simulator-throughput.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const duration = flag('--duration', 4);
const rounds = flag('--rounds', 3);
const rootArg = args.includes('--root') ? args[args.indexOf('--root') + 1] : undefined;
const variants = args.filter((a, i) => a.includes('=') && !args[i - 1]?.startsWith('--')).map((a) => {
  const name = a.slice(0, a.indexOf('='));
  const spec = a.slice(a.indexOf('=') + 1);
  const [server, flags] = [spec.split(':')[0]!, spec.includes(':') ? spec.slice(spec.indexOf(':') + 1) : undefined];
  return { name, server, flags: flags ? flags.split(',') : [] };
});
/** [user, system] CPU µs of a process. */
const cpu = (pid: number): [number, number] => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(f[11]) * 10_000, Number(f[12]) * 10_000];
};
const build = rootArg ? undefined : buildJs();
const fileFor = (p: string): string => (build ? build.fileFor(p) : `${rootArg}/${p.replace(/\.ts$/, '.js')}`);
const results = new Map<string, number[]>();
try {
  for (let round = 0; round <= rounds; round++) {
    for (const v of variants) {
      // `server[:flags][;arg]`: a server name or a project path (.ts), its node flags, one argument.
      const [serverSpec, arg] = v.server.split(';') as [string, string | undefined];
      const project = serverSpec.includes('/') ? serverSpec : `bench/servers/${serverSpec.replace(/^ts-/, '')}-server.ts`;
      // An absolute path is a compiled server file of another tree (e.g. a before/after pair).
      const file = serverSpec.startsWith('/') ? serverSpec : serverSpec.startsWith('ts-') ? join(PROJECT_ROOT, project) : fileFor(project);
      const child = await startChildServer(v.name, file, { nodeArgs: v.flags, args: arg === undefined ? [] : [arg] });
      try {
        const raw = await signedChangePassRequest(child.url);
        const { 'content-length': _l, ...headers } = raw.headers;
        const opts = { url: child.url, connections: 16, pipelining: 1, requests: [{ method: raw.method, path: raw.path, headers, body: raw.body }] };
        await autocannon({ ...opts, duration: 1 });
        const c0 = cpu(child.pid);
        const r = await autocannon({ ...opts, duration });
        const c1 = cpu(child.pid);
        const user = (c1[0] - c0[0]) / r.requests.total;
        const sys = (c1[1] - c0[1]) / r.requests.total;
        const perReq = user + sys;
        if (r.non2xx > 0 || r.errors > 0) throw new Error(`${v.name}: non-2xx ${r.non2xx}, errors ${r.errors}`);
        if (round > 0) results.set(v.name, [...(results.get(v.name) ?? []), perReq]);
        console.log(`round ${round}${round === 0 ? ' (warm-up)' : ''} ${v.name.padEnd(16)} ${Math.round(r.requests.total / r.duration)} req/s ${perReq.toFixed(1)} µs/req (user ${user.toFixed(1)}, system ${sys.toFixed(1)})`);
      } finally {
        await child.stop();
      }
    }
  }
} finally {
  build?.remove();
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
for (const [name, xs] of results) console.log(`median ${name.padEnd(16)} ${median(xs).toFixed(1)} µs/req  (${xs.map((x) => x.toFixed(1)).join(', ')})`);
