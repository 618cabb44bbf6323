/**
 * The HTML report: one self-contained page (inline CSS, JS and SVG; a Content-Security-Policy
 * that forbids every network fetch) with the verdict up top, a service × verdict matrix, the
 * filterable rules table with counterexamples and curl, the observations (choices where the
 * documents are silent) and the lockout timelines. The report
 * JSON is embedded in `<script type="application/json" id="report-data">` for the page script.
 */
import { createHash } from 'node:crypto';
import { VERDICTS, type ConformanceReport } from '../src/report/report-model.ts';
import type { ReportWriter } from './reporter.ts';
import { VERDICT_LABEL, formatDuration, judgedLine, outcomeOf, servicesOf, verdictLine } from './report-text.ts';
import { escapeHtml, jsonForScript } from './html-parts/escape.ts';
import { badge, renderRulesTable, timelineAnchor } from './html-parts/rule-rows.ts';
import { PAGE_SCRIPT } from './html-parts/script.ts';
import { PAGE_STYLES } from './html-parts/styles.ts';
import { markLabels, renderTimelineSvg, type MarkKind } from './html-parts/timeline-svg.ts';

const NOSCRIPT_STYLES = 'tr.detail[hidden]{display:table-row}.controls,#shown-count,.copy,.matrix button{display:none}';

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** CSP allowing only this page's own inline style and script (by hash) and nothing from any network. */
function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${sha256(PAGE_STYLES)} ${sha256(NOSCRIPT_STYLES)}`,
    `script-src ${sha256(PAGE_SCRIPT)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function header(report: ConformanceReport): string {
  const { summary, target } = report;
  const caps = Object.entries(target.capabilities);
  const has = caps.filter(([, v]) => v).map(([k]) => k);
  const lacks = caps.filter(([, v]) => !v).map(([k]) => k);
  const { invocation } = report;
  const variants = Object.entries(invocation.variants).map(([k, v]) => `${k} = ${v}`).join(', ');
  const text = (v: string): string => escapeHtml(v);
  const meta: Array<[string, string]> = [
    ['Target', `<code>${text(target.name)}</code> (${text(target.kind)})`],
    ['Services', text(servicesOf(report).join(', ') || 'none')],
    ['Seed', text(String(report.seed))],
    ['Runs per property', text(String(report.runs))],
    ['Started', text(report.startedAt)],
    ['Duration', text(formatDuration(report.durationMs))],
    ['Capabilities', text(`${has.join(', ') || 'none'}${lacks.length ? `; lacks ${lacks.join(', ')}` : ''}`)],
    ['Readings', text(variants || 'documented defaults')],
    ['Rules selected', text(invocation.rules.join(', ') || 'all')],
    ['Tool', text(`${report.tool.name} ${report.tool.version}`)],
  ];
  if (invocation.faults.length) meta.push(['Planted simulator faults', text(invocation.faults.join(', '))]);
  meta.push(['Run status', text(`${report.runStatus}${report.runStatusReason ? ` — ${report.runStatusReason}` : ''}`)]);
  meta.push(['Judged', text(judgedLine(report))]);
  if (report.shard) meta.push(['Shard', text(`${report.shard.index} of ${report.shard.count} (merge every shard for the verdict)`)]);
  const outcome = outcomeOf(report);
  const mark = { ok: '✔', bad: '✘', none: '⚠' }[outcome.kind];
  const badges = VERDICTS.map((v) => badge(v, ` <strong>${summary[v]}</strong>`)).join('');
  return `<header class="card" id="top">`
    + `<span class="overall ${outcome.kind}">${escapeHtml(`${mark} ${outcome.text}`)}</span>`
    + `<h1>Conformance report: <code>${escapeHtml(target.name)}</code></h1>`
    + `<p class="verdict-line">${escapeHtml(verdictLine(report))}</p>`
    + (report.runStatus === 'interrupted' ? '<p class="interrupted">Run interrupted (Ctrl-C): this report is partial; rules not reached are marked not run.</p>' : '')
    + (summary.gateFailures?.length ? `<p class="interrupted">CI gate not met: ${escapeHtml(summary.gateFailures.join('; '))}</p>` : '')
    + `<dl class="meta">${meta.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`
    + `<div class="badges" aria-label="Rules per verdict">${badges}<span class="badge v-skip">total <strong>${summary.total}</strong></span></div>`
    + '</header>';
}

function matrix(report: ConformanceReport): string {
  const services = servicesOf(report);
  const cell = (service: string, v: (typeof VERDICTS)[number]): string => {
    const n = report.rules.filter((r) => (service === '' || r.service === service) && r.verdict === v).length;
    if (n === 0) return '<td class="zero">0</td>';
    const what = `${VERDICT_LABEL[v]} rules${service ? ` of ${service}` : ''}`;
    return `<td><button type="button" class="v-${v}" data-matrix-verdict="${v}" data-matrix-service="${escapeHtml(service)}" aria-label="Show the ${n} ${escapeHtml(what)}">${n}</button></td>`;
  };
  const head = `<tr><th scope="col">Service</th>${VERDICTS.map((v) => `<th scope="col">${escapeHtml(VERDICT_LABEL[v])}</th>`).join('')}<th scope="col">Total</th></tr>`;
  const rows = services.map((s) => `<tr><th scope="row">${escapeHtml(s)}</th>${VERDICTS.map((v) => cell(s, v)).join('')}<td>${report.rules.filter((r) => r.service === s).length}</td></tr>`);
  const all = `<tr><th scope="row">all</th>${VERDICTS.map((v) => cell('', v)).join('')}<td>${report.rules.length}</td></tr>`;
  return `<section class="card" aria-labelledby="matrix-h"><h2 id="matrix-h">Verdicts per service</h2>`
    + `<table class="matrix"><thead>${head}</thead><tbody>${rows.join('')}${all}</tbody></table></section>`;
}

function controls(report: ConformanceReport): string {
  const counts = VERDICTS.map((v) => `<button type="button" class="v-${v}" data-verdict="${v}" aria-pressed="false">${escapeHtml(VERDICT_LABEL[v])} ${report.summary[v]}</button>`);
  const options = servicesOf(report).map((s) => `<option value="${escapeHtml(s)}">${escapeHtml(s)}</option>`).join('');
  return '<div class="controls">'
    + `<div class="vfilter" role="group" aria-label="Filter by verdict"><button type="button" class="v-all" data-verdict="" aria-pressed="true">all ${report.rules.length}</button>${counts.join('')}</div>`
    + `<label>Service <select id="service-filter"><option value="">all services</option>${options}</select></label>`
    + '<label>Search <input type="search" id="search" placeholder="rule id or title" autocomplete="off"></label>'
    + '<div class="tools"><button type="button" class="tool" id="expand-all">Expand all</button><button type="button" class="tool" id="collapse-all">Collapse all</button></div>'
    + '</div>';
}

function timelines(report: ConformanceReport): string {
  if (report.timelines.length === 0) return '';
  const kinds = Object.entries(markLabels()) as Array<[MarkKind, string]>;
  const legend = `<ul class="legend">${kinds.map(([k, label]) => `<li><span class="dot dot-${k}" aria-hidden="true"></span>${escapeHtml(label)}</li>`).join('')}</ul>`;
  const items = report.timelines.map((t, n) => `<div class="timeline" id="${timelineAnchor(n)}"><h3><code>${escapeHtml(t.rule)}</code> ${escapeHtml(t.label)}</h3>`
    + `<div class="timeline-wrap">${renderTimelineSvg(t)}</div></div>`);
  return `<section class="card" aria-labelledby="timelines-h"><h2 id="timelines-h">Lockout timelines</h2>${items.join('')}${legend}</section>`;
}

function observations(report: ConformanceReport): string {
  if (report.observations.length === 0) return '';
  const rows = report.observations.map((o) => `<tr><td>${escapeHtml(o.topic)}</td><td><code>${escapeHtml(o.choice)}</code></td><td class="num">${o.count}</td><td><code>${escapeHtml(o.rule)}</code></td><td>${escapeHtml(o.evidence)}</td></tr>`);
  return '<section class="card" id="observations" aria-labelledby="observations-h"><h2 id="observations-h">Observations — what the target chose where the documents are silent</h2>'
    + '<p class="muted">Not verdicts: the documents allow any of these choices.</p>'
    + `<table class="observations"><thead><tr><th scope="col">Topic</th><th scope="col">Choice</th><th scope="col">Seen</th><th scope="col">First rule</th><th scope="col">Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

function notes(report: ConformanceReport): string {
  const list = (title: string, id: string, items: string[]): string => items.length === 0 ? ''
    : `<section class="card notes" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(title)}</h2><ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></section>`;
  return list('Expected-failures file', 'xf-notes-h', report.expectedFailureNotes) + list('Transport faults', 'faults-h', report.faults);
}

/** Renders the report as one self-contained HTML page. */
export function renderHtml(report: ConformanceReport): string {
  const title = `${outcomeOf(report).text}: ${report.target.name} — conformance report`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLES}</style>
<noscript><style>${NOSCRIPT_STYLES}</style></noscript>
</head>
<body>
<main>
${header(report)}
${matrix(report)}
<section class="card" id="rules" aria-labelledby="rules-h"><h2 id="rules-h">Rules</h2>
${controls(report)}
<p id="shown-count" aria-live="polite">${report.rules.length} rules</p>
${renderRulesTable(report)}
<p id="no-match" class="muted" hidden>No rules match these filters.</p>
</section>
${observations(report)}
${timelines(report)}
${notes(report)}
<footer><p>${escapeHtml(`${report.tool.name} ${report.tool.version}`)} · report schema ${escapeHtml(report.schemaVersion)} · the report data is embedded in this page as JSON (<code>script#report-data</code>).</p></footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** Writes `conformance-report.html`. */
export const htmlReport: ReportWriter = { name: 'html', fileName: 'conformance-report.html', render: renderHtml };
