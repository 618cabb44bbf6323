/** DCS response shape (seed page, response tables 4 and 5 and the examples; the instance read operation), each kind provoked on purpose. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import type { RuleContext, Sendable } from '../harness/rule-context.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import { findOperation, validateResponse } from '../../src/contract/response-validator.ts';
import { buildDcsShow } from '../../src/requests/dcs-requests.ts';
import { show } from '../generators/passwords.ts';
import { agreedValid, atPointer, bodyOf, changePath, changeRequest, consensus, contract, cycled, facts, lockout, nonRunning, projectOf, running, signedRequest, statusOf } from './dcs-kit.ts';

const next = cycled(consensus.classes, consensus.minLength, 19);
const wrong = cycled(consensus.classes, consensus.minLength, 23);
const { changePassword, readInstance } = facts.operations;

/** One answer and the operation it belongs to. */
type Seen = { op: string; result: OperationResult };

/** Each kind of answer the suites can provoke; `raw` ones need hand-made requests. */
const PROVOCATIONS: ReadonlyArray<{ kind: string; raw?: boolean; run: (rc: RuleContext) => Promise<Seen[]> }> = [
  { kind: 'success', run: async (rc) => [await change(rc, running, (p) => p, next)] },
  { kind: 'wrong old password', run: async (rc) => [await change(rc, running, () => wrong, next)] },
  {
    kind: 'lockout sequence',
    run: async (rc) => {
      // Past the threshold, then the right password: every answer on the way to and inside the lock.
      const instance = await rc.dcsInstance(running);
      const seen: Seen[] = [];
      for (let i = 0; i <= lockout.threshold; i++) seen.push(await changeOn(rc, instance, wrong, next, `wrong attempt ${i + 1}`));
      seen.push(await changeOn(rc, instance, instance.password, next, 'right password while locked'));
      return seen;
    },
  },
  { kind: 'new equals old', run: async (rc) => [await change(rc, running, (p) => p, undefined)] },
  { kind: 'password rules (4019)', run: async (rc) => [await change(rc, running, (p) => p, cycled(consensus.classes.slice(0, 1), 1))] },
  { kind: 'non-running (4049)', run: async (rc) => [await change(rc, nonRunning[0]!, (p) => p, next)] },
  { kind: 'password-free (4850)', run: async (rc) => [await change(rc, running, (p) => p, next, true)] },
  { kind: 'not found (404)', run: async (rc) => [await changeOn(rc, { projectId: projectOf(rc), instanceId: `missing-${rc.newId('x')}`, password: wrong }, wrong, next, 'unknown instance')] },
  { kind: 'unsigned (401)', raw: true, run: (rc) => raw(rc, (i) => changeRequest(rc, i, i.password, next, { fault: 'no-signature' })) },
  { kind: 'expired (401)', raw: true, run: (rc) => raw(rc, (i) => changeRequest(rc, i, i.password, next, { fault: 'stale-date' })) },
  { kind: 'empty body (4004)', raw: true, run: (rc) => raw(rc, (i) => signedRequest(rc, changePath(i.projectId, i.instanceId), { body: new Uint8Array(0) })) },
  { kind: 'not JSON (4005)', raw: true, run: (rc) => raw(rc, (i) => signedRequest(rc, changePath(i.projectId, i.instanceId), { body: '{"old_' })) },
  { kind: 'wrong type (4019)', raw: true, run: (rc) => raw(rc, (i) => changeRequest(rc, i, i.password, next, { rawBody: '{}' })) },
  { kind: 'oversize body', raw: true, run: (rc) => raw(rc, (i) => signedRequest(rc, changePath(i.projectId, i.instanceId), { body: JSON.stringify({ pad: 'x'.repeat(200 * 1024) }) })) },
  { kind: 'read instance', raw: true, run: (rc) => raw(rc, (i) => buildDcsShow({ baseUrl: rc.target.baseUrl, projectId: i.projectId, instanceId: i.instanceId, credentials: rc.target.credentials.dcs }), readInstance.operationId) },
  { kind: 'read unknown instance', raw: true, run: (rc) => raw(rc, (i) => buildDcsShow({ baseUrl: rc.target.baseUrl, projectId: i.projectId, instanceId: `${i.instanceId}-missing`, credentials: rc.target.credentials.dcs }), readInstance.operationId) },
];

