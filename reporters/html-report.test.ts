import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { VERDICTS, type ConformanceReport } from '../src/report/report-model.ts';
import { htmlReport } from './html-report.ts';
import { escapeHtml, escapeRich, jsonForScript } from './html-parts/escape.ts';
import { layout, markKind, renderTimelineSvg } from './html-parts/timeline-svg.ts';
import { readableBody } from './html-parts/transcript.ts';
import { sampleReport, unfinishedReport } from './fixtures/sample-report.ts';
import { IMG_PAYLOAD, SCRIPT_PAYLOAD, firstWith, hostileReport } from './fixtures/hostile-report.ts';

const DATA_OPEN = '<script type="application/json" id="report-data">';

/** The embedded report JSON, parsed. */
function embedded(html: string): ConformanceReport {
  const start = html.indexOf(DATA_OPEN);
  const end = html.indexOf('</script>', start);
  expect(start).toBeGreaterThan(0);
  return JSON.parse(html.slice(start + DATA_OPEN.length, end)) as ConformanceReport;
}

/** The page without the places where URLs are data: the JSON, `<pre>`, `<code>` and `<title>`. */
function withoutData(html: string): string {
  return html
    .replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<(pre|code|title)\b[^>]*>[\s\S]*?<\/\1>/g, '');
}

