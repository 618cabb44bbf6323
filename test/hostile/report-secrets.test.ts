/**
 * No password or secret in any report format (issue 12, defect 4): a run against a simulator
 * with every planted fault (so failures write summaries, transcripts and curls); every value
 * the run sent, read from what reached the server (the transport log), is searched for in the
 * JSON, JUnit, Markdown and HTML reports. The live-like run's scan is in
 * `test/live/live-coverage.test.ts`, which makes that run anyway.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { startServer } from '../../src/simulator/server.ts';
import { PLANTED_FAULTS } from '../../src/simulator/faults.ts';
import { cli, reportDir } from '../cli/cli-harness.ts';
import { scan, sentValues, tap } from './report-scan.ts';

// Known secrets for the planted-faults run only.
const BCC = { accessKeyId: 'scan-test-bcc-ak', secretAccessKey: 'SCANTEST-bcc-sk-9c1e7a53b2d84f60' };
const DCS = { accessKeyId: 'SCANTESTDCSAK', secretAccessKey: 'SCANTEST-dcs-sk-4d2b8e0f6a1c3957' };

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((c) => c()));
});

describe('no password or secret in any report format', () => {
  it('a run against a simulator with every planted fault', async () => {
    const sim = createSimulator({ faults: Object.keys(PLANTED_FAULTS), credentials: { bcc: [BCC], dcs: [DCS] } });
    const bodies = tap(sim);
    const server = await startServer(sim);
    closers.push(() => server.close());
    const dir = reportDir();
    const env = { BCE_ACCESS_KEY_ID: BCC.accessKeyId, BCE_SECRET_ACCESS_KEY: BCC.secretAccessKey, CLOUD_SDK_AK: DCS.accessKeyId, CLOUD_SDK_SK: DCS.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'scan-project' };
    // A fixed seed: with every fault planted, most properties stop at their first failing case, so
    // how many values a run sends depends on the seed; the floor below is checked at this one.
    const r = await cli(['run', '--seed', '20261129', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--report-dir', dir], env, 300_000);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const json = readFileSync(join(dir, 'conformance-report.json'), 'utf8');
    // The scan means something only if failures wrote summaries and transcripts.
    expect(json).toMatch(/"transcript": \[\s*\{/);
    const sent = sentValues(bodies, [BCC.secretAccessKey]);
    expect(sent.size, 'distinct passwords and secrets the run sent (454 at this seed on 2026-11-29)').toBeGreaterThan(300);
    expect(scan(dir, [...sent, BCC.secretAccessKey, DCS.secretAccessKey])).toEqual([]);
    // Nor in what the run printed.
    expect([...sent, BCC.secretAccessKey, DCS.secretAccessKey].filter((s) => (r.stdout + r.stderr).includes(s))).toEqual([]);
  }, 320_000);

});
