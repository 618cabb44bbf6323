/** BCC signing (bce-auth-v1, which the seed page's common headers rely on): every failure kind, and the wire variations a verifier must tolerate. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { expectAccepted, expectPassword, expectRejected } from '../harness/expectations.ts';
import type { RuleContext, Sendable } from '../harness/rule-context.ts';
import type { RequestFault } from '../../src/requests/request-faults.ts';
import { encryptAdminPass } from '../../src/auth/password-cipher.ts';
import { show } from '../generators/passwords.ts';
import { BLOCK, FIXED_PASSWORD, allowedStatus, blockEdges, buildChange, changeUrl, consensusPassword, encryptedBody, facts, signedRaw } from './bcc-kit.ts';

type Build = (instanceId: string) => Promise<Sendable>;

/** Sends a request to a fresh instance; checks the documented rejection and that nothing changed. */
async function rejects(rc: RuleContext, label: string, situation: string, build: Build): Promise<void> {
  const instance = await rc.bccInstance(allowedStatus);
  expectRejected(rc, await rc.send(label, await build(instance.instanceId)), situation, rc.rule, label);
  await expectPassword(rc, 'bcc', instance, instance.password, 'the old password is kept');
}

/** Sends a request to a fresh instance; checks it is accepted and `password` is stored. */
async function accepts(rc: RuleContext, label: string, password: string, build: Build): Promise<void> {
  const instance = await rc.bccInstance(allowedStatus);
  expectAccepted(rc, await rc.send(label, await build(instance.instanceId)));
  await expectPassword(rc, 'bcc', instance, password, 'the new password is stored');
}

/** A valid change of `password` broken by one of the builder's faults. */
const faulty = (rc: RuleContext, fault: RequestFault, password: string): Build => (instanceId) => buildChange(rc, { instanceId, password, fault });

/** A valid change whose Authorization header is then rewritten. */
const reauthorized = (rc: RuleContext, password: string, edit: (authorization: string) => string): Build => async (instanceId) => {
  const signed = await buildChange(rc, { instanceId, password });
  signed.headers.set('authorization', edit(signed.headers.get('authorization') ?? ''));
  return signed;
};

/** Replaces the n-th `/`-separated field of an Authorization value. */
const field = (authorization: string, n: number, value: string) => authorization.split('/').map((f, i) => (i === n ? value : f)).join('/');

ruleCheck('BCC-AUTH-REQUIRED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'no Authorization header, each query form', ['bare', 'empty'] as const, (queryForm) =>
    rejects(rc, `unsigned, ?changePass${queryForm === 'empty' ? '=' : ''}`, 'auth-missing', (instanceId) => buildChange(rc, { instanceId, password: FIXED_PASSWORD, queryForm, fault: 'no-signature' })),
  );
  await property(rc, 'unsigned, any valid password', consensusPassword, (pw) => rejects(rc, `unsigned change to ${show(pw)}`, 'auth-missing', faulty(rc, 'no-signature', pw)), { numRuns: 50, describe: show });
});

const MISMATCH_FAULTS: readonly RequestFault[] = ['garbled-signature', 'wrong-key', 'body-after-signing', 'path-after-signing'];

ruleCheck('BCC-AUTH-SIGNATURE', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'each signature fault', MISMATCH_FAULTS, (fault) => rejects(rc, fault, 'auth-mismatch', faulty(rc, fault, FIXED_PASSWORD)));
  await property(rc, 'any valid password, any signature fault', fc.tuple(fc.constantFrom(...MISMATCH_FAULTS), consensusPassword), ([fault, pw]) => rejects(rc, `${fault}, ${show(pw)}`, 'auth-mismatch', faulty(rc, fault, pw)), {
    numRuns: 80,
    describe: ([fault, pw]) => `${fault}, ${show(pw)}`,
  });
});

ruleCheck('BCC-AUTH-UNKNOWN-KEY', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'a key id the target never issued', [FIXED_PASSWORD], (pw) => rejects(rc, 'unknown-key', 'auth-unknown-key', faulty(rc, 'unknown-key', pw)));
  // Signed correctly with the real SK, so only the key id can be what is wrong.
  const unknownIds = fc.stringMatching(/^[a-z0-9]{8,32}$/).map((s) => `unknown${s}`).filter((ak) => ak !== rc.target.credentials.bcc.accessKeyId);
  await property(rc, 'any unknown key id', unknownIds, (accessKeyId) =>
    rejects(rc, `signed as ${accessKeyId}`, 'auth-unknown-key', (instanceId) => buildChange(rc, { instanceId, password: FIXED_PASSWORD, credentials: { ...rc.target.credentials.bcc, accessKeyId } })),
  { numRuns: 50 });
});

const DAY = 86_400;