type Instance = { projectId: string; instanceId: string; password: string };

async function changeOn(rc: RuleContext, instance: Instance, oldPassword: string, newPassword: string, label: string): Promise<Seen> {
  const result = await rc.change(label, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword, newPassword });
  return { op: changePassword.operationId, result };
}

/** One change on a fresh instance; `old` maps the real password to the one sent, `newPassword` undefined = the same as old. */
async function change(rc: RuleContext, status: string, old: (real: string) => string, newPassword: string | undefined, passwordFree = false): Promise<Seen> {
  const instance = await rc.dcsInstance(status, undefined, passwordFree);
  const sent = old(instance.password);
  return changeOn(rc, instance, sent, newPassword ?? sent, `change on a ${status}${passwordFree ? ' password-free' : ''} instance`);
}

async function raw(rc: RuleContext, build: (i: Instance) => Promise<Sendable>, op = changePassword.operationId): Promise<Seen[]> {
  const instance = await rc.dcsInstance(running);
  return [{ op, result: await rc.send(op, await build(instance)) }];
}

/**
 * Runs every provocation (raw ones only where the target takes hand-made requests) and judges each
 * answer; `judge` returns false for an answer its rule does not apply to. A check that met no answer
 * it applies to skips with the reason instead of passing on nothing.
 */
async function provokeAll(rc: RuleContext, judge: (seen: Seen) => boolean, options: { raw: boolean; numRuns: number; what: string }): Promise<void> {
  const usable = PROVOCATIONS.filter((p) => options.raw || !p.raw);
  let judged = 0;
  const run = async (p: (typeof PROVOCATIONS)[number]) => {
    for (const seen of await p.run(rc)) if (judge(seen)) judged++;
  };
  await examples(rc, 'each kind of answer', usable, run, { describe: (p) => p.kind });
  // Then the space: any valid change, right or wrong old password, or any kind again.
  const space = fc.oneof(
    fc.record({ right: fc.boolean(), pw: agreedValid }).map(({ right, pw }) => ({ kind: `${right ? 'right' : 'wrong'} old, new ${show(pw)}`, run: async (r: RuleContext) => [await change(r, running, (p) => (right ? p : wrong), pw)] })),
    fc.constantFrom(...usable),
  );
  await property(rc, 'any change or kind of answer', space, run, { numRuns: options.numRuns, describe: (p) => p.kind });
  if (judged === 0 && !rc.settings.replay) rc.skip(`no ${options.what} arrived to judge (every provoked answer was of another kind)`);
}