const sha256 = (s: string): string => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('HTML report', () => {
  const html = htmlReport.render(sampleReport);

  it('is self-contained: nothing to fetch, and a CSP that forbids fetching', () => {
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href|action|srcset|poster|formaction|xlink:href)\s*=\s*["']?\s*(https?:|\/\/)/i);
    expect(html).not.toMatch(/url\(|@import|@font-face/i);
    expect(html).not.toMatch(/<(img|iframe|object|embed|video|audio|source)\b/i);
    for (const m of html.matchAll(/\bhref="([^"]*)"/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
    expect(withoutData(html)).not.toMatch(/https?:\/\//);
    expect(html).toContain('http://127.0.0.1:8787'); // …but the URLs are there, as data
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/https?:|\*|'unsafe-inline'/);
  });

  it('allows exactly its own inline style and script by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? 'missing';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? 'missing';
    expect(csp).toContain(`style-src ${sha256(style)}`);
    expect(csp).toContain(`script-src ${sha256(script)}`);
  });

  it('embeds the report JSON so that it parses back unchanged, even with script-closing text', () => {
    expect(embedded(html)).toEqual(sampleReport);
    const hostile = hostileReport();
    const out = htmlReport.render(hostile);
    expect(embedded(out)).toEqual(hostile);
    expect(out.match(/<\/script>/g)).toHaveLength(2); // only the two real elements close
    expect(withoutData(out).match(/<script\b/g)).toHaveLength(1); // the page script; the hostile text is escaped
    const data = out.slice(out.indexOf(DATA_OPEN) + DATA_OPEN.length, out.lastIndexOf('<script>'));
    expect(data).not.toContain('<!--');
    expect(data).toContain('<\\/script>');
  });

  it('escapes rule text, bodies and the target name wherever they appear', () => {
    const hostile = hostileReport();
    const out = htmlReport.render(hostile).replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/, '');
    expect(out).not.toContain(IMG_PAYLOAD);
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toContain('<b>bold</b>');
    expect(out).toContain('emulator &quot;&lt;b&gt;bold&lt;/b&gt;&quot; &amp; co');
    expect(out).not.toContain(SCRIPT_PAYLOAD);
    expect(out).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;!--');
    expect(out).toContain('<i>markup</i>'.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(out).toContain('bell␁esc␛[31mred␋vt␡del');
  });

  it('has an observations section with every observation, escaped', () => {
    const section = html.slice(html.indexOf('<section class="card" id="observations"'), html.indexOf('</section>', html.indexOf('id="observations"')));
    expect(section).toContain('Observations — what the target chose where the documents are silent');
    for (const o of sampleReport.observations) expect(section).toContain(`<td>${escapeHtml(o.topic)}</td><td><code>${escapeHtml(o.choice)}</code></td><td class="num">${o.count}</td>`);
    const hostile = htmlReport.render(hostileReport()).replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/, '');
    const hs = hostile.slice(hostile.indexOf('id="observations"'));
    expect(hs).not.toContain(IMG_PAYLOAD);
    expect(hs).not.toContain('<script>alert(3)');
    expect(hs).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(htmlReport.render({ ...structuredClone(sampleReport), observations: [] })).not.toContain('id="observations"');
  });

  it('never shows Conformant, CONFORMANT or ✅ for a run that did not complete, and says why', () => {
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as const) {
      const out = htmlReport.render(unfinishedReport(status));
      expect(out, status).not.toMatch(/CONFORMANT|✅|"conformant":true|✔ Conformant/);
      expect(out, status).toMatch(/<span class="overall none">⚠ (No verdict|Incomplete) — /);
      expect(out, status).toContain(`<dt>Run status</dt><dd>${status} — sample ${status}</dd>`);
      expect(out, status).toMatch(/class="badge v-not-run">not run <strong>[1-9]/);
    }
  });

  it('has the accessible basics: lang, one h1, scoped headers, typed buttons', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const th of html.match(/<th\b[^>]*>/g) ?? []) expect(th).toMatch(/scope="(col|row)"/);
    const buttons = html.match(/<button\b[^>]*>/g) ?? [];
    expect(buttons.length).toBeGreaterThan(sampleReport.rules.length);
    for (const b of buttons) expect(b).toContain('type="button"');
    expect(html).not.toMatch(/<(div|span|td)[^>]*onclick/i);
  });

  it('shows header counts, a row per rule (failures first) and opens failure details', () => {
    for (const v of VERDICTS) expect(html).toMatch(new RegExp(`class="badge v-${v}">[^<]*<strong>${sampleReport.summary[v]}</strong>`));
    expect(html).toContain('✘ Not conformant');
    expect(html).toContain(`<dt>Seed</dt><dd>${sampleReport.seed}</dd>`);
    const rows = [...html.matchAll(/<tr class="rule v-row-([\w-]+)" data-index="(\d+)"/g)];
    expect(rows).toHaveLength(sampleReport.rules.length);
    expect(rows.slice(0, 2).map((m) => m[1])).toEqual(['fail', 'fail']);
    const details = [...html.matchAll(/<tr class="detail" id="detail-(\d+)" data-index="\d+"( hidden)?>/g)];
    for (const d of details) expect(d[2] === undefined).toBe(sampleReport.rules[Number(d[1])]?.verdict === 'fail');
    for (const s of sampleReport.services) expect(html).toContain(`<option value="${s}">${s}</option>`);
  });

  it('shows each failure as a transcript with copyable curl and the replay command', () => {
    const fail = firstWith(sampleReport, 'fail');
    const step = fail.counterexample?.transcript[0];
    expect(html).toContain(`<span class="method">${step?.request.method}</span> ${escapeHtml(step?.request.url ?? '')}`);
    expect(html).toContain(`<span class="method">HTTP ${step?.response?.status}</span>`);
    expect(html).toContain(`>${escapeHtml(step?.curl ?? 'x')}</pre>`);
    expect(html).toMatch(/<button type="button" class="copy" data-copy="(r\d+-[\w-]+-curl-1)"[^>]*>Copy<\/button><\/div><pre id="\1"/);
    expect(html).toContain(`>${escapeHtml(fail.replay?.command ?? 'x')}</pre>`);
  });

  it('draws a timeline per lockout sequence, labelled with retries and lock minutes', () => {
    const svgs = html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(sampleReport.timelines.length);
    const first = svgs[0] ?? '';
    const steps = sampleReport.timelines[0]?.steps ?? [];
    expect(first.match(/<g class="tl-step">/g)).toHaveLength(steps.length);
    expect(first).toContain('>4 retries left<');
    expect(first).toContain('>lock 5 min left<');
    expect(first).toContain('+300 s');
    expect(first).toMatch(/role="img" aria-label="Timeline of DCS-LOCK-DURATION: 0 s: wrong → passwordFailed/);
    expect(first.match(/class="mk mk-locked"/g)).toHaveLength(2);
    expect(first.match(/class="mk mk-ok"/g)).toHaveLength(1);
  });

  it('lays out marks at least a label apart, with an axis break for long gaps', () => {
    const steps = sampleReport.timelines[0]?.steps ?? [];
    const { xs, breaks } = layout(steps);
    const gaps = xs.slice(1).map((x, i) => x - (xs[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
    expect(breaks.filter(Boolean)).toHaveLength(1);
    expect(breaks[steps.findIndex((s) => s.action === 'advance')]).toBe(true);
    expect(markKind({ t: 0, action: 'bad-new', result: '400 DCS.4019' })).toBe('error');
    expect(renderTimelineSvg({ rule: 'X', label: 'x', steps: [] })).toContain('no steps recorded');
  });

  it('escapes helpers exactly', () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
    expect(escapeRich('use `<b>` & `x`')).toBe('use <code>&lt;b&gt;</code> &amp; <code>x</code>');
    expect(jsonForScript({ a: '</script><!-- \u2028' })).toBe('{"a":"<\\/script>\\u003c!-- \\u2028"}');
    expect(JSON.parse(jsonForScript({ a: '</script><!-- \u2028' }))).toEqual({ a: '</script><!-- \u2028' });
  });

  it('indents JSON bodies for reading and leaves other bodies as sent', () => {
    expect(readableBody('{"a":"1","b":[2]}')).toBe('{\n  "a": "1",\n  "b": [\n    2\n  ]\n}');
    expect(readableBody('{"a":')).toBe('{"a":');
    expect(readableBody('{}')).toBe('{}');
    expect(readableBody('adminPass=x&y')).toBe('adminPass=x&y');
    expect(html).toContain('  &quot;retry_times_left&quot;: &quot;0&quot;,');
  });
});
