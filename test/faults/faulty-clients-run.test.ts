/**
 * Each faulty client and faulty example, run as `conformance run --client …` runs it (in
 * process, one vitest session): the client rule named for it fails. The same rules pass for
 * the template adapter (DCS) — a client rule that failed every client would prove nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { FAULTY_CLIENTS, FAULTY_EXAMPLES } from '../../src/clients/faulty-clients.ts';
import { openSession, runInProcess } from './in-process-run.ts';

const cases = [
  ...Object.entries(FAULTY_CLIENTS).map(([name, c]) => [`faulty:${name}`, c.service, c.caughtBy] as const),
  ...Object.values(FAULTY_EXAMPLES).map((e) => [e.module, e.service, e.caughtBy] as const),
];

describe('faulty clients fail the rule named for them', () => {
  let session: SuiteSession;
  beforeAll(async () => void (session = await openSession()), 60_000);
  afterAll(async () => session?.close());

  it.each(cases)('--client %s (%s) fails %s', async (client, service, rule) => {
    const report = await runInProcess(session, { client, service, rules: rule });
    const result = report.rules.find((r) => r.id === rule);
    expect(result?.verdict, result?.reason).toBe('fail');
  }, 120_000);

  it('the template adapter passes the DCS client rules', async () => {
    const report = await runInProcess(session, { client: './examples/my-adapter-template.ts', service: 'dcs', rules: 'DCS-CLIENT-ROUTE,DCS-CLIENT-HEADERS,DCS-CLIENT-BODY,DCS-CLIENT-SIGNATURE' });
    const judged = report.rules.filter((r) => r.id.startsWith('DCS-CLIENT-'));
    expect(judged.length).toBe(4);
    for (const r of judged) expect(r.verdict, `${r.id}: ${r.reason}`).toBe('pass');
  }, 120_000);
});