ruleCheck('BCC-AUTH-EXPIRED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const window = facts.auth.defaultExpirationSeconds!;
  const skew = facts.auth.maxFutureSkewSeconds!;
  // Five minutes past each edge: no clock difference between kit and target excuses these.
  const signedAt = (offsetSeconds: number, expirationSeconds?: number): Build => async (instanceId) =>
    signedRaw(rc, changeUrl(rc, instanceId), encryptedBody(rc, FIXED_PASSWORD), { timestamp: new Date(Date.now() + offsetSeconds * 1000), expirationSeconds });
  const cases: Array<{ label: string; build: Build }> = [
    { label: 'stale-date', build: faulty(rc, 'stale-date', FIXED_PASSWORD) },
    { label: 'future-date', build: faulty(rc, 'future-date', FIXED_PASSWORD) },
    { label: `signed ${window + 300}s ago, default window`, build: signedAt(-(window + 300)) },
    { label: 'signed 10 min ago with a 60 s window', build: signedAt(-600, 60) },
    { label: `signed ${skew + 300}s ahead`, build: signedAt(skew + 300) },
  ];
  await examples(rc, 'stale and future dates', cases, ({ label, build }) => rejects(rc, label, 'auth-expired', build), { describe: (c) => c.label });
  const offset = fc.oneof(fc.integer({ min: window + 300, max: 30 * DAY }).map((s) => -s), fc.integer({ min: skew + 300, max: 30 * DAY }));
  await property(rc, 'any date outside the window', offset, (s) => rejects(rc, `signed ${s}s from now`, 'auth-expired', signedAt(s)), { numRuns: 50, describe: (s) => `${s}s from now` });
});

const MALFORMED: ReadonlyArray<{ label: string; edit: (authorization: string) => string }> = [
  { label: 'another scheme', edit: () => 'Bearer conformance-token' },
  { label: 'five fields', edit: (a) => a.split('/').filter((_, i) => i !== 4).join('/') },
  { label: 'unknown version', edit: (a) => a.replace(/^bce-auth-v1/, 'bce-auth-v9') },
  { label: 'timestamp not a date', edit: (a) => field(a, 2, 'yesterday') },
  { label: 'expiration not a number', edit: (a) => field(a, 3, 'soon') },
];

ruleCheck('BCC-AUTH-MALFORMED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'the builder fault', [FIXED_PASSWORD], (pw) => rejects(rc, 'malformed-auth-header', 'auth-malformed', faulty(rc, 'malformed-auth-header', pw)));
  await examples(rc, 'each broken shape', MALFORMED, ({ label, edit }) => rejects(rc, label, 'auth-malformed', reauthorized(rc, FIXED_PASSWORD, edit)), { describe: (m) => m.label });
  // Free text without `/` can never be the six-field bce-auth-v1 string.
  const garbage = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._=-]{0,40}$/);
  await property(rc, 'any header that is not bce-auth-v1', garbage, (text) => rejects(rc, `Authorization: ${text}`, 'auth-malformed', reauthorized(rc, FIXED_PASSWORD, () => text)), { numRuns: 50 });
});

const SIGNED_LISTS: ReadonlyArray<string[] | 'default'> = [['host'], ['host', 'x-bce-date'], ['content-length', 'content-type', 'host', 'x-bce-date'], 'default'];
const showList = (list: string[] | 'default') => (list === 'default' ? '(empty list: the default set)' : list.join(';'));

ruleCheck('BCC-AUTH-SIGNED-HEADERS', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const withList = (list: string[] | 'default', pw: string) => accepts(rc, `signed ${showList(list)}`, pw, (instanceId) => buildChange(rc, { instanceId, password: pw, signedHeaders: list }));
  await examples(rc, 'each SDK list and the empty one', SIGNED_LISTS, (list) => withList(list, FIXED_PASSWORD), { describe: showList });
  // Any subset that signs host, in any order: the list in the header is what counts.
  const lists = fc.shuffledSubarray(['content-length', 'content-type', 'host', 'x-bce-date']).filter((l) => l.includes('host'));
  await property(rc, 'any list with host, any order', fc.tuple(lists, consensusPassword), ([list, pw]) => withList(list, pw), { numRuns: 60, describe: ([l, pw]) => `${showList(l)}, ${show(pw)}` });
});

ruleCheck('BCC-AUTH-QUERY-FORMS', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const withForm = (queryForm: 'bare' | 'empty', pw: string) => accepts(rc, `query form ${queryForm}`, pw, (instanceId) => buildChange(rc, { instanceId, password: pw, queryForm }));
  await examples(rc, 'both forms', ['bare', 'empty'] as const, (form) => withForm(form, FIXED_PASSWORD));
  await property(rc, 'either form, any valid password', fc.tuple(fc.constantFrom('bare' as const, 'empty' as const), consensusPassword), ([form, pw]) => withForm(form, pw), { numRuns: 50, describe: ([f, pw]) => `${f}, ${show(pw)}` });
});

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Escapes the picked unreserved characters of an id as `%xx` (lower or upper hex). */
function escapeId(id: string, pick: (ch: string, i: number) => boolean, upper: (i: number) => boolean): string {
  return Array.from(id)
    .map((ch, i) => {
      if (!UNRESERVED.test(ch) || !pick(ch, i)) return encodeURIComponent(ch);
      const hex = ch.charCodeAt(0).toString(16).padStart(2, '0');
      return `%${upper(i) ? hex.toUpperCase() : hex}`;
    })
    .join('');
}

