/** BCC responses (seed page, response example and error-code table): success, request id, error bodies, schema, and the read operation. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import type { Exchange } from '../../src/targets/target.ts';
import { buildBccDescribe } from '../../src/requests/bcc-requests.ts';
import { validateResponse } from '../../src/contract/response-validator.ts';
import { invalidUnderAll } from '../generators/policy-oracle.ts';
import { passwordFrom, show } from '../generators/passwords.ts';
import { FIXED_PASSWORD, allowedStatus, atPointer, changeUrl, consensusPassword, contract, facts, headerOf, policy, readings, sendChange, signedRaw, statuses } from './bcc-kit.ts';

const shape = facts.responseShape;
const { changePassword, readInstance } = facts.operations;
/** Too short under every reading of BCC-A2: rejected whatever the composition rule. */
const BAD_PASSWORD = fc.sample(passwordFrom(policy.classes, policy.minLength - 1).filter((p) => invalidUnderAll(readings, p)), { numRuns: 1, seed: 3 })[0]!;

/** The answers the checks provoke: a success and every error kind a request can cause. */
const KINDS = ['success', 'unknown instance', 'forbidden status', 'malformed JSON', 'bad signature', 'password breaking the rules', 'no signature', 'unknown key'] as const;
type Kind = (typeof KINDS)[number];
const ERROR_KINDS = KINDS.filter((k) => k !== 'success');

/** Provokes one kind of answer (`password` is the valid one to send where the kind allows) and returns the exchange. */
async function provoke(rc: RuleContext, kind: Kind, password: string): Promise<Exchange> {
  const status = kind === 'forbidden status' ? statuses.forbidden[0]! : allowedStatus;
  const instanceId = kind === 'unknown instance' ? rc.newId('i-unknown') : (await rc.bccInstance(status)).instanceId;
  const sent =
    kind === 'malformed JSON' ? await rc.send(kind, await signedRaw(rc, changeUrl(rc, instanceId), '{"'))
    : kind === 'bad signature' ? await sendChange(rc, kind, { instanceId, password, fault: 'garbled-signature' })
    : kind === 'no signature' ? await sendChange(rc, kind, { instanceId, password, fault: 'no-signature' })
    : kind === 'unknown key' ? await sendChange(rc, kind, { instanceId, password, fault: 'unknown-key' })
    : await sendChange(rc, kind, { instanceId, password: kind === 'password breaking the rules' ? BAD_PASSWORD : password });
  return sent.exchange!;
}

const isJsonType = (ex: Exchange) => headerOf(ex.response.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase() === shape.contentType;
const summary = (ex: Exchange) => `${ex.response.status} content-type=${headerOf(ex.response.headers, 'content-type') ?? '(none)'} body=${ex.response.body.slice(0, 120) || '(empty)'}`;

/** A success body's shape, values left out: `(no body)`, `{}`, `{"requestId": …}`. */
function successShape(body: string): string {
  if (body === '') return '(no body)';
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? `{${Object.keys(v).map((k) => `"${k}": …`).join(', ')}}` : typeof v;
  } catch {
    return 'not JSON';
  }
}

ruleCheck('BCC-RESP-SUCCESS', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const success = async (pw: string) => {
    const ex = await provoke(rc, 'success', pw);
    // An empty body is BCC-A4's reading `empty-body`; a body there must be what the type says.
    let parses = true;
    try {
      if (ex.response.body !== '') JSON.parse(ex.response.body);
    } catch {
      parses = false;
    }
    rc.check(ex.response.status === 200 && isJsonType(ex) && parses, summary(ex), `200 with Content-Type ${shape.contentType}`);
    // What a success body holds, the page does not say (BCC-A4 judges only whether there is one).
    rc.observe('success-body', 'the body of a successful change', successShape(ex.response.body), 'a valid change');
  };
  await examples(rc, 'a valid change', [FIXED_PASSWORD], success, { describe: show });
  await property(rc, 'any valid change', consensusPassword, success, { numRuns: 60, describe: show });
});

ruleCheck('BCC-RESP-REQUEST-ID', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const header = shape.requestIdHeader!;
  const carries = async (kind: Kind, pw: string) => {
    const ex = await provoke(rc, kind, pw);
    rc.check((headerOf(ex.response.headers, header) ?? '').trim() !== '', `${kind}: ${ex.response.status} without ${header}`, `the ${header} header on every response`);
  };
  await examples(rc, 'each kind of answer', KINDS, (kind) => carries(kind, FIXED_PASSWORD));
  await property(rc, 'any kind, any password', fc.tuple(fc.constantFrom(...KINDS), consensusPassword), ([k, pw]) => carries(k, pw), { numRuns: 60, describe: ([k, pw]) => `${k}, ${show(pw)}` });
});

