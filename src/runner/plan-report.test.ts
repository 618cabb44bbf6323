import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { resolvePlan } from './run-plan.ts';
import { reportOfPlan } from './plan-report.ts';
import { JSON_REPORT_FILE, UNKNOWN_REPORT_FILE } from '../report/replay-command.ts';

describe('reportOfPlan', () => {
  it('names the JSON report the plan writes in every replay command (the failing check does not know it)', () => {
    const plan = resolvePlan({ service: 'bcc', seed: '1', reportDir: 'out/shard-2', format: 'json' }, {});
    const rule = plan.contracts[0]!.baseFacts.rules[0]!.id;
    const key = { seed: 5, property: 'p', path: '0', rule };
    const report = reportOfPlan(plan, [{ rule, state: 'failed', durationMs: 1, cases: 1, message: 'x', replay: key }], { startedAt: new Date(), runStatus: 'complete', faults: [], toolVersion: 'test' });
    expect(report.rules.find((r) => r.id === rule)!.replay).toEqual({ ...key, command: `npx conformance replay ${resolve('out/shard-2', JSON_REPORT_FILE)} ${rule}` });
    // `--report-dir -`: the report goes to stdout from a scratch directory that is removed; the command names no such file.
    const toStdout = reportOfPlan({ ...plan, reportToStdout: true }, [{ rule, state: 'failed', durationMs: 1, cases: 1, message: 'x', replay: key }], { startedAt: new Date(), runStatus: 'complete', faults: [], toolVersion: 'test' });
    expect(toStdout.rules.find((r) => r.id === rule)!.replay?.command).toBe(`npx conformance replay ${UNKNOWN_REPORT_FILE} ${rule}`);
  });
});
