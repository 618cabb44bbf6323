/** DCS password rules (seed page, request body table: the new_password and old_password rows) as examples and properties. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { describeOutcome, expectAccepted, expectNo5xx, expectPassword, expectRejected, expectRejectedAsOneOf } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { invalidUnderAll, validUnderAll } from '../generators/policy-oracle.ts';
import { WRONG_TYPES, forbiddenCharacters, show, showBreaking, tooFewClasses, withForbiddenCharacter, wrongLength } from '../generators/passwords.ts';
import { agreedValid, changeBody, changeRequest, clientError, consensus, cycled, expectUnchanged, lockout, policy, readings, resultOf, running, succeeded } from './dcs-kit.ts';

/** Changes the password of a fresh instance whose password is `old`; checks accepted and stored. */
async function accepts(rc: RuleContext, old: string, next: string): Promise<void> {
  const instance = await rc.dcsInstance(running, old);
  const result = await rc.change(`change ${show(old)} to ${show(next)}`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: next });
  expectAccepted(rc, result, `200 with result "${lockout.results.success}"`);
  // Which fields a success body carries beside result, the example shows but no row requires.
  const body = result.outcome.kind === 'success' && typeof result.outcome.body === 'object' && result.outcome.body !== null ? Object.keys(result.outcome.body) : [];
  rc.observe('success-body', 'the fields of a successful change\'s body', `${body.includes(lockout.fields.message) ? 'with' : 'without'} message: ${body.join(', ')}`, 'a valid change');
  await expectPassword(rc, 'dcs', instance, next, 'the new password is stored');
}

/** Tries a new password every reading rejects; checks the documented rejection and nothing changed. */
async function rejects(rc: RuleContext, next: string, situations: readonly string[]): Promise<void> {
  const instance = await rc.dcsInstance(running);
  const result = await rc.change(`change to ${showBreaking(next, rc.rule)}`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: next });
  expectRejectedAsOneOf(rc, result, situations);
  await expectUnchanged(rc, instance);
}

/** Every subset of the classes with enough classes to qualify. */
function qualifyingCombinations<T>(classes: readonly T[], minClasses: number): T[][] {
  const out: T[][] = [];
  for (let mask = 1; mask < 1 << classes.length; mask++) {
    const subset = classes.filter((_, i) => mask & (1 << i));
    if (subset.length >= minClasses) out.push(subset);
  }
  return out;
}

/** Characters outside every class under every reading (the disputed `%` and backslash are left to DCS-A4). */
const forbiddenEverywhere = forbiddenCharacters(policy).filter((c) => readings.every((r) => !r.classes.some((k) => k.alphabet.includes(c))));
/** A short password valid under every reading, to build cases around. */
const base = cycled(consensus.classes, consensus.minLength);
/** Agreed characters, but the widest length range any reading allows: outside it, every reading rejects. */
const widest = { ...consensus, minLength: Math.max(...readings.map((r) => r.minLength)), maxLength: Math.max(...readings.map((r) => r.maxLength)) };

ruleCheck('DCS-PWD-ACCEPT-VALID', { needs: ['setupState'] }, async (rc) => {
  const old = cycled(consensus.classes, consensus.minLength, 7);
  const fixed = [
    // Both agreed length bounds for every qualifying class combination.
    ...qualifyingCombinations(consensus.classes, consensus.minClasses).flatMap((combo) => [cycled(combo, consensus.minLength), cycled(combo, consensus.maxLength)]),
    // Every allowed character of every class, each in an otherwise valid password.
    ...policy.classes.flatMap((c) => Array.from(c.alphabet)).map((ch) => `${ch}${base}`),
  ].filter((p) => validUnderAll(readings, p) && p !== old);
  await examples(rc, 'bounds, class combinations and every character', fixed, (pw) => accepts(rc, old, pw), { describe: show });
  const pairs = fc.tuple(agreedValid, agreedValid).filter(([o, n]) => o !== n);
  await property(rc, 'any valid change', pairs, ([o, n]) => accepts(rc, o, n), { numRuns: 150, describe: ([o, n]) => `${show(o)} → ${show(n)}` });
});

