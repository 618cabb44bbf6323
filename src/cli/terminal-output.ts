/** What `conformance run` prints: a progress line while running, then a rule table and a summary. */
import { VERDICTS, type ConformanceReport, type Verdict } from '../report/report-model.ts';
import type { RuleOutcome } from '../runner/rule-outcome.ts';
import { judgedLine, outcomeOf } from '../../reporters/report-text.ts';

const COLOURS: Record<Verdict, string> = { pass: '32', fail: '31', skip: '90', 'not-run': '35', ambiguous: '36', 'expected-fail': '33' };

/** Colours only when the stream is a terminal (and NO_COLOR is unset). */
export function painter(stream: NodeJS.WriteStream): (verdict: Verdict, text: string) => string {
  const on = stream.isTTY === true && !process.env.NO_COLOR;
  return (verdict, text) => (on ? `\u001b[${COLOURS[verdict]}m${text}\u001b[0m` : text);
}

/**
 * A progress callback that rewrites one line on a TTY; elsewhere (CI logs) it prints a line
 * for the first rule and then every tenth, so a log shows the run is alive without flooding it.
 */
export function progressLine(stream: NodeJS.WriteStream, total: number): (done: number, outcome: RuleOutcome) => void {
  if (!stream.isTTY) {
    return (done, outcome) => {
      if (done === 1 || done % 10 === 0 || done === total) stream.write(`  [${done}/${total}] ${outcome.rule} ${outcome.state}\n`);
    };
  }
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
  const sorted = [...report.rules].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    const reason = r.verdict === 'ambiguous' ? `reading: ${r.variant} — ${r.reason}` : r.reason;
    lines.push(`${r.id.padEnd(width)}  ${r.level.padEnd(6)}  ${paint(r.verdict, r.verdict.padEnd(14))}  ${String(r.cases).padStart(5)}  ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(5)}  ${reason.slice(0, 120)}`);
  }
  const s = report.summary;
  const cases = report.rules.reduce((n, r) => n + r.cases, 0);
  lines.push('');
  lines.push(`${s.total} rules: ${s.pass} pass, ${s.fail} fail, ${s['expected-fail']} expected-fail, ${s.ambiguous} ambiguous, ${s.skip} skip, ${s['not-run']} not run — ${cases} cases in ${(report.durationMs / 1000).toFixed(1)}s (seed ${report.seed})`);
  lines.push(judgedLine(report));
  if (report.observations.length) {
    const topics = [...new Set(report.observations.map((o) => o.topic))];
    lines.push(`observations (choices where the documents are silent, not verdicts): ${report.observations.length} — ${topics.slice(0, 5).join('; ')}${topics.length > 5 ? `; and ${topics.length - 5} more topics` : ''}`);
  }
  for (const note of report.expectedFailureNotes) lines.push(`note: ${note}`);
  for (const fault of report.faults) lines.push(`transport fault: ${fault}`);
  if (report.shard) lines.push(`shard ${report.shard.index}/${report.shard.count}: rules of the other shards are not run here; \`conformance merge\` every shard's report for the run's verdict`);
  if (report.runStatus !== 'complete') lines.push(`run status ${report.runStatus}: ${report.runStatusReason ?? 'the report is partial'}`);
  for (const gate of s.gateFailures ?? []) lines.push(`CI gate not met: ${gate}`);
  const outcome = outcomeOf(report);
  const colour: Verdict = outcome.kind === 'ok' ? 'pass' : outcome.kind === 'bad' ? 'fail' : 'expected-fail';
  lines.push(paint(colour, `${outcome.label} (--fail-on ${s.failOn})`));
  return lines.join('\n') + '\n';
}
