/** DCS request authentication (the API gateway's SDK-HMAC-SHA256 signing guide, beyond the seed page) with hand-made requests. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { expectAccepted, expectNo5xx, expectPassword, expectRejected } from '../harness/expectations.ts';
import type { RuleContext, Sendable } from '../harness/rule-context.ts';
import type { AuthFailureKind } from '../../src/contract/contract.ts';
import type { RequestFault } from '../../src/requests/request-faults.ts';
import { signSdkHmacDraft } from '../../src/auth/sdk-hmac-sha256.ts';
import { newDraft } from '../../src/auth/request-draft.ts';
import { show } from '../generators/passwords.ts';
import { agreedValid, changeBody, clientError, changePath, changeRequest, consensus, cycled, editHeaders, expectFailedAttempts, expectUnchanged, facts, projectOf, running, type DcsInstance } from './dcs-kit.ts';

const needs = { needs: ['rawRequests', 'setupState'] } as const;
const next = cycled(consensus.classes, consensus.minLength, 13);

/** What each signature fault is, in the gateway's terms. */
const SIGNATURE_FAULTS: ReadonlyArray<{ fault: RequestFault; kind: Exclude<AuthFailureKind, 'project-mismatch'> }> = [
  { fault: 'garbled-signature', kind: 'mismatch' },
  { fault: 'wrong-key', kind: 'mismatch' },
  { fault: 'unknown-key', kind: 'unknown-key' },
  { fault: 'malformed-auth-header', kind: 'malformed' },
  { fault: 'body-after-signing', kind: 'mismatch' },
  { fault: 'path-after-signing', kind: 'mismatch' },
];

/** The spec's situation for each failure kind (`x-conformance.expectations`). */
const SITUATION: Record<Exclude<AuthFailureKind, 'project-mismatch'>, string> = {
  missing: 'auth-missing',
  malformed: 'auth-malformed',
  'unknown-key': 'auth-unknown-key',
  expired: 'auth-expired',
  mismatch: 'auth-mismatch',
};

/** Sends a broken request for a fresh instance; checks the rejection and that nothing changed or counted. */
async function refused(rc: RuleContext, label: string, situation: string, build: (instance: DcsInstance) => Promise<Sendable>): Promise<void> {
  const instance = await rc.dcsInstance(running);
  const result = await rc.send(label, await build(instance));
  expectRejected(rc, result, situation, rc.rule, label);
  await expectUnchanged(rc, instance);
  await expectFailedAttempts(rc, instance, 0);
}

ruleCheck('DCS-AUTH-REQUIRED', needs, async (rc) => {
  const unsigned = (edit: (h: Headers) => void) => (i: DcsInstance) => changeRequest(rc, i, i.password, next, { fault: 'no-signature' }).then((r) => editHeaders(r, edit));
  const cases = [
    { label: 'no Authorization header', build: unsigned(() => {}) },
    { label: 'no Authorization and no X-Sdk-Date', build: unsigned((h) => h.delete('x-sdk-date')) },
    { label: 'an empty Authorization header', build: unsigned((h) => h.set('authorization', '')) },
  ];
  await examples(rc, 'unsigned requests', cases, (c) => refused(rc, c.label, 'auth-missing', c.build), { describe: (c) => c.label });
  await property(rc, 'any valid change, unsigned', agreedValid, (pw) => refused(rc, `unsigned change to ${show(pw)}`, 'auth-missing', (i) => changeRequest(rc, i, i.password, pw, { fault: 'no-signature' })), { numRuns: 40, describe: show });
});

ruleCheck('DCS-AUTH-SIGNATURE', needs, async (rc) => {
  const tweak = (edit: (value: string) => string) => async (i: DcsInstance) => {
    const signed = await changeRequest(rc, i, i.password, next);
    return editHeaders(signed, (h) => h.set('authorization', edit(h.get('authorization') ?? '')));
  };
  const fixed = [
    ...SIGNATURE_FAULTS.map(({ fault, kind }) => ({ label: fault, situation: SITUATION[kind], build: (i: DcsInstance) => changeRequest(rc, i, i.password, next, { fault }) })),
    { label: 'another algorithm name', situation: 'auth-malformed', build: tweak((v) => v.replace(/^\S+/, 'SDK-HMAC-SHA1')) },
    { label: 'no Signature field', situation: 'auth-malformed', build: tweak((v) => v.replace(/,\s*Signature=\w+$/, '')) },
    { label: 'a signature of the wrong length', situation: 'auth-malformed', build: tweak((v) => v.replace(/Signature=(\w+)$/, (_m, s: string) => `Signature=${s.slice(2)}`)) },
  ];
  await examples(rc, 'each signature fault', fixed, (c) => refused(rc, c.label, c.situation, c.build), { describe: (c) => c.label });
  // Any change, right or wrong old password, with any fault: never applied, never counted.
  const cases = fc.record({ fault: fc.constantFrom(...SIGNATURE_FAULTS), newPassword: agreedValid, rightOld: fc.boolean() });
  await property(rc, 'random change with a random fault', cases, ({ fault, newPassword, rightOld }) =>
    refused(rc, fault.fault, SITUATION[fault.kind], (i) => changeRequest(rc, i, rightOld ? i.password : `${i.password}x`, newPassword, { fault: fault.fault })),
  { numRuns: 100, describe: ({ fault, newPassword, rightOld }) => `${fault.fault}, ${rightOld ? 'right' : 'wrong'} old password, new ${show(newPassword)}` });
});

