/** What `conformance run` prints: a progress line while running, then a rule table and a summary. */
import type { ConformanceReport, Verdict } from '../report/report-model.ts';
import type { RuleOutcome } from '../runner/rule-outcome.ts';

const COLOURS: Record<Verdict, string> = { pass: '32', fail: '31', skip: '90', ambiguous: '36', 'expected-fail': '33', 'not-run': '90' };

/** Colours only when the stream is a terminal (and NO_COLOR is unset). */
export function painter(stream: NodeJS.WriteStream): (verdict: Verdict, text: string) => string {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  return (verdict, text) => (on ? `\u001b[${COLOURS[verdict]}m${text}\u001b[0m` : text);
}

/** A progress callback that rewrites one line on a TTY and stays quiet otherwise. */
export function progressLine(stream: NodeJS.WriteStream, total: number): (done: number, outcome: RuleOutcome) => void {
  if (!stream.isTTY) return () => {};
  return (done, outcome) => {
    const text = `  [${done}/${total}] ${outcome.rule} ${outcome.state}`;
    stream.write(`\r${text.padEnd(Math.max(60, text.length))}`);
    if (done === total) stream.write('\r'.padEnd(70) + '\r');
  };
}

/** The per-rule table and the summary. */
export function renderSummary(report: ConformanceReport, stream: NodeJS.WriteStream): string {
  const paint = painter(stream);
  const width = Math.max(...report.rules.map((r) => r.id.length), 4);
  const lines = [`${'rule'.padEnd(width)}  level   verdict         cases   time  reason`];
  const order: Verdict[] = ['fail', 'expected-fail', 'ambiguous', 'skip', 'not-run', 'pass'];
  const sorted = [...report.rules].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    const reason = r.verdict === 'ambiguous' ? `reading: ${r.variant} — ${r.reason}` : r.reason;
    lines.push(`${r.id.padEnd(width)}  ${r.level.padEnd(6)}  ${paint(r.verdict, r.verdict.padEnd(14))}  ${String(r.cases).padStart(5)}  ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(5)}  ${reason.slice(0, 120)}`);
  }
  const s = report.summary;
  const cases = report.rules.reduce((n, r) => n + r.cases, 0);
  lines.push('');
  lines.push(`${s.total} rules: ${s.pass} pass, ${s.fail} fail, ${s['expected-fail']} expected-fail, ${s.ambiguous} ambiguous, ${s.skip} skip — ${cases} cases in ${(report.durationMs / 1000).toFixed(1)}s (seed ${report.seed})`);
  for (const note of report.expectedFailureNotes) lines.push(`note: ${note}`);
  for (const fault of report.faults) lines.push(`transport fault: ${fault}`);
  if (report.interrupted) lines.push('INTERRUPTED: this report is partial.');
  lines.push(s.conformant ? paint('pass', `CONFORMANT (--fail-on ${s.failOn})`) : paint('fail', `NOT CONFORMANT (--fail-on ${s.failOn})`));
  return lines.join('\n') + '\n';
}
