/** What `conformance run` prints: a progress line while running, then a rule table and a summary. */
import { VERDICTS, type ConformanceReport, type Verdict } from '../report/report-model.ts';
import type { RuleOutcome } from '../report/rule-outcome.ts';
import { judgedLine, outcomeOf } from '../../reporters/report-text.ts';
import { renderFailures } from './failure-details.ts';
import { colourOn } from '../config/colour.ts';

const COLOURS: Record<Verdict, string> = { pass: '32', fail: '31', skip: '90', 'not-run': '35', ambiguous: '36', 'expected-fail': '33' };

export { colourOn };

/** Colours per {@link colourOn}. */
export function painter(stream: NodeJS.WriteStream): (verdict: Verdict, text: string) => string {
  const on = colourOn(stream);
  return (verdict, text) => (on ? `\u001b[${COLOURS[verdict]}m${text}\u001b[0m` : text);
}

/** What the progress line says of a finished rule: a passed test that found a reading is `ambiguous`, not `passed`. */
export function stateLabel(outcome: RuleOutcome): string {
  if (outcome.state === 'passed' && outcome.ambiguity) return 'ambiguous';
  return outcome.state;
}

/**
 * A progress callback that rewrites one line on a TTY (`everyRule`: a line per rule, for --verbose); elsewhere (CI logs) it prints a line
 * for the first rule and then every tenth, so a log shows the run is alive without flooding it.
 */
export function progressLine(stream: NodeJS.WriteStream, total: number, everyRule = false): (done: number, outcome: RuleOutcome) => void {
  if (!stream.isTTY || everyRule) {
    return (done, outcome) => {
      if (everyRule || done === 1 || done % 10 === 0 || done === total) stream.write(`  [${done}/${total}] ${outcome.rule} ${stateLabel(outcome)}\n`);
    };
  }
  return (done, outcome) => {
    const text = `  [${done}/${total}] ${outcome.rule} ${stateLabel(outcome)}`;
    stream.write(`\r${text.padEnd(Math.max(60, text.length))}`);
    if (done === total) stream.write('\r'.padEnd(70) + '\r');
  };
}

/** The per-rule table and the summary; with the report `files`, each failing rule in full (see failure-details.ts). */
export function renderSummary(report: ConformanceReport, stream: NodeJS.WriteStream, files: readonly string[] = [], detail: 'quiet' | 'normal' | 'verbose' = 'normal'): string {
  const paint = painter(stream);
  const width = Math.max(...report.rules.map((r) => r.id.length), 4);
  const lines = [`${'rule'.padEnd(width)}  level   verdict         cases   time  reason`];
  const sorted = [...report.rules].sort((a, b) => VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || a.id.localeCompare(b.id));
  for (const r of sorted) {
    const reason = r.verdict === 'ambiguous' ? `reading: ${r.variant} — ${r.reason}` : r.reason;
    lines.push(`${r.id.padEnd(width)}  ${r.level.padEnd(6)}  ${paint(r.verdict, r.verdict.padEnd(14))}  ${String(r.cases).padStart(5)}  ${`${(r.durationMs / 1000).toFixed(1)}s`.padStart(5)}  ${detail === 'verbose' || reason.length <= 120 ? reason : `${reason.slice(0, 119)}…`}`);
  }
  lines.push(...renderFailures(report, files, Math.max(60, stream.columns ?? 100)));
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
  const verdictLine = paint(colour, `${outcome.label} (--fail-on ${s.failOn})`);
  if (detail === 'quiet') return [...renderFailures(report, files, Math.max(60, stream.columns ?? 100)).slice(1), verdictLine].join('\n') + '\n';
  lines.push(verdictLine);
  return lines.join('\n') + '\n';
}
