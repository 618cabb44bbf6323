/**
 * DCS-LOCK-SEQUENCES learns, rather than assumes, what a refused change with the right old password
 * does to the failure count (suites/dcs/lockout-readings.ts): the default simulator keeps it, the
 * alternate profile resets it, both pass and each is reported as an observation; a target that
 * counts the refused change as a wrong attempt follows neither reading and fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuiteSession } from '../../src/runner/run-suites.ts';
import { openSession, runInProcess } from '../faults/in-process-run.ts';

const RULE = 'DCS-LOCK-SEQUENCES';
const TOPIC = 'dcs.invalid-new-and-count';

describe(`${RULE} and a refused change with the right old password`, () => {
  let session: SuiteSession;
  beforeAll(async () => void (session = await openSession()), 60_000);
  afterAll(async () => void (await session?.close()));

  const run = async (flags: { profile?: string; fault?: string[] }) => {
    const report = await runInProcess(session, { service: 'dcs', rules: RULE, seed: '1000', ...flags });
    const rule = report.rules.find((r) => r.id === RULE);
    return { verdict: rule?.verdict, reason: rule?.reason ?? '', choices: report.observations.filter((o) => o.topic === TOPIC).map((o) => o.choice) };
  };

  it.each([
    ['default', undefined, 'keeps the count'],
    ['alternate', 'alternate', 'resets the count'],
  ])('the %s profile passes and its reading is observed', async (_name, profile, choice) => {
    const seen = await run(profile ? { profile } : {});
    expect([seen.verdict, seen.choices], seen.reason).toEqual(['pass', [choice]]);
  }, 120_000);

  it('a target that counts the refused change as a wrong attempt fails', async () => {
    const seen = await run({ fault: ['policy-rejection-counts'] });
    expect(seen.verdict, seen.reason).toBe('fail');
    expect(seen.reason).toMatch(/invalid new_password/);
  }, 120_000);
});
