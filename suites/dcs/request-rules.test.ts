/** DCS request handling (the error-code table's 4004 and 4005; the seed page's 500 reserved for internal errors) with hand-made bodies. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { describeOutcome, expectNo5xx, expectPassword, expectRejected } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { agreedValid, changeBody, changePath, clientError, consensus, cycled, expectUnchanged, facts, running, signedRequest, succeeded } from './dcs-kit.ts';

const needs = { needs: ['rawRequests', 'setupState'] } as const;
const next = cycled(consensus.classes, consensus.minLength, 17);
const enc = new TextEncoder();

/** Sends a signed request with this body to a fresh instance's change path. */
async function sendBody(rc: RuleContext, label: string, body: string | Uint8Array, init: { contentType?: string | null; method?: string } = {}) {
  const instance = await rc.dcsInstance(running);
  const result = await rc.send(label, await signedRequest(rc, changePath(instance.projectId, instance.instanceId), { body: init.method === 'GET' || init.method === 'HEAD' ? undefined : body, ...init }));
  return { instance, result };
}

/** A body describing a valid change (the real old password), for the cases that must still be refused. */
function validBody(oldPassword: string, newPassword = next): string {
  return JSON.stringify(changeBody(oldPassword, newPassword));
}

/** A label for a body in a counterexample (bytes shown as hex). */
function label(body: string | Uint8Array): string {
  const text = typeof body === 'string' ? JSON.stringify(body) : `bytes ${Buffer.from(body).toString('hex')}`;
  return text.length > 120 ? `${text.slice(0, 120)}… (${body.length} ${typeof body === 'string' ? 'chars' : 'bytes'})` : text;
}

ruleCheck('DCS-BODY-EMPTY-4004', needs, async (rc) => {
  // Empty bytes, not an empty string: Fetch would label a string body text/plain.
  const cases = [{ what: 'JSON content type', contentType: undefined }, { what: 'no content type', contentType: null }];
  await examples(rc, 'an empty body', cases, async ({ what, contentType }) => {
    const { instance, result } = await sendBody(rc, `empty body, ${what}`, new Uint8Array(0), { contentType });
    expectRejected(rc, result, 'empty-body');
    await expectUnchanged(rc, instance);
  }, { describe: (c) => c.what });
});

ruleCheck('DCS-BODY-NOT-JSON-4005', needs, async (rc) => {
  const sample = validBody(cycled(consensus.classes, consensus.minLength, 1));
  // Bad bytes sit where JSON needs structure, so no lenient decoder could turn them into JSON.
  const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...enc.encode(p)] : p)));
  const notJson: Array<{ what: string; body: string | Uint8Array }> = [
    { what: 'truncated after the brace', body: sample.slice(0, 1) },
    { what: 'truncated in the middle', body: sample.slice(0, Math.floor(sample.length / 2)) },
    { what: 'missing the closing brace', body: sample.slice(0, -1) },
    { what: 'plain words', body: 'change my password please' },
    { what: 'single quotes', body: sample.replace(/"/g, "'") },
    { what: 'invalid bytes', body: bytes([0xff, 0xfe, 0xfd]) },
    { what: 'an invalid byte before the fields', body: bytes('{', [0xff], sample.slice(1)) },
    { what: 'an overlong slash after the object', body: bytes(sample, [0xc0, 0xaf]) },
    { what: 'a broken sequence as the opening', body: bytes([0xc3, 0x28], sample.slice(1)) },
  ];
  await examples(rc, 'bodies that are not JSON', notJson, async ({ what, body }) => {
    const { instance, result } = await sendBody(rc, what, body);
    expectRejected(rc, result, 'malformed-json');
    await expectUnchanged(rc, instance);
  }, { describe: (c) => c.what });
  // A valid JSON body labelled with another media type IS JSON: no document says whether the label
  // matters. Accepted (and applied) or refused with a 4xx that changes nothing; the choice is observed.
  const types = ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'application/xml'];
  await examples(rc, 'a valid change labelled as another media type', types, async (contentType) => {
    const instance = await rc.dcsInstance(running);
    const next2 = cycled(consensus.classes, consensus.minLength, 19);
    const result = await rc.send(`as ${contentType}`, await signedRequest(rc, changePath(instance.projectId, instance.instanceId), { body: validBody(instance.password, next2), contentType }));
    expectNo5xx(rc, result);
    if (succeeded(result.outcome)) {
      rc.observe('media-type', 'a JSON body labelled with another media type', 'accepted', contentType);
      await expectPassword(rc, 'dcs', instance, next2, 'the new password is stored');
    } else {
      rc.observe('media-type', 'a JSON body labelled with another media type', `refused: ${describeOutcome(result.outcome)}`, contentType);
      rc.check(clientError(result.outcome), describeOutcome(result.outcome), 'accepted, or a 4xx');
      await expectUnchanged(rc, instance);
    }
  });
  // Any strict prefix of a JSON object is not JSON.
  const cut = fc.tuple(agreedValid, agreedValid, fc.nat()).map(([o, n, at]) => {
    const text = validBody(o, n);
    return text.slice(0, 1 + (at % (text.length - 1)));
  });
  await property(rc, 'any truncated body', cut, async (body) => {
    const { instance, result } = await sendBody(rc, `truncated ${label(body)}`, body);
    expectRejected(rc, result, 'malformed-json');
    await expectUnchanged(rc, instance);
  }, { numRuns: 60, describe: label });
});

