// Preloaded with `node --import` by bench/cases-per-second.ts: on exit, the main thread writes
// the process's peak RSS (getrusage maxrss, which counts every thread, so every vitest worker
// of the threads pool) and its CPU time (user + system, all threads) to $PEAK_RSS_FILE.<pid>.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.PEAK_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(`${file}.${process.pid}`, JSON.stringify({ maxRssKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
  });
}
