import { describe, expect, it } from 'vitest';
import { sampleReport } from '../../reporters/fixtures/sample-report.ts';
import type { ConformanceReport } from '../report/report-model.ts';
import { wrap } from './failure-details.ts';
import { colourOn, renderSummary, stateLabel } from './terminal-output.ts';

const stream = (columns: number, isTTY = false) => ({ columns, isTTY }) as unknown as NodeJS.WriteStream;
const LONG = `accepted a 65-character password where at most 64 are documented; documented: a 4xx with the documented error body (any code: DCS.4019 is documented for complexity; no document names the code for a length violation) END-OF-REASON`;

function failingReport(): ConformanceReport {
  const report = structuredClone(sampleReport);
  const rule = report.rules.find((r) => r.verdict === 'fail') ?? report.rules[0]!;
  rule.verdict = 'fail';
  rule.reason = LONG;
  rule.replay = { seed: 1, property: 'p', rule: rule.id, command: `npx conformance replay /abs/out/conformance-report.json ${rule.id}` };
  return report;
}

describe('terminal output', () => {
  it('wraps at the width and never drops a word', () => {
    const lines = wrap(LONG, 40, '  ');
    expect(lines.every((l) => l.length <= 40 || !l.trim().includes(' '))).toBe(true);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(LONG);
  });

  it('prints each failing rule with its full reason, the evidence files and the replay command', () => {
    const report = failingReport();
    const rule = report.rules.find((r) => r.reason === LONG)!;
    const text = renderSummary(report, stream(80), ['/abs/out/conformance-report.json', '/abs/out/conformance-report.html']);
    const block = text.slice(text.indexOf(`✗ ${rule.id}`));
    expect(block.replace(/\s+/g, ' ')).toContain(LONG);
    expect(block).toContain('evidence: /abs/out/conformance-report.html');
    expect(block).toContain(`replay: npx conformance replay /abs/out/conformance-report.json ${rule.id}`);
    // The table line is cut with an ellipsis, never silently.
    expect(text.split('\n').find((l) => l.startsWith(rule.id))).toMatch(/…$/);
  });

  it('FORCE_COLOR forces colour, NO_COLOR turns it off, else only a terminal gets it', () => {
    expect(colourOn({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colourOn({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourOn({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(colourOn({ isTTY: false }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colourOn({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colourOn({ isTTY: true }, {})).toBe(true);
    expect(colourOn({ isTTY: false }, {})).toBe(false);
  });

  it('the progress line calls a passed test that found a reading ambiguous', () => {
    expect(stateLabel({ rule: 'DCS-A1', state: 'passed', durationMs: 1, cases: 1, ambiguity: { variant: 'v', reason: 'r' } })).toBe('ambiguous');
    expect(stateLabel({ rule: 'DCS-PWD-LENGTH', state: 'passed', durationMs: 1, cases: 1 })).toBe('passed');
  });
});