/** Hostile bodies: any text, any JSON, any bytes, and objects with the right names and any values. */
const hostile: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string(),
  fc.json(),
  fc.uint8Array({ maxLength: 512 }),
  fc.record({ a: fc.jsonValue(), b: fc.jsonValue() }).map(({ a, b }) => JSON.stringify(changeBody(a, b))),
);

ruleCheck('DCS-NO-5XX', needs, async (rc) => {
  const sentNo5xx = async (what: string, body: string | Uint8Array, init: { method?: string; contentType?: string | null } = {}, topic?: { id: string; title: string }) => {
    const { instance, result } = await sendBody(rc, what, body, init);
    expectNo5xx(rc, result);
    // Which 4xx a wrong method or an oversize body gets, no document says: observed.
    if (topic) rc.observe(topic.id, topic.title, describeOutcome(result.outcome), what);
    // None of these carries the instance's password, so none may change it.
    await expectUnchanged(rc, instance);
  };
  const wrongOld = cycled(consensus.classes, consensus.minLength, 9);
  const fixed: Array<{ what: string; body: string | Uint8Array }> = [
    { what: 'oversize (200 KiB) JSON', body: validBody(wrongOld, 'A'.repeat(200 * 1024)) },
    { what: 'oversize (200 KiB) bytes', body: new Uint8Array(200 * 1024).fill(0x7b) },
    { what: 'deeply nested arrays', body: `${'['.repeat(5000)}${']'.repeat(5000)}` },
    { what: 'nested password object', body: JSON.stringify(changeBody({ a: { b: { c: [] } } }, { toString: 'x' })) },
    { what: '__proto__ keys', body: `{"__proto__":{"x":1},"constructor":{"prototype":{}},${validBody(wrongOld).slice(1)}` },
    { what: 'huge number', body: JSON.stringify(changeBody(1e308, 1e308)).replace(/1e\+308/g, '1e400') },
    { what: 'NUL bytes', body: validBody('\u0000'.repeat(16), '\u0000'.repeat(16)) },
    { what: 'lone surrogates', body: validBody(wrongOld, 'Ab1!\\ud800\\udfff\\udc00xyz').replace(/\\\\u/g, '\\u') },
    { what: 'duplicate keys', body: `${validBody(wrongOld).slice(0, -1)},${validBody(wrongOld, `${next}x`).slice(1)}` },
    { what: 'BOM before JSON', body: `\ufeff${validBody(wrongOld)}` },
  ];
  await examples(rc, 'hostile bodies', fixed, (c) => sentNo5xx(c.what, c.body, {}, c.what.startsWith('oversize') ? { id: 'body-too-large', title: 'a body far larger than any password' } : undefined), { describe: (c) => c.what });
  const methods = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => m !== facts.operations.changePassword.method);
  await examples(rc, 'other methods on the change path', methods, (method) => sentNo5xx(`${method} on the change path`, validBody(wrongOld), { method }, method === 'HEAD' ? undefined : { id: 'wrong-method', title: 'a known path with another method' }));
  await property(rc, 'any hostile body', hostile, (body) => sentNo5xx(`hostile ${label(body)}`, body), { numRuns: 150, describe: label });
});
