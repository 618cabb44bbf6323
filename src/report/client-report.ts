/**
 * The client conformance report of `conformance serve --client-report`: every `*-CLIENT-*`
 * rule judged from the requests that reached the simulator (from an SDK's own test suite, say),
 * with the offending requests as evidence. A rule no request exercised is `not-run`.
 */
import type { Contract } from '../contract/contract.ts';
import type { RecordedExchange } from './exchange.ts';
import { summarise } from './summarise.ts';
import { clientSent, withEvidence } from './client-evidence.ts';
import { curlFor } from './redact.ts';
import type { ConformanceReport, RuleResult, TranscriptStep } from './report-model.ts';

/** Offending requests kept per rule (the first ones seen). */
const EVIDENCE_PER_RULE = 3;

interface Tally {
  ok: number;
  failed: number;
  /** The first failures, with the finding's detail and what the client sent. */
  evidence: Array<{ detail: string; step: TranscriptStep }>;
}

/** True for the rules that judge what a client sent. */
const isClientRule = (id: string): boolean => /^[A-Z]+-CLIENT-/.test(id);

/** Collects findings as the simulator records exchanges; survives the state endpoint's resets. */
export class ClientReportCollector {
  private readonly tallies = new Map<string, Tally>();
  private readonly startedAt = new Date();
  private requests = 0;

  constructor(
    private readonly contracts: readonly Contract[],
    private readonly meta: { toolVersion: string; targetName: string; variants: Record<string, string>; faults: string[] },
  ) {}

  /** Counts one recorded exchange's client findings. */
  observe(exchange: Omit<RecordedExchange, 'seq'>): void {
    this.requests += 1;
    for (const finding of exchange.findings) {
      if (!isClientRule(finding.rule)) continue;
      const tally = this.tallies.get(finding.rule) ?? { ok: 0, failed: 0, evidence: [] };
      this.tallies.set(finding.rule, tally);
      if (finding.ok) {
        tally.ok += 1;
        continue;
      }
      tally.failed += 1;
      if (tally.evidence.length < EVIDENCE_PER_RULE) tally.evidence.push({ detail: withEvidence(finding, exchange).detail, step: stepOf(exchange) });
    }
  }

  /** Requests seen so far. */
  get seen(): number {
    return this.requests;
  }

  /** The report of every client rule of the served services, as of now. */
  build(): ConformanceReport {
    const rules: RuleResult[] = [];
    for (const contract of this.contracts) {
      for (const rule of contract.baseFacts.rules.filter((r) => isClientRule(r.id))) {
        const tally = this.tallies.get(rule.id);
        const base = { id: rule.id, service: contract.service, level: rule.level, category: rule.category, title: rule.title, source: rule.source, durationMs: 0 };
        if (!tally) {
          rules.push({ ...base, verdict: 'not-run', reason: `no request reached the step that judges ${rule.id} (send ${contract.service.toUpperCase()} change-password requests to this simulator)`, cases: 0 });
        } else if (tally.failed > 0) {
          const first = tally.evidence[0]!;
          rules.push({
            ...base,
            verdict: 'fail',
            reason: `${tally.failed} of ${tally.failed + tally.ok} requests broke it; first: ${first.detail}`.slice(0, 500),
            cases: tally.failed + tally.ok,
            counterexample: { summary: `${tally.failed} of ${tally.failed + tally.ok} requests broke ${rule.id}`, received: tally.evidence.map((e) => e.detail).join('\n\n'), documented: rule.title, transcript: tally.evidence.map((e) => e.step) },
          });
        } else {
          rules.push({ ...base, verdict: 'pass', reason: `${tally.ok} requests judged`, cases: tally.ok });
        }
      }
    }
    const services = this.contracts.map((c) => c.service);
    return {
      schemaVersion: '1.1',
      tool: { name: 'pwchange-conformance', version: this.meta.toolVersion },
      target: { name: this.meta.targetName, kind: 'client', capabilities: { setupState: false, moveClock: false, inspect: false, rawRequests: false, judgesClient: true } },
      services,
      seed: 0,
      runs: 1,
      startedAt: this.startedAt.toISOString(),
      durationMs: Date.now() - this.startedAt.getTime(),
      interrupted: false,
      runStatus: 'complete',
      summary: summarise(rules, 'must', 'complete'),
      rules,
      timelines: [],
      observations: [],
      expectedFailureNotes: [],
      faults: [],
      restorations: [],
      invocation: { target: 'serve --client-report', variants: this.meta.variants, faults: this.meta.faults, services, rules: ['*-CLIENT-*'], failOn: 'must' },
    };
  }
}

/** One offending exchange as a transcript step (the recorder already redacted it). */
function stepOf(exchange: Omit<RecordedExchange, 'seq'>): TranscriptStep {
  const { request, response } = exchange;
  const headers = request.headers;
  const url = `http://${headers.host ?? 'simulator'}${request.path}${request.query ? `?${request.query}` : ''}`;
  const shown = { method: request.method, url, headers, body: request.body };
  return { label: `${exchange.at} ${clientSent(exchange).split(' with ')[0]}`, request: shown, response, curl: curlFor(shown) };
}
