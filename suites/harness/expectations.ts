/**
 * How suites judge one answer: accepted, rejected with the documented status and code (any
 * 4xx where the vendor documents no code), never a 5xx; and whether the password changed.
 */
import type { Outcome } from '../../src/drivers/driver.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import type { RuleContext } from './rule-context.ts';

/** One-line description of an outcome for "received …" messages. */
export function describeOutcome(outcome: Outcome): string {
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

/** The status and code the spec documents for `code`, and whether any 4xx will do. */
export function documentedRejection(rc: RuleContext, code: string): { status: number; code: string; anyClientError: boolean; text: string } {
  const e = rc.facts.errors[code];
  if (!e) throw new Error(`suite bug: code ${code} is not declared in the spec`);
  return { status: e.status, code, anyClientError: !e.documented, text: e.documented ? `${e.status} ${code}` : `a 4xx (the vendor documents no code; ${e.status} ${code} would fit)` };
}

/** Fails unless the change was accepted (2xx; for DCS also result "success"). */
export function expectAccepted(rc: RuleContext, result: OperationResult, documented = '200'): void {
  const o = result.outcome;
  const dcsResult = (o.kind === 'success' ? (o.body as Record<string, unknown> | undefined)?.result : undefined) as string | undefined;
  const ok = o.kind === 'success' && (dcsResult === undefined || dcsResult === rc.facts.lockout?.results.success);
  rc.check(ok, describeOutcome(o), documented);
}

/** Fails unless rejected with the documented status and code (or any 4xx when undocumented). */
export function expectRejected(rc: RuleContext, result: OperationResult, code: string, rule = rc.rule): void {
  const o = result.outcome;
  const doc = documentedRejection(rc, code);
  if (o.kind !== 'error') {
    rc.check(false, describeOutcome(o), doc.text, rule);
    return;
  }
  if (o.status !== undefined && o.status >= 500) rc.check(false, describeOutcome(o), `${doc.text}, never a 5xx`, rule);
  if (doc.anyClientError) rc.check(o.status === undefined || (o.status >= 400 && o.status < 500), describeOutcome(o), doc.text, rule);
  else rc.check(o.status === doc.status && o.code === doc.code, describeOutcome(o), doc.text, rule);
}

/** Fails if a 5xx came back (the answer itself may be anything else). */
export function expectNo5xx(rc: RuleContext, result: OperationResult, rule = rc.rule): void {
  const o = result.outcome;
  rc.check(!(o.kind === 'error' && o.status !== undefined && o.status >= 500), describeOutcome(o), 'a 4xx, never a 5xx', rule);
}

/** With inspect: fails unless the stored password is `expected`. */
export async function expectPassword(rc: RuleContext, service: 'bcc' | 'dcs', instance: { instanceId: string; projectId?: string }, expected: string, what: string): Promise<void> {
  if (!rc.target.capabilities.inspect) return;
  const seen = await rc.inspect(service, instance);
  rc.check(seen.password === expected, `the stored password is not the one expected (${what})`, what);
}
