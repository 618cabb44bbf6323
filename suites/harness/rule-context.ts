/**
 * What a rule check works with: the target, the documented facts, fresh instances, and
 * helpers that log every exchange into the current case's transcript.
 */
import type { Contract } from '../../src/contract/contract.ts';
import type { ChangePasswordInput } from '../../src/contract/operation.ts';
import type { Exchange, OperationResult, Target } from '../../src/targets/target.ts';
import { exchange, exchangeDraft, outcomeOf } from '../../src/runner/wire-exchange.ts';
import type { RequestDraft } from '../../src/auth/request-draft.ts';
import { NonConformance } from '../../src/errors/non-conformance.ts';
import { Inconclusive } from '../../src/errors/inconclusive.ts';
import { NotImplementedByClient } from '../../src/errors/not-implemented.ts';
import { curlFor, redactBody, redactHeaders } from '../../src/report/redact.ts';
import { sentSecrets } from '../../src/report/sent-secrets.ts';
import type { Counterexample, FailingCaseKey, Timeline, TranscriptStep } from '../../src/report/report-model.ts';
import type { RunSettings } from '../../src/runner/settings.ts';
import { checkResponse, type Finding } from './response-checks.ts';

let instanceCounter = 0;

/** One observation: what the target chose (`choice`) for a silent place (`topic`), and where it was seen. */
export interface Observed {
  topic: string;
  title: string;
  choice: string;
  evidence: string;
}

/** What {@link RuleContext.send} takes: a Fetch `Request` or a signed draft (the suite kits' hand-made requests). */
export type Sendable = Request | RequestDraft;

/** State shared by one rule check. */
export class RuleContext {
  cases = 0;
  /**
   * The current case's steps, kept raw: redacting them and writing their curl costs more than
   * most cases do, and only a failing case's transcript is ever read (issue 17 profile).
   */
  private steps: Array<TranscriptStep | { label: string; raw: Exchange }> = [];
  timelines: Timeline[] = [];
  ambiguity?: { variant: string; reason: string };
  skipReason?: string;
  failure?: { counterexample: Counterexample; replay: FailingCaseKey };
  /** Verdicts on other rules (response shape) made from what this check saw. */
  findings: Finding[] = [];
  /** What the target chose where the documents are silent, one entry per (topic, choice). */
  readonly observations = new Map<string, Observed>();

  constructor(
    readonly rule: string,
    readonly target: Target,
    readonly contract: Contract,
    readonly settings: RunSettings,
    /** The check may lock an instance (live runs use only fixtures allowed to be locked). */
    readonly locks = false,
  ) {
    // Whatever the kit signs with or sends is scrubbed from everything it reports (sent-secrets.ts).
    sentSecrets.addSecretKey(target.credentials.bcc?.secretAccessKey);
    sentSecrets.addSecretKey(target.credentials.dcs?.secretAccessKey);
  }

  /** The documented facts (default readings). */
  get facts(): Contract['facts'] {
    return this.contract.facts;
  }

  /** Unique instance id for this check. */
  newId(prefix: string): string {
    return `${prefix}-${this.rule.toLowerCase()}-${process.pid}-${++instanceCounter}`;
  }

  /** Creates a BCC instance in `status` with a known password. */
  async bccInstance(status: string, adminPass = 'Orig1234!', other?: { instanceId: string }): Promise<{ instanceId: string; password: string }> {
    if (!this.target.state && this.target.fixtures) {
      // `other`: a second instance is wanted, so a live target hands out another fixture.
      const f = await this.target.fixtures.acquire('bcc', status, { lockout: this.locks, exclude: other ? [other.instanceId] : [] });
      sentSecrets.add(f.password);
      return { instanceId: f.instanceId, password: f.password };
    }
    const instanceId = this.newId('i');
    sentSecrets.add(adminPass);
    await this.target.state!.setupBccInstance({ instanceId, status, adminPass });
    return { instanceId, password: adminPass };
  }

  /** Creates a DCS instance in `status` with a known password. */
  async dcsInstance(status: string, password = 'OldPass@123', passwordFree = false, other?: { instanceId: string }): Promise<{ projectId: string; instanceId: string; password: string }> {
    if (!this.target.state && this.target.fixtures) {
      const f = await this.target.fixtures.acquire('dcs', status, { lockout: this.locks, passwordFree, exclude: other ? [other.instanceId] : [] });
      sentSecrets.add(f.password);
      return { projectId: f.projectId!, instanceId: f.instanceId, password: f.password };
    }
    const instanceId = this.newId('dcs');
    const projectId = this.target.credentials.dcs.projectId ?? 'conformance-project';
    sentSecrets.add(password);
    await this.target.state!.setupDcsInstance({ projectId, instanceId, status, password, passwordFree });
    return { projectId, instanceId, password };
  }

