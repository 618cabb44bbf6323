/**
 * Markdown for GitHub's `$GITHUB_STEP_SUMMARY`: heading with the one-line verdict, counts per
 * verdict, a rule table (failures first) and a `<details>` block per failure with the
 * counterexample transcript, curl and replay command. Text from the target or the specs is
 * escaped, so the output never carries raw HTML of its own.
 */
import { VERDICTS, type ConformanceReport, type RuleResult, type TranscriptStep, type Verdict } from '../src/report/report-model.ts';
import type { ReportWriter } from './reporter.ts';
import { VERDICT_LABEL, formatDuration, judgedLine, outcomeOf, rulesForDisplay, verdictLine, type RunOutcome } from './report-text.ts';

/** GitHub caps a step summary at 1 MiB; failure details stop well before that. */
const DETAILS_BUDGET = 800_000;

// ✅ is kept for the heading of a conformant run: a report on nothing must not show it anywhere.
const ICON: Readonly<Record<Verdict, string>> = { fail: '❌', 'expected-fail': '🟠', ambiguous: '🔷', 'not-run': '⛔', skip: '⏭️', pass: '✔️' };

const HEADING_ICON: Readonly<Record<RunOutcome['kind'], string>> = { ok: '✅', bad: '❌', none: '⚠️' };

/** Escapes `&`, `<`, `>` for HTML text inside Markdown (the output never puts text in attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes inline text for a table cell or paragraph: Markdown punctuation and HTML outside
 * code spans; code spans stay code (as `<code>` when they hold `<`, `>` or `&`); pipes and
 * newlines cannot break the table.
 */
