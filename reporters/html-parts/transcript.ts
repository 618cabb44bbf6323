/** Counterexample transcripts for the HTML report: request/response pairs, copyable curl and replay commands. */
import type { Counterexample, ReplayKey, TranscriptStep } from '../../src/report/report-model.ts';
import { escapeHtml } from './escape.ts';

/** A `<pre>` with a caption and a "Copy" button (the page script copies the `<pre>`'s text). */
export function copyable(caption: string, text: string, id: string): string {
  return `<div class="copyable"><div class="caption"><span>${escapeHtml(caption)}</span>`
    + `<button type="button" class="copy" data-copy="${escapeHtml(id)}" aria-label="Copy ${escapeHtml(caption)}">Copy</button></div>`
    + `<pre id="${escapeHtml(id)}" class="code">${escapeHtml(text)}</pre></div>`;
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers).map(([k, v]) => `\n<span class="hn">${escapeHtml(k)}</span>: ${escapeHtml(v)}`).join('');
}

/** JSON objects and arrays indented for reading (the embedded data and curl keep the exact bytes); anything else as sent. */
export function readableBody(body: string): string {
  if (!/^\s*[[{]/.test(body) || body.length > 100_000) return body;
  try {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    return pretty.length > body.length + 2 ? pretty : body;
  } catch {
    return body;
  }
}

function bodyPart(body: string): string {
  return body === '' ? '\n\n<span class="muted">(empty body)</span>' : `\n\n${escapeHtml(readableBody(body))}`;
}

function statusClass(status: number): string {
  return status >= 500 ? 's5' : status >= 400 ? 's4' : status >= 300 ? 's3' : 's2';
}

function step(s: TranscriptStep, n: number, idPrefix: string): string {
  const rq = s.request;
  const request = `<div class="msg req"><div class="caption"><span>Request</span></div>`
    + `<pre class="code"><span class="method">${escapeHtml(rq.method)}</span> ${escapeHtml(rq.url)}${headerLines(rq.headers)}${bodyPart(rq.body)}</pre></div>`;
  const rs = s.response;
  const response = rs
    ? `<div class="msg res"><div class="caption"><span>Response <span class="status ${statusClass(rs.status)}">${rs.status}</span></span></div>`
      + `<pre class="code"><span class="method">HTTP ${rs.status}</span>${headerLines(rs.headers)}${bodyPart(rs.body)}</pre></div>`
    : '<div class="msg res"><div class="caption"><span>Response</span></div><p class="muted">No response arrived.</p></div>';
  const curl = s.curl ? copyable('curl', s.curl, `${idPrefix}-curl-${n}`) : '';
  return `<li class="step"><h4>Step ${n}: ${escapeHtml(s.label)}</h4><div class="exchange">${request}${response}</div>${curl}</li>`;
}

/** The counterexample: summary, received vs documented, then each exchange. */
export function renderCounterexample(cx: Counterexample, idPrefix: string): string {
  const steps = cx.transcript.map((s, i) => step(s, i + 1, idPrefix)).join('');
  return `<section class="cx"><h3>Counterexample</h3><p class="cx-summary">${escapeHtml(cx.summary)}</p>`
    + `<div class="compare"><div class="received"><h4>Received</h4><p>${escapeHtml(cx.received)}</p></div>`
    + `<div class="documented"><h4>Documented</h4><p>${escapeHtml(cx.documented)}</p></div></div>`
    + (steps ? `<ol class="transcript">${steps}</ol>` : '<p class="muted">No exchanges were recorded.</p>')
    + '</section>';
}

/** The replay command with its seed and shrink path. */
export function renderReplay(replay: ReplayKey, idPrefix: string): string {
  const path = (replay.path ? `, shrink path <code>${escapeHtml(replay.path)}</code>` : '')
    + (replay.replayPath ? `, model replay path <code>${escapeHtml(replay.replayPath)}</code>` : '');
  return `<section class="replay"><h3>Replay</h3><p>Re-runs exactly this case: property “${escapeHtml(replay.property)}”, seed <code>${escapeHtml(replay.seed)}</code>${path}.</p>`
    + `${copyable('replay command', replay.command, `${idPrefix}-replay`)}</section>`;
}