ruleCheck('DCS-AUTH-EXPIRED', needs, async (rc) => {
  await examples(rc, 'stale and future dates', ['stale-date', 'future-date'] as const, (fault) => refused(rc, fault, 'auth-expired', (i) => changeRequest(rc, i, i.password, next, { fault })));
  // Any signing time beyond the documented skew, either way (a minute of margin for the target's clock).
  const skew = facts.auth.maxClockSkewSeconds ?? 900;
  const offsets = fc.tuple(fc.integer({ min: skew + 60, max: 400 * 86_400 }), fc.boolean()).map(([s, ahead]) => (ahead ? s : -s));
  await property(rc, 'any date beyond the skew', offsets, (seconds) =>
    refused(rc, `signed ${seconds}s off`, 'auth-expired', (i) => changeRequest(rc, i, i.password, next, { now: new Date(Date.now() + seconds * 1000) })),
  { numRuns: 40, describe: (s) => `${s}s off` });
});

ruleCheck('DCS-AUTH-PROJECT-ID', needs, async (rc) => {
  await examples(rc, 'the builder\'s mismatched header', ['project-header-mismatch'] as const, (fault) => refused(rc, fault, 'project-mismatch', (i) => changeRequest(rc, i, i.password, next, { fault })));
  // Correctly signed with another project in X-Project-Id: authentic, but not for this project.
  const others = fc.stringMatching(/^[a-z0-9]{1,32}$/).filter((p) => p !== projectOf(rc));
  await property(rc, 'any other project id in the header', others, (other) =>
    refused(rc, `X-Project-Id ${other}`, 'project-mismatch', async (i) => {
      const body = JSON.stringify(changeBody(i.password, next));
      // A signed draft: sent as signSdkHmacRequest(new Request(…)) would be, without the Requests (issue 17, round 6).
      const draft = newDraft(facts.operations.changePassword.method, rc.target.baseUrl.replace(/\/$/, '') + changePath(i.projectId, i.instanceId), { 'content-type': 'application/json;charset=UTF-8', 'x-project-id': other }, body);
      return signSdkHmacDraft(draft, rc.target.credentials.dcs, { date: new Date() });
    }),
  { numRuns: 30 });
});

ruleCheck('DCS-AUTH-CANONICAL', needs, async (rc) => {
  // The canonical URI always ends in '/', so a wire path with one signs the same; UNSIGNED-PAYLOAD replaces the body hash.
  const accepted = async ({ slash, unsigned, newPassword }: { slash: boolean; unsigned: boolean; newPassword: string }) => {
    const instance = await rc.dcsInstance(running);
    const request = slash
      ? signSdkHmacDraft(
          newDraft(facts.operations.changePassword.method, `${rc.target.baseUrl.replace(/\/$/, '')}${changePath(instance.projectId, instance.instanceId)}/`, { 'content-type': 'application/json;charset=UTF-8' }, JSON.stringify(changeBody(instance.password, newPassword))),
          { ...rc.target.credentials.dcs, projectId: instance.projectId },
          { date: new Date(), unsignedPayload: unsigned },
        )
      : await changeRequest(rc, instance, instance.password, newPassword, { unsignedPayload: unsigned });
    const label = `${slash ? 'trailing slash' : 'plain path'}${unsigned ? ', UNSIGNED-PAYLOAD' : ''}`;
    const result = await rc.send(label, request);
    // The guide adds the slash to the canonical URI only; whether `/password/` is routed on the
    // wire no document says. Routed, it must verify and apply; refused, any 4xx that changes nothing.
    if (slash && result.outcome.kind === 'error') {
      expectNo5xx(rc, result);
      rc.observe('trailing-slash', 'a trailing slash on the wire path', `refused: ${result.outcome.status ?? '?'} ${result.outcome.code ?? '(no code)'}`, label);
      rc.check(clientError(result.outcome), `${result.outcome.status}`, 'a 4xx when the slashed path is not routed');
      await expectUnchanged(rc, instance);
      return;
    }
    if (slash) rc.observe('trailing-slash', 'a trailing slash on the wire path', 'routed and verified', label);
    expectAccepted(rc, result);
    await expectPassword(rc, 'dcs', instance, newPassword, 'the new password is stored');
  };
  const fixed = [
    { slash: false, unsigned: true, newPassword: next },
    { slash: true, unsigned: false, newPassword: next },
    { slash: true, unsigned: true, newPassword: next },
  ];
  const describe = (c: { slash: boolean; unsigned: boolean; newPassword: string }) => `slash ${c.slash}, unsigned ${c.unsigned}, new ${show(c.newPassword)}`;
  await examples(rc, 'trailing slash and unsigned payload', fixed, accepted, { describe });
  await property(rc, 'any valid change in either form', fc.record({ slash: fc.boolean(), unsigned: fc.boolean(), newPassword: agreedValid }), accepted, { numRuns: 40, describe });
});
