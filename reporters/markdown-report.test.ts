import { describe, it, expect } from 'vitest';
import { VERDICTS } from '../src/report/report-model.ts';
import { fenced, inline, markdownReport } from './markdown-report.ts';
import { VERDICT_LABEL, rulesForDisplay } from './report-text.ts';
import { sampleReport, unfinishedReport } from './fixtures/sample-report.ts';
import { IMG_PAYLOAD, SCRIPT_PAYLOAD, firstWith, hostileReport } from './fixtures/hostile-report.ts';

/** Table rows (lines starting with `|`) right after a header line matching `head`. */
function tableAfter(md: string, head: RegExp): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

describe('Markdown report', () => {
  const md = markdownReport.render(sampleReport);

  it('starts with a heading naming the target, then the verdict line and the seed', () => {
    const [heading, , verdict, , meta] = md.split('\n');
    expect(heading).toBe(`## ❌ Conformance: \`http://127.0.0.1:8787\` — not conformant · seed ${sampleReport.seed}`);
    expect(verdict).toBe('**Not conformant: 2 MUST failures of 23 rules (fail-on: must)**');
    expect(meta).toContain(`seed \`${sampleReport.seed}\``);
    expect(meta).toMatch(/^MUST rules judged: 16 of 19 \(84%\) · /);
  });

  it('has an observations section: topic, choice, count, first rule and evidence', () => {
    const rows = tableAfter(md, /^\| Topic \| Choice \| Seen \| First rule \| Evidence \|$/);
    expect(md).toContain('### Observations — what the target chose where the documents are silent');
    expect(rows.map((r) => r.slice(1, 4))).toEqual([['400 InvalidParameter', '100', '`BCC-PWD-SYMBOLS`'], ['404 (not routed)', '1', '`DCS-AUTH-SIGNATURE`']]);
    const none = markdownReport.render({ ...structuredClone(sampleReport), observations: [] });
    expect(none).not.toContain('### Observations');
  });

  it('escapes hostile observations', () => {
    const out = markdownReport.render(hostileReport());
    const section = out.slice(out.indexOf('### Observations'));
    expect(section).not.toContain('<script>');
    expect(section).not.toContain(SCRIPT_PAYLOAD);
    expect(section).not.toContain(IMG_PAYLOAD);
    expect(section).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const rows = tableAfter(out, /^\| Topic \| Choice/);
    expect(rows.every((r) => r.length === 5)).toBe(true);
  });

  it('never shows CONFORMANT or ✅ for a run that did not complete; names the run status and the not-run rules', () => {
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as const) {
      const out = markdownReport.render(unfinishedReport(status));
      expect(out, status).not.toMatch(/CONFORMANT|✅/);
      expect(out.split('\n')[0], status).toMatch(/^## ⚠️ Conformance: .* — (no verdict|incomplete) — /);
      expect(out, status).toContain(`${VERDICT_LABEL['not-run']} |`);
    }
    expect(markdownReport.render(unfinishedReport('target-unreachable')).split('\n')[0]).toContain('no verdict — target unreachable');
  });

  it('has a summary table with the count of every verdict and the total', () => {
    const rows = tableAfter(md, /^\| Verdict \| Rules \|$/);
    expect(rows).toHaveLength(VERDICTS.length + 1);
    VERDICTS.forEach((v, i) => {
      expect(rows[i]?.[0]).toContain(VERDICT_LABEL[v]);
      expect(rows[i]?.[1]).toBe(String(sampleReport.summary[v]));
    });
    expect(rows[VERDICTS.length]).toEqual(['**total**', `**${sampleReport.rules.length}**`]);
  });

  it('lists every rule once, failures first, with level, verdict, cases and reason', () => {
    const rows = tableAfter(md, /^\| Rule \| Level \| Verdict \| Cases \| Reason \|$/);
    expect(rows.map((r) => r[0])).toEqual(rulesForDisplay(sampleReport.rules).map(({ rule }) => `\`${rule.id}\``));
    const fail = firstWith(sampleReport, 'fail');
    expect(rows[0]).toEqual([`\`${fail.id}\``, fail.level, '❌ fail', String(fail.cases), fail.reason]);
    expect(rows.filter((r) => r[2]?.endsWith(' fail') && !r[2].includes('expected'))).toHaveLength(2);
  });

  it('has one details block per failure with transcript, curl and replay in fenced blocks', () => {
    const blocks = md.split('<details>').slice(1).map((b) => b.slice(0, b.indexOf('</details>')));
    const failures = sampleReport.rules.filter((r) => r.verdict === 'fail');
    expect(blocks).toHaveLength(failures.length);
    failures.forEach((rule, i) => {
      const block = blocks[i] ?? '';
      expect(block).toContain(`<summary><code>${rule.id}</code> (${rule.level})`);
      expect(block).toMatch(/<\/summary>\n\n/);
      for (const step of rule.counterexample?.transcript ?? []) {
        expect(block).toContain(`\`\`\`http\n${step.request.method} ${step.request.url}\n`);
        expect(block).toContain(`\`\`\`http\nHTTP ${step.response?.status}\n`);
        expect(block).toContain(`\`\`\`sh\n${step.curl}\n\`\`\``);
      }
      expect(block).toContain(`\`\`\`sh\n${rule.replay?.command}\n\`\`\``);
    });
  });

  it('lists timelines, expected-failure notes and faults', () => {
    expect(md).toContain('### Lockout timelines');
    expect(md).toContain('4 s wrong → locked (0 left, lock 5 min)');
    expect(md).toContain('### Expected-failures file');
    expect(md).toContain('### Transport faults');
  });

  it('escapes hostile text: no raw script, img or table-breaking pipes', () => {
    expect(md).not.toMatch(/<script/i);
    const h = hostileReport();
    const out = markdownReport.render(h);
    // Fenced code renders as text, so bodies and curl stay byte-exact there; everywhere else markup is escaped.
    const prose = out.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
    expect(prose.length).toBeLessThan(out.length);
    expect(prose).not.toMatch(/<script/i);
    expect(out.match(/<script/gi)?.length).toBe(2); // the hostile response body and curl, both inside fences
    expect(out).not.toContain(IMG_PAYLOAD);
    expect(out).not.toContain('<i>markup</i>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const rows = tableAfter(out, /^\| Rule \| Level \| Verdict \| Cases \| Reason \|$/);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows).toHaveLength(h.rules.length);
    // The hostile curl holds a ``` run; its fence must be longer so the block cannot be closed early.
    expect(out).toContain('````sh\ncurl -sS');
  });

  it('escapes inline text and keeps code spans', () => {
    expect(inline('a | b *c* <x> & `d|e` `<f>`')).toBe('a \\| b \\*c\\* &lt;x&gt; &amp; `d\\|e` <code>&lt;f&gt;</code>');
    expect(inline('one\ntwo')).toBe('one<br>two');
    // DCS-A4's reason quotes a password holding a lone backtick, then names the reading in a code span.
    expect(inline('"wW8`xX9~" (64 chars) accepted (reading: `current-8-64`)')).toBe('"wW8\\`xX9\\~" (64 chars) accepted (reading: `current-8-64`)');
    expect(fenced('x ``` y', 'sh')).toBe('````sh\nx ``` y\n````');
  });
});
