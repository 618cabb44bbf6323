/** The rules table of the HTML report: one row per rule plus an expandable detail row. */
import type { ConformanceReport, RuleResult } from '../../src/report/report-model.ts';
import { VERDICT_LABEL, formatDuration, reasonLabel, rulesForDisplay, type IndexedRule } from '../report-text.ts';
import { escapeHtml, escapeRich, slug } from './escape.ts';
import { renderCounterexample, renderReplay } from './transcript.ts';

/** Id of the page anchor of the n-th timeline. */
export const timelineAnchor = (n: number): string => `timeline-${n}`;

/** A verdict badge. */
export function badge(verdict: RuleResult['verdict'], extra = ''): string {
  return `<span class="badge v-${verdict}">${escapeHtml(VERDICT_LABEL[verdict])}${extra}</span>`;
}

function facts(r: RuleResult): string {
  const rows: Array<[string, string]> = [
    [reasonLabel(r.verdict), escapeRich(r.reason)],
    ['Rule', escapeRich(r.title)],
    ['Source', escapeRich(r.source)],
    ['Category', escapeHtml(r.category)],
    ['Cases', `${r.cases} in ${escapeHtml(formatDuration(r.durationMs))}`],
  ];
  if (r.variant !== undefined) rows.splice(1, 0, ['Variant', `<code>${escapeHtml(r.variant)}</code>`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function timelineLinks(report: ConformanceReport, r: RuleResult): string {
  const links = report.timelines
    .map((t, n) => ({ t, n }))
    .filter(({ t }) => t.rule === r.id)
    .map(({ t, n }) => `<a href="#${timelineAnchor(n)}">${escapeHtml(t.label)}</a>`);
  return links.length ? `<p class="tl-links">Lockout timeline: ${links.join(' · ')}</p>` : '';
}

function detail(report: ConformanceReport, { rule: r, index }: IndexedRule, id: string, open: boolean): string {
  const prefix = `r${index}-${slug(r.id)}`;
  const parts = [facts(r)];
  if (r.counterexample) parts.push(renderCounterexample(r.counterexample, prefix));
  if (r.replay) parts.push(renderReplay(r.replay, prefix));
  parts.push(timelineLinks(report, r));
  return `<tr class="detail" id="${id}" data-index="${index}"${open ? '' : ' hidden'}><td colspan="6"><div class="detail-body">${parts.join('')}</div></td></tr>`;
}

function row(report: ConformanceReport, item: IndexedRule): string {
  const { rule: r, index } = item;
  const id = `detail-${index}`;
  const open = r.verdict === 'fail';
  const reading = r.variant !== undefined && !r.reason.includes(r.variant) ? ` <span class="muted">(reading <code>${escapeHtml(r.variant)}</code>)</span>` : '';
  const main = `<tr class="rule v-row-${r.verdict}" data-index="${index}" data-detail="${id}">`
    + `<th scope="row"><button type="button" class="expander" aria-expanded="${open}" aria-controls="${id}"><span class="chev" aria-hidden="true"></span><span class="rule-id">${escapeHtml(r.id)}</span></button></th>`
    + `<td>${badge(r.verdict)}</td>`
    + `<td><span class="level level-${r.level.toLowerCase()}">${escapeHtml(r.level)}</span></td>`
    + `<td>${escapeHtml(r.service)}</td>`
    + `<td class="num">${r.cases}</td>`
    + `<td><div class="title">${escapeRich(r.title)}</div><div class="reason">${escapeRich(r.reason)}${reading}</div></td></tr>`;
  return main + detail(report, item, id, open);
}

/** The whole rules table, failures first; failure details start expanded. */
export function renderRulesTable(report: ConformanceReport): string {
  const head = '<thead><tr><th scope="col">Rule</th><th scope="col">Verdict</th><th scope="col">Level</th><th scope="col">Service</th>'
    + '<th scope="col" class="num">Cases</th><th scope="col">Rule and result</th></tr></thead>';
  const body = rulesForDisplay(report.rules).map((item) => row(report, item)).join('\n');
  return `<table class="rules" id="rules-table">${head}<tbody>\n${body}\n</tbody></table>`;
}
