import { describe, it, expect } from 'vitest';
import type { ConformanceReport } from '../src/report/report-model.ts';
import { junitReport, xmlAttr, xmlText } from './junit-report.ts';
import { sampleReport, unfinishedReport } from './fixtures/sample-report.ts';
import { CONTROL_PAYLOAD, IMG_PAYLOAD, SCRIPT_PAYLOAD, firstWith, hostileReport } from './fixtures/hostile-report.ts';

/** A parsed element; `text` is the decoded character data directly inside it. */
interface XmlNode { name: string; attrs: Record<string, string>; children: XmlNode[]; text: string }

const ENTITY = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;
const decode = (s: string): string => s.replace(ENTITY, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)));

/** A strict little XML 1.0 parser for what the writer emits: throws on anything not well-formed. */
function parseXml(xml: string): XmlNode {
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (body === xml) throw new Error('missing XML declaration');
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const token = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    const top = stack[stack.length - 1]!;
    if (stray) throw new Error(`stray "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(text)) throw new Error(`bare & in text: ${text.slice(0, 60)}`);
      if (text.includes('>') && text.includes(']]>')) throw new Error(']]> in text');
      top.text += decode(text);
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
      if (/&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.test(a[2]!)) throw new Error(`bare & in attribute ${a[1]}`);
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1]!] = decode(a[2]!);
    }
    const node: XmlNode = { name: name!, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('not exactly one root element');
  return root.children[0]!;
}

const all = (n: XmlNode, name: string): XmlNode[] => [...(n.name === name ? [n] : []), ...n.children.flatMap((c) => all(c, name))];
const count = (r: ConformanceReport, v: string): number => r.rules.filter((x) => x.verdict === v).length;

describe('JUnit report', () => {
  const xml = junitReport.render(sampleReport);
  const doc = parseXml(xml);

  it('has one suite per service and one testcase per rule, with matching counts', () => {
    expect(doc.name).toBe('testsuites');
    const suites = all(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['bcc', 'dcs']);
    expect(all(doc, 'testcase')).toHaveLength(sampleReport.rules.length);
    expect(all(doc, 'failure')).toHaveLength(count(sampleReport, 'fail'));
    expect(all(doc, 'skipped')).toHaveLength(count(sampleReport, 'skip'));
    expect(doc.attrs).toMatchObject({ tests: String(sampleReport.rules.length), failures: '2', skipped: '3', errors: '0' });
    for (const s of suites) {
      const rules = sampleReport.rules.filter((r) => r.service === s.attrs.name);
      expect(s.attrs.tests).toBe(String(rules.length));
      expect(s.attrs.failures).toBe(String(rules.filter((r) => r.verdict === 'fail').length));
      expect(s.attrs.skipped).toBe(String(rules.filter((r) => r.verdict === 'skip').length));
      for (const c of all(s, 'testcase')) expect(c.attrs.classname).toBe(s.attrs.name);
    }
  });

  it('names testcases "ID: title" and puts received, documented and replay in the failure', () => {
    const rule = firstWith(sampleReport, 'fail');
    const tc = all(doc, 'testcase').find((c) => c.attrs.name === `${rule.id}: ${rule.title}`);
    const failure = tc?.children.find((c) => c.name === 'failure');
    expect(failure?.attrs).toEqual({ message: rule.reason, type: rule.level });
    expect(failure?.text).toContain(`received:   ${rule.counterexample?.received}`);
    expect(failure?.text).toContain(`documented: ${rule.counterexample?.documented}`);
    expect(failure?.text).toContain(rule.replay?.command);
    expect(failure?.text).toContain(rule.counterexample?.transcript[0]?.curl);
  });

  it('skips with the reason, and passes ambiguous and expected-fail rules with a system-out', () => {
    const skip = firstWith(sampleReport, 'skip');
    const amb = firstWith(sampleReport, 'ambiguous');
    const xf = firstWith(sampleReport, 'expected-fail');
    const byId = (id: string): XmlNode | undefined => all(doc, 'testcase').find((c) => c.attrs.name?.startsWith(`${id}: `));
    expect(byId(skip.id)?.children.map((c) => [c.name, c.attrs.message])).toEqual([['skipped', skip.reason]]);
    const ambCase = byId(amb.id);
    expect(ambCase?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(ambCase?.children[0]?.text).toContain(`reading "${amb.variant}"`);
    expect(byId(xf.id)?.children.map((c) => c.name)).toEqual(['system-out']);
    expect(byId(xf.id)?.children[0]?.text).toContain(xf.reason);
    expect(byId(firstWith(sampleReport, 'pass').id)?.children).toEqual([]);
  });

  it('puts each observation as a property of the testcase of its first rule, never as a failure', () => {
    for (const o of sampleReport.observations) {
      const tc = all(doc, 'testcase').find((c) => c.attrs.name?.startsWith(`${o.rule}: `));
      const props = all(tc!, 'property');
      expect(props.map((p) => p.attrs.name)).toEqual([`observation: ${o.topic}`]);
      expect(props[0]?.attrs.value).toBe(`${o.choice} (seen ${o.count}×) — ${o.evidence}`);
      expect(all(tc!, 'failure')).toEqual([]);
    }
    expect(all(doc, 'failure')).toHaveLength(count(sampleReport, 'fail'));
    const hostile = parseXml(junitReport.render(hostileReport()));
    const value = all(hostile, 'property').find((p) => p.attrs.name?.startsWith('observation: '));
    expect(value?.attrs.name).toContain(IMG_PAYLOAD);
    expect(value?.attrs.value).toContain(SCRIPT_PAYLOAD);
  });

  it('a run that did not complete: not-run rules are skipped (never passed), the run status is in system-err, and no CONFORMANT', () => {
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as const) {
      const report = unfinishedReport(status);
      const out = junitReport.render(report);
      const d = parseXml(out);
      expect(out, status).not.toMatch(/CONFORMANT|✅/);
      expect(all(d, 'skipped'), status).toHaveLength(count(report, 'skip') + count(report, 'not-run'));
      expect(d.attrs.skipped).toBe(String(count(report, 'skip') + count(report, 'not-run')));
      expect(all(d, 'system-err').map((n) => n.text).join('\n'), status).toContain(`run status ${status}`);
      expect(all(d, 'property').find((p) => p.attrs.name === 'runStatus')?.attrs.value).toBe(status);
      expect(all(d, 'property').find((p) => p.attrs.name === 'conformant')?.attrs.value).toBe('false');
    }
  });

  it('reports faults and expected-failure notes in system-err', () => {
    const err = all(doc, 'system-err').map((n) => n.text).join('\n');
    for (const f of sampleReport.faults) expect(err).toContain(f);
    for (const n of sampleReport.expectedFailureNotes) expect(err).toContain(n);
  });

  it('stays well-formed with markup, quotes, ampersands and control characters, which it escapes or strips', () => {
    const hostile = hostileReport();
    const hxml = junitReport.render(hostile);
    const hdoc = parseXml(hxml);
    const rule = firstWith(hostile, 'fail');
    const tc = all(hdoc, 'testcase').find((c) => c.children.some((x) => x.name === 'failure'));
    expect(tc?.attrs.name).toBe(`${rule.id}: ${rule.title}`);
    expect(tc?.attrs.name).toContain(IMG_PAYLOAD);
    const message = tc?.children[0]?.attrs.message ?? '';
    expect(message).toContain(SCRIPT_PAYLOAD);
    expect(message).toContain('& \'single\' "double"');
    expect(message).toContain('bellesc[31mredvtdel');
    expect(hxml).not.toMatch(/[\u0001\u001b\u000b\u007f]/);
    expect(hxml).not.toContain(IMG_PAYLOAD);
    expect(hxml).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(all(hdoc, 'testsuites')[0]?.attrs.name).toContain('emulator "<b>bold</b>" & co');
  });

  it('escapes text and attributes exactly', () => {
    expect(xmlText('a<b>&c\u0000\u0008\t\n')).toBe('a&lt;b&gt;&amp;c\t\n');
    expect(xmlAttr('"x" \'y\'\n\t<&')).toBe('&quot;x&quot; &apos;y&apos;&#10;&#9;&lt;&amp;');
    expect(xmlText('lone \uD800 surrogate, pair \uD83D\uDE00 kept')).toBe('lone  surrogate, pair \uD83D\uDE00 kept');
  });
});