export function inline(text: string): string {
  const out: string[] = [];
  let last = 0;
  // A code span never spans a double quote: quoted values (passwords) may hold a lone backtick
  // (DCS-A4's symbol set), which must stay text instead of opening a span up to the next one.
  for (const m of text.matchAll(/`([^`\n"]+)`/g)) {
    out.push(plain(text.slice(last, m.index)));
    const code = m[1] ?? '';
    out.push(/[<>&]/.test(code) ? `<code>${escapeHtml(code).replace(/\|/g, '&#124;')}</code>` : `\`${code.replace(/\|/g, '\\|')}\``);
    last = m.index + m[0].length;
  }
  out.push(plain(text.slice(last)));
  return out.join('').replace(/\r?\n/g, '<br>');
}

function plain(text: string): string {
  return escapeHtml(text).replace(/[\\`*_[\]~|#]/g, (c) => `\\${c}`);
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(code: string, lang = ''): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${code.replace(/\r\n/g, '\n')}\n${fence}`;
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
}

function stepBlock(step: TranscriptStep, n: number): string {
  const { request: rq, response: rs } = step;
  const parts = [`**${n}. ${inline(step.label)}**`, fenced([`${rq.method} ${rq.url}`, ...headerLines(rq.headers), '', rq.body].join('\n'), 'http')];
  parts.push(rs ? fenced([`HTTP ${rs.status}`, ...headerLines(rs.headers), '', rs.body].join('\n'), 'http') : '_No response._');
  if (step.curl) parts.push(fenced(step.curl, 'sh'));
  return parts.join('\n\n');
}

function failureDetails(r: RuleResult): string {
  const cx = r.counterexample;
  const title = escapeHtml(cx ? cx.summary : r.reason);
  const parts = [`<details>\n<summary><code>${escapeHtml(r.id)}</code> (${r.level}) — ${title}</summary>`];
  parts.push(`**Rule:** ${inline(r.title)}  \n**Source:** ${inline(r.source)}  \n**Failure:** ${inline(r.reason)}`);
  if (cx) {
    parts.push(`**Received:** ${inline(cx.received)}  \n**Documented:** ${inline(cx.documented)}`);
    cx.transcript.forEach((step, i) => parts.push(stepBlock(step, i + 1)));
  } else {
    parts.push('_No counterexample was recorded for this failure._');
  }
  if (r.replay) parts.push(`**Replay** (property “${inline(r.replay.property)}”, seed ${r.replay.seed}${r.replay.path ? `, path ${inline(r.replay.path)}` : ''})`, fenced(r.replay.command, 'sh'));
  parts.push('</details>');
  return parts.join('\n\n');
}

function countsTable(report: ConformanceReport): string {
  const rows = VERDICTS.map((v) => `| ${ICON[v]} ${VERDICT_LABEL[v]} | ${report.summary[v]} |`);
  return ['| Verdict | Rules |', '| :-- | --: |', ...rows, `| **total** | **${report.summary.total}** |`].join('\n');
}

function rulesTable(report: ConformanceReport): string {
  const rows = rulesForDisplay(report.rules).map(({ rule: r }) => {
    const reason = r.variant && !r.reason.includes(r.variant) ? `${r.reason} (reading: \`${r.variant}\`)` : r.reason;
    return `| ${inline(`\`${r.id.replace(/`/g, '')}\``)} | ${r.level} | ${ICON[r.verdict]} ${VERDICT_LABEL[r.verdict]} | ${r.cases} | ${inline(reason)} |`;
  });
  return ['| Rule | Level | Verdict | Cases | Reason |', '| :-- | :-- | :-- | --: | :-- |', ...rows].join('\n');
}

function timelines(report: ConformanceReport): string[] {
  if (report.timelines.length === 0) return [];
  const lines = report.timelines.map((tl) => {
    const steps = tl.steps.map((s) => {
      const left = [s.retriesLeft !== undefined ? `${s.retriesLeft} left` : '', s.lockTimeLeft && s.lockTimeLeft !== '0' ? `lock ${s.lockTimeLeft} min` : ''].filter(Boolean).join(', ');
      return `${s.t} s ${s.action} → ${s.result}${left ? ` (${left})` : ''}`;
    });
    return `- ${inline(`\`${tl.rule.replace(/`/g, '')}\``)} ${inline(tl.label)}: ${inline(steps.join(' · '))}`;
  });
  return ['### Lockout timelines', lines.join('\n')];
}

function notes(report: ConformanceReport): string[] {
  const out: string[] = [];
  if (report.expectedFailureNotes.length) out.push('### Expected-failures file', report.expectedFailureNotes.map((n) => `- ${inline(n)}`).join('\n'));
  if (report.faults.length) out.push('### Transport faults', report.faults.map((f) => `- ${inline(f)}`).join('\n'));
  return out;
}

function observations(report: ConformanceReport): string[] {
  if (report.observations.length === 0) return [];
  const rows = report.observations.map((o) => `| ${inline(o.topic)} | ${inline(o.choice)} | ${o.count} | ${inline(`\`${o.rule.replace(/`/g, '')}\``)} | ${inline(o.evidence)} |`);
  return [
    '### Observations — what the target chose where the documents are silent',
    '_Not verdicts: any of these choices is allowed by the documents._',
    ['| Topic | Choice | Seen | First rule | Evidence |', '| :-- | :-- | --: | :-- | :-- |', ...rows].join('\n'),
  ];
}

function variantsMeta(report: ConformanceReport): string[] {
  const chosen = Object.entries(report.invocation.variants).map(([k, v]) => `${k}=${v}`);
  const planted = report.invocation.faults.length ? [`planted faults ${inline(report.invocation.faults.join(', '))}`] : [];
  return [...(chosen.length ? [`readings ${inline(chosen.join(', '))}`] : []), ...planted];
}

/** Renders the report as GitHub-flavoured Markdown. */
export function renderMarkdown(report: ConformanceReport): string {
  const outcome = outcomeOf(report);
  const meta = [
    judgedLine(report),
    ...(report.shard ? [`shard ${report.shard.index} of ${report.shard.count} (merge every shard for the verdict)`] : []),
    `${report.target.kind} target`,
    `services ${inline(report.services.join(', '))}`,
    ...variantsMeta(report),
    `seed \`${report.seed}\``,
    `${report.runs} runs`,
    formatDuration(report.durationMs),
    `started ${inline(report.startedAt)}`,
    `${inline(report.tool.name)} ${inline(report.tool.version)}`,
  ].join(' · ');
  const parts = [
    `## ${HEADING_ICON[outcome.kind]} Conformance: ${inline(`\`${report.target.name.replace(/`/g, '')}\``)} — ${inline(outcome.text.toLowerCase())} · seed ${report.seed}`,
    `**${inline(verdictLine(report))}**`,
    meta,
  ];
  if (report.runStatus === 'interrupted') parts.push('> ⚠️ **Run interrupted** — this report is partial; rules not reached are marked not run.');
  parts.push(countsTable(report), '### Rules', rulesTable(report));
  const failures = report.rules.filter((r) => r.verdict === 'fail');
  if (failures.length) {
    parts.push('### Failures');
    let used = parts.join('\n\n').length;
    for (const [i, r] of failures.entries()) {
      const block = failureDetails(r);
      if (used + block.length > DETAILS_BUDGET) {
        parts.push(`_${failures.length - i} more failure(s) left out to fit the step summary; see conformance-report.html._`);
        break;
      }
      parts.push(block);
      used += block.length;
    }
  }
  parts.push(...observations(report), ...timelines(report), ...notes(report));
  return `${parts.join('\n\n')}\n`;
}

/** Writes `conformance-report.md`. */
export const markdownReport: ReportWriter = { name: 'md', fileName: 'conformance-report.md', render: renderMarkdown };
