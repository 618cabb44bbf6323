/**
 * DCS-AUTH-SIGNATURE, the header format (API gateway signing guide: the Authorization header is
 * `SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…`). A header that merely *contains*
 * that text after something else — another scheme's name, a stray word — is not an SDK-HMAC-SHA256
 * header, however valid the rest: a malformed header is refused with any 4xx, and nothing changes.
 * The signature itself is left intact, so only a target that reads the header's start refuses it.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { expectRejected } from '../harness/expectations.ts';
import { changeRequest, consensus, cycled, editHeaders, expectFailedAttempts, expectUnchanged, running } from './dcs-kit.ts';

const next = cycled(consensus.classes, consensus.minLength, 29);
const PREFIXES = ['Bearer ', 'x', 'AWS4-HMAC-SHA256 '];

ruleCheck('DCS-AUTH-SIGNATURE', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'a valid signature after something that is not the algorithm name', PREFIXES, async (prefix) => {
    const instance = await rc.dcsInstance(running);
    const signed = await changeRequest(rc, instance, instance.password, next);
    const label = `Authorization: ${prefix}SDK-HMAC-SHA256 …`;
    const result = await rc.send(label, await editHeaders(signed, (h) => h.set('authorization', `${prefix}${h.get('authorization') ?? ''}`)));
    expectRejected(rc, result, 'auth-malformed', rc.rule, label);
    await expectUnchanged(rc, instance);
    await expectFailedAttempts(rc, instance, 0);
  }, { describe: (p) => JSON.stringify(p) });

  await examples(rc, 'the algorithm name not followed by a space and the credentials', ['glued', 'alone'], async (form) => {
    const instance = await rc.dcsInstance(running);
    const signed = await changeRequest(rc, instance, instance.password, next);
    // The signing guide's header is the algorithm name, a space, then the fields.
    const label = form === 'glued' ? 'Authorization: SDK-HMAC-SHA256Access=… (no space)' : 'Authorization: SDK-HMAC-SHA256 (nothing after it)';
    const edit = (value: string): string => (form === 'glued' ? value.replace(/^SDK-HMAC-SHA256 +/, 'SDK-HMAC-SHA256') : 'SDK-HMAC-SHA256');
    const result = await rc.send(label, await editHeaders(signed, (h) => h.set('authorization', edit(h.get('authorization') ?? ''))));
    expectRejected(rc, result, 'auth-malformed', rc.rule, label);
    await expectUnchanged(rc, instance);
    await expectFailedAttempts(rc, instance, 0);
  });

  await examples(rc, 'a valid signature with a stray word before a field name', ['Access', 'SignedHeaders', 'Signature'], async (name) => {
    const instance = await rc.dcsInstance(running);
    const signed = await changeRequest(rc, instance, instance.password, next);
    const label = `Authorization with "junk ${name}=…"`;
    const result = await rc.send(label, await editHeaders(signed, (h) => h.set('authorization', (h.get('authorization') ?? '').replace(`${name}=`, `junk ${name}=`))));
    expectRejected(rc, result, 'auth-malformed', rc.rule, label);
    await expectUnchanged(rc, instance);
  });
});