ruleCheck('DCS-PWD-LENGTH', { needs: ['setupState'] }, async (rc) => {
  // One off the widest range any reading allows: below the largest minimum, above the largest maximum.
  const fixed = [cycled(consensus.classes, widest.minLength - 1), cycled(consensus.classes, widest.maxLength + 1), cycled(consensus.classes.slice(0, 1), 1)].filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'one off each bound', fixed, (pw) => rejects(rc, pw, ['password-length']), { describe: show });
  await property(rc, 'too short or too long', wrongLength(widest).filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw, ['password-length']), { numRuns: 80, describe: show });
});

ruleCheck('DCS-PWD-CLASSES', { needs: ['setupState'] }, async (rc) => {
  const fewer = qualifyingCombinations(consensus.classes, 1).filter((c) => c.length < consensus.minClasses);
  const fixed = fewer.flatMap((combo) => [cycled(combo, consensus.minLength), cycled(combo, consensus.maxLength)]).filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'each too-small class combination at both bounds', fixed, (pw) => rejects(rc, pw, ['password-complexity']), { describe: show });
  await property(rc, 'missing classes', tooFewClasses(consensus).filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw, ['password-complexity']), { numRuns: 80, describe: show });
});

ruleCheck('DCS-PWD-CHARSET', { needs: ['setupState'] }, async (rc) => {
  // The seed page asks for three of the four listed classes; a character outside them is no class.
  // So two classes plus outside characters are too few (DCS.4019, or any 4xx naming the character).
  const two = consensus.classes.slice(0, consensus.minClasses - 1);
  const short = (c: string) => `${cycled(two, consensus.minLength)}${c}`;
  const fixed = forbiddenEverywhere.map(short).filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'too few classes, whatever the other characters', fixed, (pw) => rejects(rc, pw, ['password-complexity', 'password-charset']), { describe: show });
  const fewer = fc.tuple(tooFewClasses(consensus), fc.constantFrom(...forbiddenEverywhere), fc.nat()).map(([pw, c, at]) => {
    const chars = Array.from(pw.slice(0, consensus.maxLength - 1));
    chars.splice(at % (chars.length + 1), 0, c);
    return chars.join('');
  });
  await property(rc, 'outside characters never make up a class', fewer.filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw, ['password-complexity', 'password-charset', 'password-length']), { numRuns: 60, describe: show });
  // Whether other characters are allowed beside three classes, no document says: either answer
  // is right if it is clean (accepted and stored as sent, or a 4xx that changes nothing).
  const half = Math.floor(base.length / 2);
  await examples(rc, 'three classes plus an outside character', forbiddenEverywhere.filter((_, i) => i % 4 === 0), async (c) => {
    const pw = `${base.slice(0, half)}${c}${base.slice(half)}`;
    const instance = await rc.dcsInstance(running);
    const result = await rc.change(`change to ${show(pw)}`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: pw });
    expectNo5xx(rc, result);
    if (succeeded(result.outcome)) {
      rc.observe('outside-characters', 'characters outside the four classes, beside three classes', 'accepted', `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} in a ${pw.length}-character password`);
      await expectPassword(rc, 'dcs', instance, pw, 'the new password is stored as sent');
    } else {
      expectRejected(rc, result, 'password-charset');
      await expectUnchanged(rc, instance);
    }
  }, { describe: (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}` });
});

ruleCheck('DCS-PWD-NEW-DIFFERS', { needs: ['setupState'] }, async (rc) => {
  // DCS-A3 disputes HOW it is refused, not WHETHER: any 4xx, or a 200 whose result is "failed".
  const refusesSame = async (pw: string) => {
    const instance = await rc.dcsInstance(running, pw);
    const result = await rc.change(`change ${show(pw)} to itself`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: pw, newPassword: pw });
    expectNo5xx(rc, result);
    const failed = result.outcome.kind === 'success' && resultOf(result.outcome) === lockout.results.failed;
    rc.check(failed || clientError(result.outcome), describeOutcome(result.outcome), `a 4xx, or 200 with result "${lockout.results.failed}" (DCS-A3 decides which); never "${lockout.results.success}"`);
    rc.observe('same-as-old', 'the answer to a new password equal to the old one', describeOutcome(result.outcome), 'new = old');
    await expectUnchanged(rc, instance);
  };
  await examples(rc, 'agreed bounds', [cycled(consensus.classes, consensus.minLength), cycled(consensus.classes, consensus.maxLength)], refusesSame, { describe: show });
  await property(rc, 'any valid password, unchanged', agreedValid, refusesSame, { numRuns: 50, describe: show });
});

ruleCheck('DCS-PWD-OLD-RULES', { needs: ['setupState'] }, async (rc) => {
  // The old password is checked for its range (a 400) or simply does not match (200 passwordFailed).
  const outOfRange = async ([old, next]: [string, string]) => {
    const instance = await rc.dcsInstance(running);
    const result = await rc.change(`old ${show(old)}`, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: old, newPassword: next });
    const o = result.outcome;
    const ok = (o.kind === 'error' && (o.status === undefined || o.status === 400)) || (o.kind === 'success' && resultOf(o) === lockout.results.wrongPassword);
    rc.check(ok && !succeeded(o), describeOutcome(o), `400, or 200 with result "${lockout.results.wrongPassword}"; never success`);
    // Checked for its range first, or simply a wrong password that counts: no document says which.
    rc.observe('old-password-out-of-range', 'an old_password outside 8–64 characters', o.kind === 'error' ? `refused: ${describeOutcome(o)}` : `a wrong attempt: ${describeOutcome(o)}`, `${old.length} characters`);
    await expectUnchanged(rc, instance);
  };
  const next = cycled(consensus.classes, consensus.minLength, 3);
  await examples(rc, 'one off each bound', [[cycled(consensus.classes, widest.minLength - 1), next], [cycled(consensus.classes, widest.maxLength + 1), next]] as Array<[string, string]>, outOfRange, { describe: ([o]) => show(o) });
  const cases = fc.tuple(wrongLength(widest).filter((p) => invalidUnderAll(readings, p)), agreedValid);
  await property(rc, 'old password of any wrong length', cases, outOfRange, { numRuns: 50, describe: ([o, n]) => `${show(o)} → ${show(n)}` });
  // A wrong old password with a new one breaking the rules: which is checked first, no document
  // says — a 400 for the new password, or a counted passwordFailed. Never a change.
  await examples(rc, 'a wrong old password with an invalid new one', [cycled(consensus.classes.slice(0, 1), 1)], async (badNew) => {
    const instance = await rc.dcsInstance(running);
    const result = await rc.change('wrong old password, invalid new one', { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: `${instance.password}x`, newPassword: badNew });
    const o = result.outcome;
    rc.check(!succeeded(o) && (clientError(o) || (o.kind === 'success' && resultOf(o) === lockout.results.wrongPassword)), describeOutcome(o), `a 4xx, or 200 with result "${lockout.results.wrongPassword}"; never success`);
    rc.observe('old-password-vs-new-policy', 'which is checked first: the old password or the new one\'s rules', describeOutcome(o), 'wrong old password, one-character new one');
    await expectUnchanged(rc, instance);
  }, { describe: () => 'wrong old, one-character new' });
});

ruleCheck('DCS-PWD-TYPE', { needs: ['setupState', 'rawRequests'] }, async (rc) => {
  const [newField, oldField] = policy.fields as [string, string];
  const next = cycled(consensus.classes, consensus.minLength, 5);
  const cases = [newField, oldField].flatMap((field) => WRONG_TYPES.map((wrong) => ({ field, wrong })));
  await examples(rc, 'each wrong type for each field', cases, async ({ field, wrong }) => {
    const instance = await rc.dcsInstance(running);
    const body = changeBody(instance.password, next);
    if (wrong.omit) delete body[field];
    else body[field] = wrong.value;
    const rawBody = JSON.stringify(body);
    const result = await rc.send(`${field}: ${wrong.label}`, await changeRequest(rc, instance, instance.password, next, { rawBody }));
    expectNo5xx(rc, result);
    // An empty old password is a string of the wrong length: DCS-PWD-OLD-RULES also allows 200 passwordFailed.
    const wrongOld = field === oldField && typeof wrong.value === 'string' && result.outcome.kind === 'success' && resultOf(result.outcome) === lockout.results.wrongPassword;
    rc.check(clientError(result.outcome) || wrongOld, describeOutcome(result.outcome), 'a 4xx, never a 5xx');
    await expectUnchanged(rc, instance);
  }, { describe: ({ field, wrong }) => `${field}: ${wrong.label}` });
});
