/**
 * Heap caps of the suite workers (issue 17: peak RSS). V8 flags are process-wide and read by every
 * isolate created after they are set, so only the owner of the process — the CLI's `run` and
 * `replay`, which exist to run the suites — calls {@link capSuiteWorkerHeap}, before the run. A
 * test or an embedder calling `executeRun` in its own process keeps its own limits: a cap set
 * there would also bind the embedder's later threads (a full `npm test` crashed with "Worker
 * exited unexpectedly" when an in-process run capped the test runner's next workers).
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Young-generation semi-space of the suite workers, in MB: V8's default on 64-bit, stated. Round 2
 * of issue 17 set 4 to lower the peak RSS (790 MB then); with the heap caps below the peak is far
 * under its 400 MB goal, and the scavenges of 4 MB cost time: round 7, `--runs 10` (load 2.6–2.8),
 * 4 → 16 MB: over HTTP 26.3 → 25.3 s and 30.3 → 29.6 CPU s (run), 227 → 274 MB; in process
 * 9.9 → 9.5 s, 225 → 282 MB (bench/README.md, cases-per-second, round 7).
 */
const WORKER_SEMI_SPACE_MB = 16;

/**
 * Old-generation cap of each suite worker, in MB, for a run of `runs` (`--runs`). V8 sizes its
 * old generation from the cap: with none (a share of the machine's memory) a worker's heap grew
 * to several times its live data before collecting (issue 17: the live heap at exit was ~30 MB
 * per worker, the peak RSS hundreds). What grows with `--runs` is kept per case (the ledger of
 * sent secrets, the outcomes), so the cap grows with it, with a wide margin: a cap too small
 * would end the run with an out-of-memory error, which no saving is worth. (A `--runs 10` run
 * completed under a 128 MB cap for every thread; this gives its workers 176 MB. At up to
 * 256 MB V8 also grows the heap by a factor of at most 2 after a full collection instead of 4,
 * its heap-controller setting for small heaps.)
 */
export function workerOldSpaceMb(runs: number): number {
  return Math.ceil(WORKER_OLD_SPACE_BASE_MB + WORKER_OLD_SPACE_PER_RUN_MB * Math.max(1, runs));
}
const WORKER_OLD_SPACE_BASE_MB = 96;
const WORKER_OLD_SPACE_PER_RUN_MB = 8;

/**
 * Caps the heap of the worker isolates this process creates from now on: the young generation
 * ({@link WORKER_SEMI_SPACE_MB}) and an old generation in proportion to `--runs`
 * ({@link workerOldSpaceMb}). The main thread keeps V8's heap defaults (its isolate exists already).
 *
 * Also: optimised code is compiled on the thread that needs it, not handed to V8's background
 * threads (`--no-concurrent-recompilation`, process-wide from now on). Two suite workers and the
 * compile threads shared four helper threads with them on a 2-core machine; round 7 of issue 17,
 * `--runs 10`, two interleaved pairs each: over HTTP 24.3 / 24.9 → 23.9 / 24.2 s and 30.7 / 31.5 →
 * 29.7 / 30.3 CPU s (run); in process 9.2 / 8.8 → 8.6 / 8.6 s and 17.1 / 16.6 → 16.1 / 16.2 CPU s. Speed only:
 * what the code computes does not depend on where it was compiled.
 */
export function capSuiteWorkerHeap(runs: number): void {
  setFlagsFromString(`--max-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
  setFlagsFromString(`--max-old-space-size=${workerOldSpaceMb(runs)}`);
  setFlagsFromString('--no-concurrent-recompilation');
}
