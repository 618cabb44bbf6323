import { describe, expect, it } from 'vitest';
import { ClientReportCollector } from './client-report.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';
import type { RecordedExchange } from '../simulator/core/recorder.ts';

const contracts = [loadSpec(builtinSpecPath('bcc')), loadSpec(builtinSpecPath('dcs'))];
const collector = (): ClientReportCollector => new ClientReportCollector(contracts, { toolVersion: '0.0.0', targetName: 'clients', variants: {}, faults: [] });

const exchange = (findings: RecordedExchange['findings']): Omit<RecordedExchange, 'seq'> => ({
  at: '2026-01-01T00:00:00.000Z',
  service: 'dcs',
  operation: 'changePassword',
  request: { method: 'PUT', path: '/v2/p/instances/d/password', query: '', headers: { host: '127.0.0.1:1', authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=<redacted>', 'x-sdk-date': '20260101T000000Z' }, body: '{"old_password":"<redacted>","new_password":"<redacted>"}' },
  response: { status: 401, headers: {}, body: '{"error_code":"APIGW.0301"}' },
  findings,
});

describe('client report', () => {
  it('has every client rule and nothing else; a rule no request reached is not-run', () => {
    const report = collector().build();
    expect(report.rules.map((r) => r.id).sort()).toEqual(['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE', 'DCS-CLIENT-BODY', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-ROUTE', 'DCS-CLIENT-SIGNATURE']);
    expect(report.rules.every((r) => r.verdict === 'not-run' && r.reason.startsWith('no request reached'))).toBe(true);
    // Nothing judged is never conformant.
    expect(report.summary).toMatchObject({ 'not-run': 9, pass: 0, conformant: false });
  });

  it('passes a rule only on judged requests, and fails it with the offending requests and what the client sent', () => {
    const c = collector();
    c.observe(exchange([{ rule: 'DCS-CLIENT-ROUTE', ok: true, detail: 'PUT …' }, { rule: 'DCS-CLIENT-SIGNATURE', ok: true, detail: 'signed by AK' }, { rule: 'DCS-PWD-LENGTH', ok: false, detail: 'not a client rule' }]));
    c.observe(exchange([{ rule: 'DCS-CLIENT-ROUTE', ok: true, detail: 'PUT …' }, { rule: 'DCS-CLIENT-SIGNATURE', ok: false, detail: 'mismatch: Server-side canonical request was "PUT\\n…" and string to sign "SDK-HMAC-SHA256\\n…"' }]));
    const report = c.build();
    const byId = Object.fromEntries(report.rules.map((r) => [r.id, r]));
    expect(byId['DCS-CLIENT-ROUTE']).toMatchObject({ verdict: 'pass', cases: 2 });
    const sig = byId['DCS-CLIENT-SIGNATURE']!;
    expect(sig.verdict).toBe('fail');
    expect(sig.reason).toMatch(/^1 of 2 requests broke it; first: mismatch: Server-side canonical request was/);
    expect(sig.counterexample!.received).toContain('string to sign "SDK-HMAC-SHA256');
    expect(sig.counterexample!.received).toContain('— the client sent: PUT /v2/p/instances/d/password with authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=<redacted>; host: 127.0.0.1:1; x-sdk-date: 20260101T000000Z');
    expect(sig.counterexample!.transcript[0]!.request.url).toBe('http://127.0.0.1:1/v2/p/instances/d/password');
    expect(sig.counterexample!.transcript[0]!.curl).toContain('$AUTHORIZATION');
    expect(report.summary).toMatchObject({ fail: 1, pass: 1, 'not-run': 7, conformant: false });
    expect(c.seen).toBe(2);
  });
});
