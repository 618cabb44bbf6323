/** BCC request handling (seed page, request parameters: adminPass is a required String in a JSON body): wrong types, broken bodies, hostile requests. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { describeOutcome, expectNo5xx, expectPassword, expectRejected, expectRejectedAsOneOf } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import type { OperationResult } from '../../src/targets/target.ts';
import { WRONG_TYPES } from '../generators/passwords.ts';
import { staticPrefix } from '../../src/contract/operation-path.ts';
import { FIXED_PASSWORD, allowedStatus, changeUrl, encryptedBody, facts, signedRaw } from './bcc-kit.ts';

const field = facts.encryption!.field;
/** The literal start of the BCC route (`/v2/instance/`), from the spec, for the deliberately odd paths below. */
const route = staticPrefix(facts.operations.changePassword.path);
type Body = string | Uint8Array;

/** Sends `body` as a signed change to a fresh instance; returns the answer and checks nothing changed when rejected. */
async function sendBody(rc: RuleContext, label: string, body: Body | undefined, options: { method?: string; headers?: Record<string, string>; path?: (instanceId: string) => string } = {}): Promise<OperationResult> {
  const instance = await rc.bccInstance(allowedStatus);
  const url = options.path ? `${rc.target.baseUrl.replace(/\/$/, '')}${options.path(instance.instanceId)}` : changeUrl(rc, instance.instanceId);
  const result = await rc.send(label, await signedRaw(rc, url, body, { method: options.method, headers: options.headers }));
  if (result.outcome.kind === 'error') await expectPassword(rc, 'bcc', instance, instance.password, 'the old password is kept');
  return result;
}

const showBody = (b: Body | undefined) => (b === undefined ? '(no body)' : typeof b === 'string' ? JSON.stringify(b).slice(0, 120) : `bytes ${Buffer.from(b).toString('hex').slice(0, 120)}`);

ruleCheck('BCC-PWD-TYPE', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  // The rule asks for a 4xx; which 400 code names a mistyped field is the target's choice.
  const typed = async (value: unknown, omit = false) => expectRejected(rc, await sendBody(rc, `adminPass ${omit ? 'missing' : JSON.stringify(value)}`, JSON.stringify(omit ? {} : { [field]: value })), 'field-type');
  await examples(rc, 'each wrong type', WRONG_TYPES, ({ value, omit }) => typed(value, omit), { describe: (w) => w.label });
  const nonString = fc.jsonValue().filter((v) => typeof v !== 'string');
  await property(rc, 'any non-string JSON value', nonString, (v) => typed(v), { numRuns: 60, describe: (v) => JSON.stringify(v).slice(0, 120) });
});

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong lead, 0xff) inside the string value. */
const BAD_UTF8 = [0x80, 0xc0, 0xff, 0xfe];
const withBytes = (before: string, bytes: number[], after: string) => Uint8Array.from([...new TextEncoder().encode(before), ...bytes, ...new TextEncoder().encode(after)]);

ruleCheck('BCC-BODY-MALFORMED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const valid = encryptedBody(rc, FIXED_PASSWORD);
  const value = JSON.parse(valid)[field] as string;
  // Not JSON: the documented MalformedJSON. Not UTF-8, empty, or JSON that is not an object: any 4xx (no document names the code).
  const cases: ReadonlyArray<{ label: string; body: Body; situations: string[] }> = [
    { label: 'truncated JSON', body: valid.slice(0, -1), situations: ['malformed-json'] },
    { label: 'unquoted key', body: `{${field}:"${value}"}`, situations: ['malformed-json'] },
    { label: 'trailing comma', body: `{"${field}":"${value}",}`, situations: ['malformed-json'] },
    { label: 'form encoding', body: `${field}=${value}`, situations: ['malformed-json'] },
    // Which code non-UTF-8 input gets is not documented: any 4xx, observed.
    { label: 'non-UTF-8 bytes', body: withBytes(`{"${field}":"${value.slice(0, 8)}`, BAD_UTF8, `"}`), situations: ['non-utf8-body'] },
    { label: 'empty body', body: '', situations: ['empty-body'] },
    { label: 'blank body', body: ' \r\n\t ', situations: ['empty-body', 'malformed-json'] },
    { label: 'a JSON array', body: `[${valid}]`, situations: ['field-type'] },
    { label: 'a JSON string', body: JSON.stringify(valid), situations: ['field-type'] },
    { label: 'JSON null', body: 'null', situations: ['field-type'] },
  ];
  await examples(rc, 'each malformed kind', cases, async ({ label, body, situations }) => expectRejectedAsOneOf(rc, await sendBody(rc, label, body), situations), { describe: (c) => c.label });
  // Every proper prefix of a JSON object is broken JSON.
  await property(rc, 'any truncation', fc.integer({ min: 1, max: valid.length - 1 }), async (n) => expectRejected(rc, await sendBody(rc, `first ${n} bytes`, valid.slice(0, n)), 'malformed-json'), { numRuns: 50, describe: (n) => `first ${n} characters` });
  const broken = fc.tuple(fc.integer({ min: 0, max: value.length }), fc.subarray(BAD_UTF8, { minLength: 1 }));
  await property(rc, 'invalid UTF-8 anywhere in the value', broken, async ([at, bytes]) => {
    const body = withBytes(`{"${field}":"${value.slice(0, at)}`, bytes, `${value.slice(at)}"}`);
    expectRejected(rc, await sendBody(rc, `bytes ${bytes.join(',')} at ${at}`, body), 'non-utf8-body');
  }, { numRuns: 50 });
});

