/** DCS ambiguities A3–A5 (facts §3: new = old, the length bound and special set, non-RUNNING statuses): which reading the target follows. */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectNo5xx } from '../harness/expectations.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import type { ChangePasswordOutcome } from '../../src/contract/operation.ts';
import { satisfies } from '../generators/policy-oracle.ts';
import { show } from '../generators/passwords.ts';
import { clientError, consensus, cycled, nonRunning, readingsOf, readings, resultOf, running, succeeded } from './dcs-kit.ts';

/** A change on a fresh instance; a 5xx follows no reading at all. */
async function attempt(rc: RuleContext, status: string, oldPassword: string | undefined, newPassword: string | undefined, label: string): Promise<ChangePasswordOutcome> {
  const instance = await rc.dcsInstance(status, oldPassword);
  const result = await rc.change(label, { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: instance.password, newPassword: newPassword ?? instance.password });
  expectNo5xx(rc, result);
  return result.outcome;
}

/** The names of a rule's readings, for "documented" texts. */
const oneOf = (ruleId: string) => `one of: ${readingsOf(ruleId).map((r) => r.name).join(', ')}`;

ruleCheck('DCS-A3', { needs: ['setupState'] }, async (rc) => {
  const same = cycled(consensus.classes, consensus.minLength, 31);
  let seen: ChangePasswordOutcome | undefined;
  await examples(rc, 'new password equal to the old one', [same], async (pw) => {
    seen = await attempt(rc, running, pw, undefined, `change ${show(pw)} to itself`);
  }, { describe: show });
  const o = seen!;
  const match = readingsOf('DCS-A3').find(({ facts }) => {
    const expected = facts.passwordPolicy.sameAsOld ?? { error: facts.passwordPolicy.onViolation };
    if (expected.error) return o.kind === 'error' && o.code === expected.error && o.status === facts.errors[expected.error]?.status;
    return o.kind === 'success' && resultOf(o) === expected.result;
  });
  if (match) return rc.ambiguous(match.name, `new = old answered ${describeOutcome(o)}`);
  if (clientError(o)) return rc.ambiguous(`undocumented:${o.kind === 'error' ? `${o.status ?? '?'} ${o.code ?? '(no code)'}` : ''}`, `new = old answered ${describeOutcome(o)}, a rejection no reading names`);
  rc.check(false, describeOutcome(o), `${oneOf('DCS-A3')} (or another 4xx); never success`);
});

ruleCheck('DCS-A4', { needs: ['setupState'] }, async (rc) => {
  const variants = readingsOf('DCS-A4');
  const maxes = variants.map((v) => v.facts.passwordPolicy.maxLength);
  // Lengths just past the shortest maximum and at the longest, with characters every reading allows.
  const lengths = [...new Set([Math.min(...maxes) + 1, Math.max(...maxes)])];
  // Characters some reading allows and another does not (the % and the backslash).
  const all = (p: (typeof readings)[number]) => p.classes.flatMap((c) => Array.from(c.alphabet));
  const disputed = [...new Set(readings.flatMap(all))].filter((ch) => !readings.every((r) => all(r).includes(ch)));
  const probes = [...lengths.map((n) => cycled(consensus.classes, n, 37)), ...disputed.map((ch) => `${cycled(consensus.classes, consensus.minLength, 41)}${ch}`)];
  const observed = new Map<string, boolean>();
  await examples(rc, 'disputed lengths and characters', probes, async (pw) => {
    const o = await attempt(rc, running, undefined, pw, `change to ${show(pw)}`);
    rc.check(succeeded(o) || clientError(o), describeOutcome(o), 'accepted (200 success) or rejected (4xx)');
    observed.set(pw, succeeded(o));
  }, { describe: show });
  const summary = probes.map((pw) => `${show(pw)} ${observed.get(pw) ? 'accepted' : 'rejected'}`).join('; ');
  const match = variants.find((v) => probes.every((pw) => satisfies(v.facts.passwordPolicy, pw) === observed.get(pw)));
  if (match) return rc.ambiguous(match.name, summary);
  // The length bound and the special set are two questions: a target may follow one page for each.
  const lengthProbes = probes.slice(0, lengths.length);
  const charProbes = probes.slice(lengths.length);
  const byLength = variants.find((v) => lengthProbes.every((pw) => satisfies(v.facts.passwordPolicy, pw) === observed.get(pw)));
  const byChars = variants.find((v) => charProbes.every((pw) => satisfies(v.facts.passwordPolicy, pw) === observed.get(pw)));
  if (byLength && byChars) return rc.ambiguous(`mixed: length ${byLength.name}, special set ${byChars.name}`, summary);
  rc.check(false, summary, `${oneOf('DCS-A4')}: ${variants.map((v) => `${v.name} accepts ${probes.filter((pw) => satisfies(v.facts.passwordPolicy, pw)).map(show).join(', ') || 'none'}`).join('; ')}`);
});

ruleCheck('DCS-A5', { needs: ['setupState'] }, async (rc) => {
  const next = cycled(consensus.classes, consensus.minLength, 43);
  const observed = new Map<string, ChangePasswordOutcome>();
  await examples(rc, 'every non-running status', nonRunning, async (status) => {
    observed.set(status, await attempt(rc, status, undefined, next, `change on a ${status} instance`));
  });
  const summary = nonRunning.map((s) => `${s}: ${describeOutcome(observed.get(s)!)}`).join('; ');
  const match = readingsOf('DCS-A5').find(({ facts }) =>
    nonRunning.every((s) => {
      const o = observed.get(s)!;
      if (facts.statuses.allowed.includes(s)) return succeeded(o);
      // Any code documented for a refused status (DCS.4049 or DCS.4026), with its status.
      return o.kind === 'error' && (facts.expectations['forbidden-status']?.codes ?? []).some((c) => o.code === c && o.status === facts.errors[c]?.status);
    }),
  );
  if (match) return rc.ambiguous(match.name, summary);
  rc.check(false, summary, oneOf('DCS-A5'));
});
