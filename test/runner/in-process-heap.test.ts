/**
 * An in-process run (`runSuites`, as `executeRun` in a test or an embedder calls it) must leave
 * the heap limits of the threads this process creates afterwards as they were: V8 flags are
 * process-wide, and a full `npm test` crashed ("Worker exited unexpectedly") when an in-process
 * run capped the test runner's later workers. Only the CLI caps (src/runner/worker-heap.ts).
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../src/runner/run-plan.ts';
import { runSuites } from '../../src/runner/run-suites.ts';
import { suiteFilesFor } from '../faults/in-process-run.ts';

/** The old-generation limit a thread created now gets. */
function newThreadHeapLimit(): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", { eval: true });
    w.once('message', (limit: number) => void w.terminate().then(() => resolve(limit)));
    w.once('error', reject);
  });
}

describe('an in-process run and the heap of the threads created after it', () => {
  it('leaves the limits of this process\'s later threads unchanged, and did run the rule', async () => {
    const before = await newThreadHeapLimit();
    const plan = resolvePlan({ service: 'bcc', rules: 'BCC-PWD-LENGTH', seed: '7' }, {});
    const run = await runSuites({ settings: plan.settings, files: suiteFilesFor(['BCC-PWD-LENGTH']) });
    expect(run.outcomes.find((o) => o.rule === 'BCC-PWD-LENGTH')?.state).toBe('passed');
    expect(await newThreadHeapLimit()).toBe(before);
  }, 120_000);
});