ruleCheck('BCC-NO-5XX', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  // Shapeless bodies, and well-formed ones whose adminPass is anything but valid ciphertext.
  const adminPass = fc.oneof(fc.string(), fc.stringMatching(/^[0-9a-fA-F]{0,200}$/), fc.jsonValue());
  const hostile = fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 512 }), adminPass.map((v) => JSON.stringify({ [field]: v })));
  await property(rc, 'any body', hostile, async (body) => expectNo5xx(rc, await sendBody(rc, `hostile body ${showBody(body)}`, body)), { numRuns: 150, describe: showBody });
  // Far beyond any password's ciphertext; the documented code for it is the kit's choice, so any 4xx.
  const big = 200 * 1024;
  const oversize: ReadonlyArray<{ label: string; body: string }> = [
    { label: '200 KiB of hex in adminPass', body: JSON.stringify({ [field]: 'ab'.repeat(big / 2) }) },
    { label: '200 KiB of text', body: 'x'.repeat(big) },
    { label: '200 KiB of nested arrays', body: `${'['.repeat(big / 2)}${']'.repeat(big / 2)}` },
  ];
  await examples(rc, 'oversize bodies', oversize, async ({ label, body }) => expectRejected(rc, await sendBody(rc, label, body), 'body-too-large'), { describe: (o) => o.label });
  // No DELETE: on the real service it would release the instance, a legitimate 2xx.
  const valid = encryptedBody(rc, FIXED_PASSWORD);
  // Which 4xx a wrong method, an unknown route or another media type gets, no document says: observed.
  const METHOD = { id: 'wrong-method', title: 'a known path with another method' };
  const ROUTE = { id: 'unknown-route', title: 'a path that names no operation' };
  const MEDIA = { id: 'media-type', title: 'a JSON body labelled with another media type' };
  const odd: ReadonlyArray<{ label: string; body?: string; method?: string; headers?: Record<string, string>; path?: (id: string) => string; topic?: { id: string; title: string } }> = [
    { label: 'POST', method: 'POST', body: valid, topic: METHOD },
    { label: 'PATCH', method: 'PATCH', body: valid, topic: METHOD },
    { label: 'OPTIONS', method: 'OPTIONS', topic: METHOD },
    { label: 'HEAD', method: 'HEAD' },
    { label: 'text/plain body', body: valid, headers: { 'content-type': 'text/plain' }, topic: MEDIA },
    { label: 'no instance id', body: valid, path: () => `${route}?changePass`, topic: ROUTE },
    { label: 'a path below the instance', body: valid, path: (id) => `${route}${encodeURIComponent(id)}/extra?changePass`, topic: ROUTE },
    { label: 'an unknown action', body: valid, path: (id) => `${route}${encodeURIComponent(id)}?noSuchAction` },
    { label: 'a query escape that is not UTF-8', body: valid, path: (id) => `${route}${encodeURIComponent(id)}?changePass&%ff` },
    { label: 'a broken query escape', body: valid, path: (id) => `${route}${encodeURIComponent(id)}?changePass&%zz` },
    { label: 'a broken path escape', body: valid, path: (id) => `${route}${encodeURIComponent(id)}%2?changePass` },
  ];
  await examples(rc, 'wrong methods, media types and routes', odd, async ({ label, body, topic, ...options }) => {
    const result = await sendBody(rc, label, body, options);
    expectNo5xx(rc, result);
    if (topic) rc.observe(topic.id, topic.title, result.outcome.kind === 'success' ? 'accepted' : describeOutcome(result.outcome), label);
  }, { describe: (o) => o.label });
});