/** A 200 answer of the change operation, parsed. */
function changeBody200(seen: Seen): Record<string, unknown> | undefined {
  if (seen.op !== changePassword.operationId || statusOf(seen.result) !== 200) return undefined;
  const body = bodyOf(seen.result);
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

ruleCheck('DCS-RESP-STRINGS', { needs: ['setupState'] }, async (rc) => {
  await provokeAll(rc, (seen) => {
    const body = changeBody200(seen);
    if (!body) return false;
    const named = Object.values(lockout.fields).filter((f) => f in body && typeof body[f] !== 'string');
    const numbers = Object.keys(body).filter((k) => typeof body[k] === 'number');
    const bad = [...new Set([...named, ...numbers])];
    rc.check(bad.length === 0, `${bad.map((k) => `${k}=${JSON.stringify(body[k])}`).join(', ')} in ${JSON.stringify(body)}`, `every value of ${Object.values(lockout.fields).join(', ')} a JSON string`);
    return true;
  }, { raw: false, numRuns: 60, what: '200 answer' });
});

ruleCheck('DCS-RESP-RESULT-ENUM', { needs: ['setupState'] }, async (rc) => {
  const allowed = Object.values(lockout.results);
  await provokeAll(rc, (seen) => {
    const body = changeBody200(seen);
    if (!body) return false;
    const result = body[lockout.fields.result];
    rc.check(typeof result === 'string' && allowed.includes(result), `${lockout.fields.result}=${JSON.stringify(result)}`, `${lockout.fields.result} one of ${allowed.join(', ')}`);
    return true;
  }, { raw: false, numRuns: 60, what: '200 answer' });
});

/** The error body schema the spec documents for a 4xx of the change operation. */
function errorSchema(): { required: string[]; properties: Record<string, { type?: string | string[] }> } {
  const resolve = (node: unknown): Record<string, unknown> => {
    let n = node as Record<string, unknown>;
    while (typeof n.$ref === 'string') n = atPointer(contract.openapi, n.$ref.slice(1)) as Record<string, unknown>;
    return n;
  };
  const op = findOperation(contract.openapi, changePassword.operationId)!.operation as { responses: Record<string, unknown> };
  const response = resolve(Object.entries(op.responses).find(([s]) => s.startsWith('4'))![1]);
  const media = Object.values(response.content as Record<string, { schema: unknown }>)[0]!;
  const schema = resolve(media.schema);
  return { required: (schema.required as string[] | undefined) ?? [], properties: (schema.properties as Record<string, { type?: string | string[] }>) ?? {} };
}

ruleCheck('DCS-RESP-ERROR-BODY', { needs: ['setupState', 'rawRequests'] }, async (rc) => {
  const schema = errorSchema();
  const fields = facts.responseShape.errorBodyFields;
  await provokeAll(rc, (seen) => {
    const status = statusOf(seen.result) ?? 0;
    if (status < 400) return false;
    const body = bodyOf(seen.result) as Record<string, unknown> | undefined;
    const problems = fields.flatMap((f) => {
      const v = body?.[f];
      if (schema.required.includes(f)) return typeof v === 'string' ? [] : [`${f} is ${JSON.stringify(v) ?? 'missing'}`];
      const nullable = [schema.properties[f]?.type].flat().includes('null');
      return v === undefined || typeof v === 'string' || (nullable && v === null) ? [] : [`${f} is ${JSON.stringify(v)}`];
    });
    rc.check(problems.length === 0, `${status}: ${problems.join('; ')} in ${seen.result.exchange?.response.body ?? JSON.stringify(body)}`, `${schema.required.join(' and ')} strings; other fields of ${fields.join(', ')} null or a string`);
    return true;
  }, { raw: true, numRuns: 40, what: 'error answer' });
});

ruleCheck('DCS-RESP-SCHEMA', { needs: ['setupState', 'rawRequests'] }, async (rc) => {
  await provokeAll(rc, (seen) => {
    const ex = seen.result.exchange;
    rc.check(ex !== undefined, 'no exchange to validate', 'a wire response');
    const problems = validateResponse(rc.contract, seen.op, ex!.response);
    rc.check(problems.length === 0, `${ex!.response.status}: ${problems.map((p) => `${p.aspect}: ${p.message}`).join('; ')}`, `an answer of ${seen.op} as the spec documents it`);
    return true;
  }, { raw: true, numRuns: 40, what: 'answer' });
});

ruleCheck('DCS-READ-INSTANCE', { needs: ['setupState', 'rawRequests'] }, async (rc) => {
  const statusPointer = readInstance.statusPointer ?? '/status';
  const freePointer = readInstance.passwordFreePointer;
  const cases = contract.allStatuses.flatMap((status) => [false, true].map((passwordFree) => ({ status, passwordFree })));
  await examples(rc, 'every status, with and without password-free access', cases, async ({ status, passwordFree }) => {
    const instance = await rc.dcsInstance(status, undefined, passwordFree);
    const result = await rc.send('read the instance', await buildDcsShow({ baseUrl: rc.target.baseUrl, projectId: instance.projectId, instanceId: instance.instanceId, credentials: rc.target.credentials.dcs }));
    rc.check(statusOf(result) === 200, `${statusOf(result)}`, '200 for an existing instance');
    const seenStatus = atPointer(result.json, statusPointer);
    rc.check(seenStatus === status, `${statusPointer} = ${JSON.stringify(seenStatus)}`, `${statusPointer} = "${status}" as set up`);
    if (freePointer) {
      const free = atPointer(result.json, freePointer);
      rc.check(free === String(passwordFree) || free === passwordFree, `${freePointer} = ${JSON.stringify(free)}`, `${freePointer} = "${passwordFree}" as set up`);
    }
  }, { describe: (c) => `${c.status}${c.passwordFree ? ', password-free' : ''}` });
});
