/**
 * Profiles the simulator server under the throughput benchmark's load and prints the top
 * self-time and inclusive-time functions from the V8 .cpuprofile.
 *
 *   npx tsx bench/profile-simulator.ts [--server simulator|bare] [--duration N] [--connections N] [--top N] [--keep] [--tsx]
 *
 * By default the server runs as plain JavaScript compiled from this tree (`lib/build-js.ts`, as
 * the throughput benchmark runs it); locations are then lines of the compiled `.js` (the emit
 * keeps statements on their TypeScript lines only roughly). `--tsx` runs the TypeScript through
 * tsx, with locations mapped back to TypeScript lines as described below.
 *
 * The server child runs with `--cpu-prof` and writes its profile on SIGTERM (see
 * servers/print-url.ts). tsx emits each module on one line, so positions in src/ are mapped
 * back to the TypeScript source through tsx's inline source maps: this process imports the same
 * files with the same tsx, which transforms them identically. `--server bare` profiles the
 * baseline server instead, for comparison.
 */
import './lib/enable-source-maps.ts';
import { findSourceMap } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PROJECT_ROOT, startChildServer } from './lib/child-server.ts';
import { signedChangePassRequest } from './simulator-throughput.ts';
import { buildJs, type JsBuild } from './lib/build-js.ts';

/** The compiled copy the server runs from (js mode); its paths are shown relative to it. */
let build: JsBuild | undefined;

interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** One row of the summary. */
export interface HotSpot {
  name: string;
  location: string;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
}

/** Source maps of project modules under src/ (importing them has no side effects; bench/servers would start a server). */
const sourceMaps = new Map<string, ReturnType<typeof findSourceMap>>();
async function loadSourceMaps(profile: CpuProfile): Promise<void> {
  const srcRoot = join(PROJECT_ROOT, 'src');
  for (const url of new Set(profile.nodes.map((n) => n.callFrame.url))) {
    if (!url.startsWith('file://') || sourceMaps.has(url)) continue;
    const path = fileURLToPath(url);
    if (!path.startsWith(srcRoot) || !path.endsWith('.ts')) continue;
    try {
      await import(url);
      sourceMaps.set(url, findSourceMap(path) ?? findSourceMap(url));
    } catch {
      sourceMaps.set(url, undefined);
    }
  }
}

function locationOf(frame: CpuProfileNode['callFrame']): string {
  if (frame.url === '') return '(native)';
  const path = frame.url.startsWith('file://') ? fileURLToPath(frame.url) : frame.url;
  const shown = build && path.startsWith(build.root) ? relative(build.root, path) : path.startsWith(PROJECT_ROOT) ? relative(PROJECT_ROOT, path) : path;
  const entry = sourceMaps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
  if (entry && 'originalLine' in entry && typeof entry.originalLine === 'number') return `${shown}:${entry.originalLine + 1}`;
  return `${shown}:${frame.lineNumber + 1}:${frame.columnNumber + 1}${frame.url.startsWith('file://') ? ' (generated)' : ''}`;
}

/** Aggregates self and inclusive time per function (same name and location). */
export function summarizeProfile(profile: CpuProfile): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const keyOf = (node: CpuProfileNode): string => `${node.callFrame.functionName || '(anonymous)'}\u0000${locationOf(node.callFrame)}`;

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const leaf = byId.get(id)!;
    self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = keyOf(byId.get(cur)!);
      if (seen.has(key)) continue; // recursion counts once
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  return [...total.keys()].map((key) => {
    const [name, location] = key.split('\u0000') as [string, string];
    const s = self.get(key) ?? 0;
    const t = total.get(key) ?? 0;
    return { name, location, selfMs: s / 1000, selfPercent: (100 * s) / all, totalMs: t / 1000, totalPercent: (100 * t) / all };
  });
}

function table(rows: HotSpot[], by: 'self' | 'total'): string {
  return rows
    .map((r) => `${(by === 'self' ? r.selfPercent : r.totalPercent).toFixed(1).padStart(5)}%  ${(by === 'self' ? r.totalPercent : r.selfPercent).toFixed(1).padStart(5)}%  ${r.name.padEnd(34)} ${r.location}`)
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number): number => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const duration = flag('--duration', 10);
  const connections = flag('--connections', 16);
  const top = flag('--top', 25);
  const keep = args.includes('--keep');
  const which = args.includes('--server') ? args[args.indexOf('--server') + 1] : 'simulator';
  if (which !== 'simulator' && which !== 'bare') throw new Error('--server must be simulator or bare');

  const dir = mkdtempSync(join(tmpdir(), 'sim-prof-'));
  if (!args.includes('--tsx')) build = buildJs();
  const entry = `bench/servers/${which}-server.ts`;
  const server = await startChildServer(which, build ? build.fileFor(entry) : join(PROJECT_ROOT, entry), {
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
  });
  console.log(`server: ${build ? `plain JavaScript compiled into ${build.root}` : 'TypeScript through tsx'}`);
  try {
    const raw = await signedChangePassRequest(server.url);
    const { 'content-length': _len, ...headers } = raw.headers;
    const result = await autocannon({ url: server.url, connections, pipelining: 1, duration, requests: [{ method: raw.method, path: raw.path, headers, body: raw.body }] });
    console.log(`load: ${Math.round(result['2xx'] / result.duration)} req/s 2xx, non-2xx ${result.non2xx}, errors ${result.errors}`);
  } finally {
    await server.stop();
  }
  // One profile per thread: CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile; thread 0 is the main thread
  // (thread 1 is tsx's module-hooks worker).
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const file = files.find((f) => f.split('.').at(-3) === '0') ?? files[0];
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const path = join(dir, file);
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  await loadSourceMaps(profile);
  const spots = summarizeProfile(profile);
  console.log(`\nprofile: ${path}\n\nTop self time (self%, total%, function, location):`);
  console.log(table([...spots].sort((a, b) => b.selfMs - a.selfMs).slice(0, top), 'self'));
  console.log(`\nTop inclusive time in project code (total%, self%, function, location):`);
  console.log(table([...spots].filter((s) => /^(src|bench)\//.test(s.location)).sort((a, b) => b.totalMs - a.totalMs).slice(0, top), 'total'));
  if (!keep) rmSync(dir, { recursive: true });
}

try {
  await main();
} finally {
  build?.remove();
}
