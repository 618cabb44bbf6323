/** BCC password rules (seed page, adminPass row) as properties over constructive generators. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples, property } from '../harness/property.ts';
import { expectAccepted, expectNo5xx, expectPassword, expectRejected } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import { finestClasses, invalidUnderAll, policyReadings, validUnderAll } from '../generators/policy-oracle.ts';
import { cycled, forbiddenCharacters, show, showBreaking, subsets, tooFewClasses, validPassword, withForbiddenCharacter, wrongLength } from '../generators/passwords.ts';
import { documentedContract } from '../harness/rule-check.ts';

const contract = documentedContract('bcc');
const policy = contract.facts.passwordPolicy;
const readings = policyReadings(contract);
const allowedStatus = contract.facts.statuses.allowed.at(-1)!; // Stopped: allowed under every reading of BCC-A1

/** Changes the password of a fresh instance; checks accepted and stored. */
async function accepts(rc: RuleContext, password: string): Promise<void> {
  const instance = await rc.bccInstance(allowedStatus);
  const result = await rc.change(`change to ${show(password)}`, { service: 'bcc', instanceId: instance.instanceId, password });
  expectAccepted(rc, result);
  await expectPassword(rc, 'bcc', instance, password, 'the new password is stored');
}

/** Tries a password that breaks the rules; checks the documented rejection and nothing changed. */
async function rejects(rc: RuleContext, password: string): Promise<void> {
  const instance = await rc.bccInstance(allowedStatus);
  const result = await rc.change(`change to ${showBreaking(password, rc.rule)}`, { service: 'bcc', instanceId: instance.instanceId, password });
  expectRejected(rc, result, 'password-violation');
  await expectPassword(rc, 'bcc', instance, instance.password, 'the old password is kept');
}

ruleCheck('BCC-PWD-ACCEPT-VALID', { needs: ['setupState'] }, async (rc) => {
  const [letters, digits, symbols] = policy.classes as [typeof policy.classes[0], typeof policy.classes[0], typeof policy.classes[0]];
  // Boundaries and every allowed symbol, always.
  const fixed = [
    'Abcdef1!', // minimum length
    `Ab1!${'x'.repeat(policy.maxLength - 4)}`, // maximum length
    cycled(finest, policy.minLength), // both bounds with every class
    cycled(finest, policy.maxLength),
    ...Array.from(symbols.alphabet).map((s) => `Passw0rd${s}`),
    `${letters.alphabet}`.slice(0, 10) + digits.alphabet.slice(0, 2) + symbols.alphabet,
  ].filter((p) => validUnderAll(readings, p));
  await examples(rc, 'boundaries and every symbol', fixed, (pw) => accepts(rc, pw), { describe: show });
  await property(rc, 'any valid password', validPassword(policy).filter((p) => validUnderAll(readings, p)), (pw) => accepts(rc, pw), { numRuns: 150, describe: show });
});

ruleCheck('BCC-PWD-LENGTH', { needs: ['setupState'] }, async (rc) => {
  // One off each bound, with every class present (valid in every other respect), and far off.
  const fixed = [policy.minLength - 1, policy.maxLength + 1, 1, 2 * policy.maxLength].map((n) => cycled(finest, n)).filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'one off each boundary', fixed, (pw) => rejects(rc, pw), { describe: show });
  await property(rc, 'too short or too long', wrongLength(policy).filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw), { numRuns: 80, describe: show });
});

/** Classes every reading of BCC-A2 agrees on (lowercase, uppercase, digits, symbols), and the characters all allow. */
const finest = finestClasses(readings).filter((c) => Array.from(c.alphabet).every((ch) => readings.every((r) => r.classes.some((k) => k.alphabet.includes(ch)))));

ruleCheck('BCC-PWD-CLASSES', { needs: ['setupState'] }, async (rc) => {
  // Every combination of classes that every reading rejects (lowercase + digits like "password123",
  // letters only, digits + symbols…), at both length bounds: never left to chance.
  // Reversed, so a one-class case is never a run of the documented symbol list (which the reports quote as documentation).
  const reversed = (p: string) => Array.from(p).reverse().join('');
  const fixed = subsets(finest).flatMap((combo) => [cycled(combo, policy.minLength), cycled(combo, policy.maxLength)].map(reversed)).filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'each missing-class combination at both bounds', fixed, (pw) => rejects(rc, pw), { describe: show });
  // Then the space: only cases every reading of BCC-A2 rejects.
  await property(rc, 'missing a class', tooFewClasses(policy).filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw), { numRuns: 80, describe: show });
});

/** Letters of other scripts (é, П, 中): whether they are "English letters" or symbols outside the list, no document says. */
const isOtherLetter = (c: string) => /\p{L}/u.test(c) && !/^[A-Za-z]$/.test(c);

ruleCheck('BCC-PWD-SYMBOLS', { needs: ['setupState'] }, async (rc) => {
  // Symbols are limited to the listed set: any other non-letter character is forbidden.
  const outside = forbiddenCharacters(policy).filter((c) => !isOtherLetter(c) && readings.every((r) => !r.classes.some((k) => k.alphabet.includes(c))));
  await examples(rc, 'each forbidden character', outside.map((c) => `Passw0rd!${c}`).filter((p) => invalidUnderAll(readings, p)), (pw) => rejects(rc, pw), { describe: show });
  // Each forbidden character at both length bounds: an otherwise valid password of exactly 8 and 32 characters.
  const atBounds = outside.flatMap((c) => [policy.minLength, policy.maxLength].map((n) => {
    const chars = Array.from(cycled(finest, n - 1, 3));
    chars.splice(Math.floor(chars.length / 2), 0, c);
    return chars.join('');
  })).filter((p) => invalidUnderAll(readings, p));
  await examples(rc, 'each forbidden character at both length bounds', atBounds, (pw) => rejects(rc, pw), { describe: show });
  const anywhere = withForbiddenCharacter(policy).filter((x) => !isOtherLetter(x.bad)).map((x) => x.password).filter((p) => invalidUnderAll(readings, p));
  await property(rc, 'a forbidden character anywhere', anywhere, (pw) => rejects(rc, pw), { numRuns: 60, describe: show });
  // Other scripts' letters: either answer is right if it is clean; the choice is observed.
  const letters = forbiddenCharacters(policy).filter(isOtherLetter);
  await examples(rc, 'letters of other scripts', letters, async (c) => {
    const password = `Passw0rd!${c}`;
    const instance = await rc.bccInstance(allowedStatus);
    const result = await rc.change(`change to a password with U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, { service: 'bcc', instanceId: instance.instanceId, password });
    expectNo5xx(rc, result);
    if (result.outcome.kind === 'success') {
      rc.observe('other-script-letters', 'letters of other scripts (é, П, 中) in adminPass', 'accepted', `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`);
      await expectPassword(rc, 'bcc', instance, password, 'the new password is stored as sent');
    } else {
      rc.observe('other-script-letters', 'letters of other scripts (é, П, 中) in adminPass', 'rejected', `U+${c.codePointAt(0)!.toString(16).toUpperCase()}`);
      expectRejected(rc, result, 'password-violation');
      await expectPassword(rc, 'bcc', instance, instance.password, 'the old password is kept');
    }
  }, { describe: (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase()}` });
});