ruleCheck('BCC-RESP-ERROR-BODY', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  let judged = 0;
  const wellFormed = async (kind: Kind, pw: string) => {
    const ex = await provoke(rc, kind, pw);
    if (ex.response.status < 400) return; // not an error: the rule of that kind reports it
    judged++;
    let body: unknown;
    try {
      body = JSON.parse(ex.response.body);
    } catch {
      body = undefined;
    }
    const missing = shape.errorBodyFields.filter((f) => typeof (body as Record<string, unknown> | undefined)?.[f] !== 'string');
    rc.check(missing.length === 0, `${kind}: ${summary(ex)}${missing.length ? ` (no string ${missing.join(', ')})` : ''}`, `a JSON body with string ${shape.errorBodyFields.join(', ')}`);
  };
  await examples(rc, 'each error kind', ERROR_KINDS, (kind) => wellFormed(kind, FIXED_PASSWORD));
  await property(rc, 'any error kind, any password', fc.tuple(fc.constantFrom(...ERROR_KINDS), consensusPassword), ([k, pw]) => wellFormed(k, pw), { numRuns: 60, describe: ([k, pw]) => `${k}, ${show(pw)}` });
  // Never a pass on nothing: if no provoked request was refused, there was no error body to judge.
  if (judged === 0 && !rc.settings.replay) rc.skip('no error answer arrived to judge (every provoked request was accepted)');
});

/** Spec problems of one answer; an empty 200 body is BCC-A4's reading `empty-body`, judged there. */
function schemaProblems(operationId: string, ex: Exchange): string[] {
  const problems = validateResponse(contract, operationId, ex.response);
  const emptyAllowed = operationId === changePassword.operationId && ex.response.status === 200 && ex.response.body === '';
  return problems.filter((p) => !(emptyAllowed && p.aspect === 'body')).map((p) => `${p.aspect}: ${p.message}`);
}

ruleCheck('BCC-RESP-SCHEMA', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const matches = async (kind: Kind, pw: string) => {
    const ex = await provoke(rc, kind, pw);
    const problems = schemaProblems(changePassword.operationId, ex);
    rc.check(problems.length === 0, `${kind}: ${summary(ex)} — ${problems.join('; ')}`, `the ${changePassword.operationId} responses of the spec`);
  };
  await examples(rc, 'each kind of answer', KINDS, (kind) => matches(kind, FIXED_PASSWORD));
  await property(rc, 'any kind, any password', fc.tuple(fc.constantFrom(...KINDS), consensusPassword), ([k, pw]) => matches(k, pw), { numRuns: 80, describe: ([k, pw]) => `${k}, ${show(pw)}` });
  // The read operation's answers too: an instance, and one that does not exist.
  await examples(rc, 'the read operation', ['existing', 'unknown'] as const, async (which) => {
    const instanceId = which === 'unknown' ? rc.newId('i-unknown') : (await rc.bccInstance(allowedStatus)).instanceId;
    const { exchange } = await rc.send(`read ${which} instance`, await buildBccDescribe({ baseUrl: rc.target.baseUrl, instanceId, credentials: rc.target.credentials.bcc }));
    const problems = schemaProblems(readInstance.operationId, exchange!);
    rc.check(problems.length === 0, `read ${which}: ${summary(exchange!)} — ${problems.join('; ')}`, `the ${readInstance.operationId} responses of the spec`);
  });
});

ruleCheck('BCC-READ-INSTANCE', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'each status', contract.allStatuses, async (status) => {
    const instance = await rc.bccInstance(status);
    const { exchange, json } = await rc.send(`read a ${status} instance`, await buildBccDescribe({ baseUrl: rc.target.baseUrl, instanceId: instance.instanceId, credentials: rc.target.credentials.bcc }));
    const seen = atPointer(json, readInstance.statusPointer!);
    rc.check(exchange!.response.status === 200 && seen === status, `${exchange!.response.status}, ${readInstance.statusPointer} = ${JSON.stringify(seen)}`, `200 with ${readInstance.statusPointer} = "${status}"`);
  });
});
