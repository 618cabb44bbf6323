/**
 * JUnit XML for CI test tabs: one `<testsuite>` per service, one `<testcase>` per rule.
 * `fail` → `<failure>`, `skip` and `not-run` → `<skipped>` (never a pass); `ambiguous` and
 * `expected-fail` pass and say why in `<system-out>`. Observations (choices where the documents
 * are silent) are `<property>` elements of the testcase that saw them first, never failures.
 * Run-level notes (run status, faults, expected-failure file problems) go to the first suite's
 * `<system-err>`.
 */
import type { ConformanceReport, ReportObservation, RuleResult } from '../src/report/report-model.ts';
import type { ReportWriter } from './reporter.ts';
import { judgedLine, outcomeOf, servicesOf, verdictLine } from './report-text.ts';

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, noncharacters, lone surrogates), plus DEL and C1 controls. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content: strips invalid characters, escapes `&`, `<`, `>`. */
export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (double-quoted); keeps tabs and newlines as character references. */
export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function failureText(r: RuleResult): string {
  const lines = [r.reason];
  const cx = r.counterexample;
  if (cx) {
    lines.push('', cx.summary, `received:   ${cx.received}`, `documented: ${cx.documented}`);
    cx.transcript.forEach((step, i) => {
      const answer = step.response ? ` → ${step.response.status}` : ' → no response';
      lines.push(`step ${i + 1}: ${step.label}: ${step.request.method} ${step.request.url}${answer}`);
      if (step.curl) lines.push(step.curl);
    });
  }
  if (r.replay) lines.push('', `replay: ${r.replay.command}  (property "${r.replay.property}", seed ${r.replay.seed}${r.replay.path ? `, path ${r.replay.path}` : ''})`);
  lines.push(`source: ${r.source}`);
  return lines.join('\n');
}

function observationProperties(seen: readonly ReportObservation[]): string {
  if (seen.length === 0) return '';
  const props = seen.map((o) => `        <property name="${xmlAttr(`observation: ${o.topic}`)}" value="${xmlAttr(`${o.choice} (seen ${o.count}×) — ${o.evidence}`)}"/>`);
  return `\n      <properties>\n${props.join('\n')}\n      </properties>`;
}

function testcase(r: RuleResult, seen: readonly ReportObservation[]): string {
  const open = `    <testcase classname="${xmlAttr(r.service)}" name="${xmlAttr(`${r.id}: ${r.title}`)}" time="${seconds(r.durationMs)}"`;
  const props = observationProperties(seen);
  const body = verdictBody(r);
  return body || props ? `${open}>${props}${body}\n    </testcase>` : `${open}/>`;
}

function verdictBody(r: RuleResult): string {
  switch (r.verdict) {
    case 'pass':
      return '';
    case 'fail':
      return `\n      <failure message="${xmlAttr(r.reason)}" type="${r.level}">${xmlText(failureText(r))}</failure>`;
    case 'skip':
      return `\n      <skipped message="${xmlAttr(r.reason)}"/>`;
    case 'not-run':
      return `\n      <skipped message="${xmlAttr(`not run: ${r.reason}`)}"/>`;
    case 'ambiguous': {
      const reading = r.variant ? `target follows reading "${r.variant}"` : 'no single reading identified';
      return `\n      <system-out>${xmlText(`ambiguous (${r.level}): ${reading}\n${r.reason}`)}</system-out>`;
    }
    case 'expected-fail':
      return `\n      <system-out>${xmlText(`expected-fail (${r.level}, not counted as a failure): ${r.reason}`)}</system-out>`;
  }
}

function runNotes(report: ConformanceReport): string {
  const lines = [
    ...(report.runStatus !== 'complete' ? [`run status ${report.runStatus}: ${outcomeOf(report).text}${report.runStatusReason ? ` — ${report.runStatusReason}` : ''}`] : []),
    ...(report.summary.gateFailures ?? []).map((g) => `CI gate not met: ${g}`),
    ...report.faults.map((f) => `fault: ${f}`),
    // An observation is shown on its rule's testcase; one whose rule is not in the report, here.
    ...report.observations.filter((o) => !report.rules.some((r) => r.id === o.rule)).map((o) => `observation (not a verdict): ${o.topic}: ${o.choice} (seen ${o.count}×) — ${o.evidence}`),
    ...report.expectedFailureNotes.map((n) => `expected-failures: ${n}`),
    ...(report.runStatus === 'interrupted' ? ['run interrupted: the report is partial'] : []),
  ];
  return lines.length ? `\n    <system-err>${xmlText(lines.join('\n'))}</system-err>` : '';
}

function properties(report: ConformanceReport): string {
  const props: Array<[string, string]> = [
    ['target', report.target.name],
    ['target.kind', report.target.kind],
    ['seed', String(report.seed)],
    ['runs', String(report.runs)],
    ['failOn', report.summary.failOn],
    ['conformant', String(report.summary.conformant)],
    ['runStatus', report.runStatus],
    ['mustJudged', judgedLine(report)],
    ['observations', String(report.observations.length)],
    ['verdict', verdictLine(report)],
  ];
  return `    <properties>\n${props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`).join('\n')}\n    </properties>`;
}

function suite(report: ConformanceReport, service: string, first: boolean): string {
  const rules = report.rules.filter((r) => r.service === service);
  const count = (v: RuleResult['verdict']): number => rules.filter((r) => r.verdict === v).length;
  const time = seconds(rules.reduce((t, r) => t + r.durationMs, 0));
  const attrs = `name="${xmlAttr(service)}" tests="${rules.length}" failures="${count('fail')}" errors="0" skipped="${count('skip') + count('not-run')}" time="${time}" timestamp="${xmlAttr(report.startedAt)}"`;
  // Each observation is shown once, on the testcase of the first rule that saw it.
  const seen = (r: RuleResult): ReportObservation[] => report.observations.filter((o) => o.rule === r.id);
  const body = [properties(report), ...rules.map((r) => testcase(r, seen(r)))].join('\n');
  return `  <testsuite ${attrs}>\n${body}${first ? runNotes(report) : ''}\n  </testsuite>`;
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: ConformanceReport): string {
  const services = servicesOf(report);
  const suites = services.map((s, i) => suite(report, s, i === 0));
  const count = (v: RuleResult['verdict']): number => report.rules.filter((r) => r.verdict === v).length;
  const head = `<testsuites name="${xmlAttr(`${report.tool.name} conformance: ${report.target.name}`)}" tests="${report.rules.length}" failures="${count('fail')}" errors="0" skipped="${count('skip') + count('not-run')}" time="${seconds(report.durationMs)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Writes `conformance-report.junit.xml`. */
export const junitReport: ReportWriter = { name: 'junit', fileName: 'conformance-report.junit.xml', render: renderJunit };