ruleCheck('BCC-AUTH-ENCODING', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  // Built by hand: the wire path carries the escapes; the signer signs the decoded canonical form.
  const escaped = (pw: string, pick: (ch: string, i: number) => boolean, upper: (i: number) => boolean): Build => (instanceId) => {
    const path = facts.operations.changePassword.path.replace('{instanceId}', escapeId(instanceId, pick, upper));
    return signedRaw(rc, `${rc.target.baseUrl.replace(/\/$/, '')}${path}?${facts.operations.changePassword.query ?? ''}`, encryptedBody(rc, pw));
  };
  const lower = () => false;
  const cases = [
    { label: "every '-' as %2d", pick: (ch: string) => ch === '-', upper: lower },
    { label: 'every character, lowercase hex', pick: () => true, upper: lower },
    { label: 'every character, mixed hex case', pick: () => true, upper: (i: number) => i % 2 === 0 },
  ];
  await examples(rc, 'escaped ids', cases, ({ label, pick, upper }) => accepts(rc, label, FIXED_PASSWORD, escaped(FIXED_PASSWORD, pick, upper)), { describe: (c) => c.label });
  const picks = fc.tuple(fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }), consensusPassword);
  await property(rc, 'any characters escaped, either case', picks, ([p, u, pw]) => accepts(rc, 'escaped id', pw, escaped(pw, (_, i) => p[i % 64]!, (i) => u[i % 64]!)), {
    numRuns: 60,
    describe: ([p, u, pw]) => `escape ${p.map(Number).join('')}, upper ${u.map(Number).join('')}, ${show(pw)}`,
  });
});

const enc = facts.encryption!;
ruleCheck('BCC-ENC-ACCEPT', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const encrypted = (pw: string) => accepts(rc, `encrypted ${show(pw)}`, pw, (instanceId) => buildChange(rc, { instanceId, password: pw }));
  await examples(rc, 'each block boundary', blockEdges, encrypted, { describe: show });
  await property(rc, 'any valid password, encrypted', consensusPassword, encrypted, { numRuns: 80, describe: show });
});

ruleCheck('BCC-ENC-REQUIRED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const plaintext = (pw: string) => rejects(rc, `plaintext ${show(pw)}`, 'ciphertext-invalid', faulty(rc, 'plaintext-password', pw));
  await examples(rc, 'each block boundary, in plaintext', blockEdges, plaintext, { describe: show });
  await property(rc, 'any valid password, in plaintext', consensusPassword, plaintext, { numRuns: 60, describe: show });
});

/** Ciphertext made unusable in one way each, from a valid one of two blocks or more. */
const MALFORMED_CIPHERTEXT: ReadonlyArray<{ label: string; edit: (hex: string) => string }> = [
  { label: 'odd-length hex', edit: (h) => h.slice(0, -1) },
  { label: 'a non-hex character', edit: (h) => `${h.slice(0, 5)}g${h.slice(6)}` },
  { label: 'last block cut off', edit: (h) => h.slice(0, -2 * BLOCK) },
  { label: 'not whole blocks', edit: (h) => h.slice(0, -2) },
];

ruleCheck('BCC-ENC-KEY', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const sk = rc.target.credentials.bcc.secretAccessKey;
  const long = blockEdges.find((p) => Array.from(p).length >= BLOCK) ?? FIXED_PASSWORD;
  await examples(rc, 'the builder fault', blockEdges, (pw) => rejects(rc, `wrong key, ${show(pw)}`, 'ciphertext-invalid', faulty(rc, 'wrong-encryption-key', pw)), { describe: show });
  await examples(rc, 'each malformed ciphertext', MALFORMED_CIPHERTEXT, ({ label, edit }) =>
    rejects(rc, label, 'ciphertext-invalid', (instanceId) => buildChange(rc, { instanceId, password: long, rawBody: JSON.stringify({ [enc.field]: edit(encryptAdminPass(long, sk)) }) })),
  { describe: (m) => m.label });
  // Any other 16-character key: the key is derived from the SK's first 16 characters only.
  const otherKeys = fc.stringMatching(new RegExp(`^[A-Za-z0-9]{${BLOCK}}$`)).filter((k) => k !== Array.from(sk).slice(0, BLOCK).join(''));
  await property(rc, 'any valid password under any other key', fc.tuple(otherKeys, consensusPassword), ([key, pw]) =>
    rejects(rc, `encrypted under another key, ${show(pw)}`, 'ciphertext-invalid', (instanceId) => buildChange(rc, { instanceId, password: pw, rawBody: encryptedBody(rc, pw, key + sk.slice(BLOCK)) })),
  { numRuns: 60, describe: ([, pw]) => `another key, ${show(pw)}` });
});
