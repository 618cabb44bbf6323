import { describe, it, expect } from 'vitest';
import { EXIT } from './exit-codes.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { runStatusOf } from './run-status.ts';

const fault = (status?: number): RuleOutcome => ({ rule: 'DCS-X', state: 'skipped', durationMs: 1, cases: 0, stateEndpointFault: { status, message: `State endpoint http://s refused "dcs instance" (${status ?? 'refused'})\nmore` } });
const ok: RuleOutcome = { rule: 'DCS-Y', state: 'passed', durationMs: 1, cases: 3 };

describe('runStatusOf', () => {
  it('a complete run leaves the exit status to the verdicts', () => {
    expect(runStatusOf(undefined, false, [ok])).toEqual({ runStatus: 'complete' });
  });
  it('unreachable target → 3, Ctrl-C → 130, in that order of precedence', () => {
    expect(runStatusOf('http://x is unreachable', true, [fault(503)])).toEqual({ runStatus: 'target-unreachable', reason: 'http://x is unreachable', exitCode: EXIT.unreachable });
    expect(runStatusOf(undefined, true, [fault(503)])).toMatchObject({ runStatus: 'interrupted', exitCode: 130 });
  });
  it('a state endpoint down or answering 5xx → 3; only 4xx answers (no protocol there) → 2', () => {
    expect(runStatusOf(undefined, false, [ok, fault(503), fault(503)])).toEqual({ runStatus: 'state-endpoint-fault', reason: 'State endpoint http://s refused "dcs instance" (503) (2 checks could not run)', exitCode: EXIT.unreachable });
    expect(runStatusOf(undefined, false, [fault(undefined)]).exitCode).toBe(EXIT.unreachable);
    expect(runStatusOf(undefined, false, [fault(404), fault(405)]).exitCode).toBe(EXIT.usage);
    expect(runStatusOf(undefined, false, [fault(404), fault(502)]).exitCode).toBe(EXIT.unreachable);
  });
});
