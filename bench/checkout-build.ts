/**
 * What a checkout's compiled build costs (bin/conformance.js, scripts/checkout-build/): the first
 * CLI start after a change (it builds) against the next ones (the build is cached), each measured
 * as `conformance --version` in a fresh copy of the checkout (`lib/checkout-copy.ts`: no build yet),
 * CPU time including the child that records the validated specs; and the key computed on every
 * start, alone.
 *
 * Run: `npx tsx bench/checkout-build.ts [--rounds N]`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { buildKey } from '../scripts/checkout-build/inputs.mjs';
import { checkoutCopy } from './lib/checkout-copy.ts';

/** One timed CLI start: wall and CPU (this process's children, so the build's child too) in ms. */
function timed(bin: string): { wallMs: number; cpuMs: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8', env: { ...process.env, CONFORMANCE_FROM_SOURCE: '' } });
  const wallMs = performance.now() - start;
  if (r.status !== 0 || r.stderr) throw new Error(`conformance --version: exit ${r.status}: ${r.stderr}`);
  return { wallMs, cpuMs: childrenCpuMs() };
}

let lastChildren = 0;
/** CPU of the children waited for since the last call, ms (Node exposes no RUSAGE_CHILDREN: /proc/self/stat's cutime + cstime; Linux only). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16 and 17 of stat)
  const ms = (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  const delta = ms - lastChildren;
  lastChildren = ms;
  return delta;
}

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 1) || 1;
childrenCpuMs();
for (let round = 1; round <= rounds; round++) {
  const copy = checkoutCopy();
  try {
    const bin = join(copy.root, 'bin/conformance.js');
    const first = timed(bin);
    const second = timed(bin);
    const keyStart = process.cpuUsage();
    for (let i = 0; i < 20; i++) buildKey(copy.root);
    const key = process.cpuUsage(keyStart);
    console.log(`round ${round}: first start (builds) ${(first.wallMs / 1000).toFixed(1)} s wall, ${(first.cpuMs / 1000).toFixed(2)} s CPU; next start ${(second.wallMs / 1000).toFixed(2)} s wall, ${(second.cpuMs / 1000).toFixed(2)} s CPU; key alone ${((key.user + key.system) / 20_000).toFixed(1)} ms CPU; load ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    copy.remove();
  }
}