  /** The stored password and counters, where the target can show them. */
  async inspect(service: 'bcc' | 'dcs', instance: { instanceId: string; projectId?: string }) {
    const seen = await this.target.state!.inspect({ service, instanceId: instance.instanceId, projectId: instance.projectId });
    sentSecrets.add(seen.password);
    return seen;
  }

  /** A valid change through the target (the kit's builder, or the client under test). */
  async change(label: string, input: ChangePasswordInput): Promise<OperationResult> {
    const sent = input as unknown as Record<string, unknown>;
    for (const field of ['password', 'oldPassword', 'newPassword']) if (typeof sent[field] === 'string') sentSecrets.add(sent[field] as string);
    const result = await this.target.changePassword(input);
    this.log(label, result.exchange);
    if (result.outcome.kind === 'not-implemented') throw new NotImplementedByClient(`${this.target.name} does not implement changePassword for ${input.service}: ${result.outcome.message}`);
    this.stopOnFault(label, result);
    return result;
  }

  /**
   * Sends a hand-made request (needs the rawRequests capability): a Fetch `Request`, or a signed
   * draft, which goes as its `Request` would without one being made where the transport takes
   * drafts (`exchangeDraft`; issue 17, round 5).
   */
  async send(label: string, request: Sendable): Promise<OperationResult & { json: unknown }> {
    if (!this.target.transport) throw new Error(`suite bug: the check of ${this.rule} sends a hand-made request, but does not declare needs: ['rawRequests'] (target ${this.target.name} has no wire transport); use rc.change for a valid change`);
    const sent = request instanceof Request ? await exchange(this.target.transport, request) : await exchangeDraft(this.target.transport, request);
    this.log(label, sent.exchange);
    const result = { outcome: outcomeOf(sent.status, sent.json), exchange: sent.exchange, json: sent.json };
    this.stopOnFault(label, result);
    return result;
  }

  /**
   * A 5xx is the target's fault, not an answer to what this check asks: the check stops without
   * a verdict (the response checks hand the 5xx to the `*-NO-5XX` rule, which judges it alone).
   * The NO-5XX rules look at every answer themselves, so they are exempt.
   */
  private stopOnFault(label: string, result: OperationResult): void {
    const o = result.outcome;
    const noFiveXx = `${this.contract.service.toUpperCase()}-NO-5XX`;
    if (this.rule === noFiveXx || o.kind !== 'error' || o.status === undefined || o.status < 500) return;
    // The label may describe a password: it stays in the (redacted) transcript, out of the reason.
    void label;
    throw new Inconclusive(`the target answered ${o.status}${o.code ? ` ${o.code}` : ''} during the check`, noFiveXx);
  }

  /** The current case's transcript, secrets redacted (built when read). */
  get transcript(): TranscriptStep[] {
    return this.steps.map((step) => ('raw' in step ? redactedStep(step.label, step.raw) : step));
  }

  /** Starts a case's transcript afresh (`rc.transcript = []`), or sets it. */
  set transcript(steps: TranscriptStep[]) {
    this.steps = [...steps];
  }

  /** Records one step of the current case; it is redacted when the transcript is read. */
  log(label: string, ex?: Exchange): void {
    if (!ex) {
      this.steps.push({ label, request: { method: '-', url: '-', headers: {}, body: '' } });
      return;
    }
    sentSecrets.addFromBody(ex.request.body);
    for (const f of checkResponse(this.contract, ex)) if (this.findings.length < 50) this.findings.push(f);
    this.steps.push({ label, raw: ex });
  }

  /** Fails the current case unless `ok`. */
  check(ok: boolean, received: string, documented: string, rule = this.rule): void {
    if (!ok) throw new NonConformance(rule, received, documented);
  }

  /**
   * Records a choice the documents leave to the target (a code, an order of checks, a routing
   * or media-type strictness). Never a verdict: the report lists it as an observation.
   */
  observe(situation: string, title: string, choice: string, evidence: string): void {
    const topic = `${this.contract.service}.${situation}`;
    const key = `${topic}\u0000${choice}`;
    if (!this.observations.has(key) && this.observations.size < 100) this.observations.set(key, { topic, title, choice, evidence });
  }

  /** Parts of the rule this check could not observe (e.g. the stored password without inspect). */
  readonly unchecked = new Set<string>();

  /** Records a part of the rule that could not be observed: the report says so beside the verdict. */
  notChecked(what: string): void {
    this.unchecked.add(what);
  }

  /** Reports the reading the target follows (ambiguity checks). */
  ambiguous(variant: string, reason: string): void {
    this.ambiguity = { variant, reason };
  }

  /** Ends the check as skipped with a reason. */
  skip(reason: string): void {
    this.skipReason = reason;
  }
}

/** One transcript step with secrets redacted and its curl reproducer. */
function redactedStep(label: string, ex: Exchange): TranscriptStep {
  const request = { ...ex.request, headers: redactHeaders(ex.request.headers), body: redactBody(ex.request.body) };
  return { label, request, response: { ...ex.response, body: redactBody(ex.response.body) }, curl: curlFor(request) };
}
