/**
 * How suites judge one answer: accepted, rejected with the documented status and code (any
 * 4xx where the vendor documents no code), never a 5xx; and whether the password changed.
 */
import type { ChangePasswordOutcome } from '../../src/contract/operation.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import type { RuleContext } from './rule-context.ts';

/** One-line description of an outcome for "received …" messages. */
export function describeOutcome(outcome: ChangePasswordOutcome): string {
  switch (outcome.kind) {
    case 'success': {
      const result = (outcome.body as Record<string, unknown> | undefined)?.result;
      return `${outcome.status ?? 'success'}${result !== undefined ? ` result=${String(result)}` : ''}`;
    }
    case 'error':
      return `${outcome.status ?? '?'} ${outcome.code ?? '(no code)'}`;
    case 'exception':
      return `exception ${outcome.name}: ${outcome.message}`;
    case 'not-implemented':
      return `not implemented: ${outcome.message}`;
  }
}

/** What the spec requires for a situation: documented codes with their source, or any 4xx and why. */
export function documentedRejection(rc: RuleContext, situation: string): { codes: Array<{ code: string; status: number }>; anyClientError: boolean; title: string; text: string } {
  const e = rc.facts.expectations[situation];
  if (!e) throw new Error(`suite bug: situation "${situation}" is not declared under x-conformance.expectations of the ${rc.contract.service} spec`);
  const codes = (e.codes ?? []).map((code) => ({ code, status: rc.facts.errors[code]!.status }));
  const text = codes.length > 0 ? `${codes.map((c) => `${c.status} ${c.code}`).join(' or ')} (${e.source})` : `a 4xx with the documented error body (any code: ${e.because})`;
  return { codes, anyClientError: codes.length === 0, title: e.title, text };
}

/** Fails unless the change was accepted (2xx; for DCS also result "success"). */
export function expectAccepted(rc: RuleContext, result: OperationResult, documented = '200'): void {
  const o = result.outcome;
  const dcsResult = (o.kind === 'success' ? (o.body as Record<string, unknown> | undefined)?.result : undefined) as string | undefined;
  const ok = o.kind === 'success' && (dcsResult === undefined || dcsResult === rc.facts.lockout?.results.success);
  rc.check(ok, describeOutcome(o), documented);
}

/** True for a 4xx (or an SDK error that surfaces no status). */
function isClientError(o: ChangePasswordOutcome): boolean {
  return o.kind === 'error' && (o.status === undefined || (o.status >= 400 && o.status < 500));
}

/** Records which answer the target gave where the documents leave a choice. */
function observeRejection(rc: RuleContext, situation: string, title: string, result: OperationResult, label?: string): void {
  const o = result.outcome;
  if (o.kind !== 'error') return;
  const where = result.exchange ? `${result.exchange.request.method} ${new URL(result.exchange.request.url).pathname}` : 'through the client';
  rc.observe(situation, title, `${o.status ?? '(no status)'} ${o.code ?? '(no code)'}`, `${label ?? rc.rule}: ${where}`);
}

/**
 * Fails unless the answer is the rejection the spec requires for `situation`: one of the
 * documented codes with its status, or — where no document names one — any 4xx (the target's
 * choice is recorded as an observation). A 2xx or a 5xx always fails.
 */
export function expectRejected(rc: RuleContext, result: OperationResult, situation: string, rule = rc.rule, label?: string): void {
  const o = result.outcome;
  const doc = documentedRejection(rc, situation);
  if (o.kind !== 'error') {
    rc.check(false, describeOutcome(o), doc.text, rule);
    return;
  }
  if (o.status !== undefined && o.status >= 500) rc.check(false, describeOutcome(o), `${doc.text}, never a 5xx`, rule);
  if (doc.anyClientError) rc.check(isClientError(o), describeOutcome(o), doc.text, rule);
  else rc.check(doc.codes.some((c) => (o.status === undefined || o.status === c.status) && o.code === c.code), describeOutcome(o), doc.text, rule);
  if (doc.anyClientError || doc.codes.length > 1) observeRejection(rc, situation, doc.title, result, label);
}

/** Fails unless the answer satisfies one of `situations` (e.g. a body that is both empty and not JSON). */
export function expectRejectedAsOneOf(rc: RuleContext, result: OperationResult, situations: readonly string[], rule = rc.rule): void {
  const docs = situations.map((s) => ({ s, d: documentedRejection(rc, s) }));
  const o = result.outcome;
  const fits = docs.filter(({ d }) => o.kind === 'error' && !(o.status !== undefined && o.status >= 500) && (d.anyClientError ? isClientError(o) : d.codes.some((c) => (o.status === undefined || o.status === c.status) && o.code === c.code)));
  rc.check(fits.length > 0, describeOutcome(o), docs.map(({ d }) => d.text).join('; or '), rule);
  const open = fits.find(({ d }) => d.anyClientError || d.codes.length > 1);
  if (open) observeRejection(rc, open.s, open.d.title, result);
}

/** Fails if a 5xx came back (the answer itself may be anything else). */
export function expectNo5xx(rc: RuleContext, result: OperationResult, rule = rc.rule): void {
  const o = result.outcome;
  rc.check(!(o.kind === 'error' && o.status !== undefined && o.status >= 500), describeOutcome(o), 'a 4xx, never a 5xx', rule);
}

/** With inspect: fails unless the stored password is `expected`; without, records that it was not checked. */
export async function expectPassword(rc: RuleContext, service: 'bcc' | 'dcs', instance: { instanceId: string; projectId?: string }, expected: string, what: string): Promise<void> {
  // Never a silent pass: the report says which part of the rule could not be observed.
  if (!rc.target.capabilities.inspect) return rc.notChecked(`the stored password (${what}): target ${rc.target.name} cannot inspect state`);
  const seen = await rc.inspect(service, instance);
  rc.check(seen.password === expected, `the stored password is not the one expected (${what})`, what);
}
