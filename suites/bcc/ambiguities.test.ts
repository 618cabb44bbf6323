/** BCC ambiguities (domain notes §3, from the seed page's own contradictions): probe each disputed behaviour and name the reading the target follows. */
import fc from 'fast-check';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import type { RuleContext } from '../harness/rule-context.ts';
import type { ConformanceFacts } from '../../src/contract/contract.ts';
import { mergePatch } from '../../src/contract/merge-patch.ts';
import { invalidUnderAll, satisfies, validUnderAll } from '../generators/policy-oracle.ts';
import { forbiddenCharacters, passwordFrom, show, tooFewClasses, validPassword } from '../generators/passwords.ts';
import { FIXED_PASSWORD, allowedStatus, blockEdges, contract, facts, observe, policy, readings, sendChange, signedRaw, changeUrl, statuses, type Observation } from './bcc-kit.ts';

/** Every subset of exactly `k` items, in order. */
function subsets<T>(items: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));
}

/** Each reading of an ambiguity with the facts it implies. */
function readingsOf(ruleId: string): Array<{ name: string; facts: ConformanceFacts }> {
  const variants = facts.rules.find((r) => r.id === ruleId)?.variants ?? [];
  return variants.map((v) => ({ name: v.name, facts: mergePatch(facts, v.patch ?? {}) as ConformanceFacts }));
}

const showSeen = (o: Observation) => (o.kind === 'accepted' ? 'accepted' : o.kind === 'rejected' ? `${o.status} ${o.code ?? '(no code)'}` : o.text);
type Probe = { label: string; seen: Observation };
const summarise = (probes: readonly Probe[]) => probes.map((p) => `${p.label} → ${showSeen(p.seen)}`).join('; ');

/**
 * Names the one reading whose predictions match every probe; fails (naming all readings) when
 * none does, since the target then follows no listed reading.
 */
function decide<P extends Probe>(rc: RuleContext, probes: readonly P[], predicts: Array<{ name: string; matches: (p: P) => boolean }>): void {
  if (rc.settings.replay) return; // a replay re-runs one probe for its transcript; there is nothing to decide
  const fitting = predicts.filter((r) => probes.every((p) => r.matches(p)));
  rc.check(fitting.length > 0, summarise(probes), `one of: ${predicts.map((r) => r.name).join(', ')}`);
  if (fitting.length > 1) throw new Error(`suite bug: probes of ${rc.rule} do not tell ${fitting.map((r) => r.name).join(' from ')} apart`);
  rc.ambiguous(fitting[0]!.name, summarise(probes));
}

/** Changes a fresh instance in `status` to `password`; returns what came back. */
async function probeChange(rc: RuleContext, label: string, status: string, password: string): Promise<Probe & { status: string; password: string }> {
  const instance = await rc.bccInstance(status);
  return { label, status, password, seen: observe((await rc.change(label, { service: 'bcc', instanceId: instance.instanceId, password })).outcome) };
}

/** The first of a few sampled values that `keep` accepts (sampling, never filtering: a filter may never be satisfied). */
function pick<T>(rc: RuleContext, arb: fc.Arbitrary<T>, keep: (v: T) => boolean, count = 1): T[] {
  return fc.sample(arb, { numRuns: 40, seed: rc.settings.seed }).filter(keep).slice(0, count);
}

/**
 * A change every reading accepts. When even that is refused, no probe can tell the readings
 * apart: the check skips, and the rules that own the refusal report it.
 */
async function controlRefused(rc: RuleContext): Promise<string | undefined> {
  let refused: string | undefined;
  await examples(rc, 'control: a change every reading accepts', [FIXED_PASSWORD], async (pw) => {
    const p = await probeChange(rc, `control ${show(pw)}`, allowedStatus, pw);
    if (p.seen.kind !== 'accepted') refused = `cannot probe: a change every reading accepts was refused (${showSeen(p.seen)}); BCC-STATUS-ALLOWED and BCC-PWD-ACCEPT-VALID judge that`;
  }, { describe: show });
  return refused;
}

const isRejection = (seen: Observation, code: string, f: ConformanceFacts) => seen.kind === 'rejected' && seen.status === f.errors[code]?.status && seen.code === code;

ruleCheck('BCC-A1', { needs: ['setupState'] }, async (rc) => {
  const refused = await controlRefused(rc);
  if (refused) return rc.skip(refused);
  const options = readingsOf(rc.rule);
  // The statuses some reading allows and another forbids (Running).
  const disputed = contract.allStatuses.filter((s) => !statuses.allowed.includes(s) && !statuses.forbidden.includes(s));
  const cases = disputed.flatMap((status) => [FIXED_PASSWORD, blockEdges[0]!, blockEdges.at(-1)!].map((pw) => ({ status, pw })));
  const probes: Array<Probe & { status: string }> = [];
  await examples(rc, 'disputed statuses', cases, async ({ status, pw }) => void probes.push(await probeChange(rc, `${status}, ${show(pw)}`, status, pw)), { describe: (c) => `${c.status}, ${show(c.pw)}` });
  decide(rc, probes, options.map((r) => ({
    name: r.name,
    matches: (p) => (r.facts.statuses.allowed.includes(p.status) ? p.seen.kind === 'accepted' : isRejection(p.seen, r.facts.statuses.onForbidden, r.facts)),
  })));
});

ruleCheck('BCC-A2', { needs: ['setupState'] }, async (rc) => {
  const refused = await controlRefused(rc);
  if (refused) return rc.skip(refused);
  const options = readingsOf(rc.rule);
  const disputed = (pw: string) => !validUnderAll(readings, pw) && !invalidUnderAll(readings, pw);
  // A symbol only some reading allows, appended to a password every reading accepts; then the space of each reading.
  const extraSymbols = [...new Set(options.flatMap((r) => r.facts.passwordPolicy.classes.flatMap((c) => Array.from(c.alphabet))))].filter((c) => !policy.classes.some((k) => k.alphabet.includes(c)));
  const fixed = extraSymbols.map((s) => `${FIXED_PASSWORD.slice(0, policy.maxLength - 1)}${s}`);
  // Every combination of just enough classes under each reading (e.g. upper + lower + digits, no symbol), then its random space.
  const combos = options.flatMap((r) => subsets(r.facts.passwordPolicy.classes, r.facts.passwordPolicy.minClasses).flatMap((cs) => pick(rc, passwordFrom(cs, Math.max(r.facts.passwordPolicy.minLength, cs.length)), disputed)));
  const generated = [...combos, ...options.flatMap((r) => pick(rc, validPassword(r.facts.passwordPolicy), disputed, 3))];
  const passwords = [...fixed, ...generated].filter(disputed);
  const probes: Array<Probe & { password: string }> = [];
  await examples(rc, 'passwords the readings disagree on', passwords, async (pw) => void probes.push(await probeChange(rc, show(pw), allowedStatus, pw)), { describe: show });
  // Which code rejects is BCC-A5's question: any 4xx is a rejection here.
  decide(rc, probes, options.map((r) => ({ name: r.name, matches: (p) => (satisfies(r.facts.passwordPolicy, p.password) ? p.seen.kind === 'accepted' : p.seen.kind === 'rejected') })));
});

ruleCheck('BCC-A3', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const refused = await controlRefused(rc);
  if (refused) return rc.skip(refused);
  const [ciphertextRequired, exampleLiteral] = readingsOf(rc.rule).sort((a, b) => Number(a.facts.encryption!.plaintextFallback) - Number(b.facts.encryption!.plaintextFallback));
  const operation = (contract.openapi.paths as Record<string, Record<string, { requestBody: { content: Record<string, { examples: Record<string, { value: Record<string, string> }> }> } }>>)[facts.operations.changePassword.path]!;
  const [mediaType, media] = Object.entries(operation[facts.operations.changePassword.method.toLowerCase()]!.requestBody.content)[0]!;
  const literal = media.examples.documentExample!.value[facts.encryption!.field]!;
  // The page's request as written: the header spelt `ContentType`, no Content-Type, only host signed.
  const asOnThePage = async (label: string, adminPass: string): Promise<Probe & { stored?: string | null }> => {
    const instance = await rc.bccInstance(allowedStatus);
    const body = new TextEncoder().encode(JSON.stringify({ [facts.encryption!.field]: adminPass }));
    const sent = await rc.send(label, await signedRaw(rc, changeUrl(rc, instance.instanceId), body, { headers: { ContentType: mediaType }, signedHeaders: ['host'] }));
    const stored = rc.target.capabilities.inspect ? (await rc.inspect('bcc', instance)).password : undefined;
    return { label, seen: observe(sent.outcome), stored };
  };
  const probes: Array<Probe & { stored?: string | null }> = [];
  await examples(rc, "the page's example, then a valid password in its form", [{ label: `the literal example (${literal})`, pass: literal }, { label: `plaintext ${show(FIXED_PASSWORD)} in the same form`, pass: FIXED_PASSWORD }], async ({ label, pass }) => void probes.push(await asOnThePage(label, pass)), { describe: (p) => p.label });
  if (rc.settings.replay) return;
  const [uuid, plain] = probes as [Probe & { stored?: string | null }, Probe & { stored?: string | null }];
  // The UUID breaks the password rules, so taking it literally may still reject it; a valid plaintext in the same form tells.
  rc.check(plain.seen.kind !== 'accepted' || plain.stored === undefined || plain.stored === FIXED_PASSWORD, `${summarise(probes)}; stored ${JSON.stringify(plain.stored)}`, 'an accepted plaintext is stored as sent');
  decide(rc, probes, [
    { name: ciphertextRequired!.name, matches: (p) => p.seen.kind === 'rejected' },
    { name: exampleLiteral!.name, matches: (p) => (p === uuid ? p.seen.kind !== 'other' && (p.seen.kind === 'rejected' || plain.seen.kind === 'accepted') : p.seen.kind === 'accepted') },
  ]);
});

ruleCheck('BCC-A4', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const refused = await controlRefused(rc);
  if (refused) return rc.skip(refused);
  const options = readingsOf(rc.rule);
  const bodies: Array<Probe & { body: string }> = [];
  await examples(rc, 'valid changes', blockEdges.slice(0, 3), async (pw) => {
    const instance = await rc.bccInstance(allowedStatus);
    const sent = await sendChange(rc, show(pw), { instanceId: instance.instanceId, password: pw });
    bodies.push({ label: show(pw), seen: observe(sent.outcome), body: sent.exchange!.response.body });
  }, { describe: show });
  const isObject = (b: string) => {
    try {
      const v: unknown = JSON.parse(b);
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    } catch {
      return false;
    }
  };
  const probes = bodies.map((b) => ({ label: `${b.label}: body ${b.body === '' ? '(empty)' : b.body.slice(0, 80)}`, seen: b.seen, body: b.body }));
  decide(rc, probes, options.map((r) => ({ name: r.name, matches: (p) => p.seen.kind === 'accepted' && (r.facts.responseShape.successBody === 'json' ? isObject(p.body) : p.body === '') })));
});

ruleCheck('BCC-A5', { needs: ['setupState'] }, async (rc) => {
  const refused = await controlRefused(rc);
  if (refused) return rc.skip(refused);
  const options = readingsOf(rc.rule);
  const outside = forbiddenCharacters(policy).find((c) => readings.every((r) => !r.classes.some((k) => k.alphabet.includes(c))))!;
  const sample = (arb: fc.Arbitrary<string>) => pick(rc, arb, (p) => invalidUnderAll(readings, p))[0] ?? '';
  const broken = [
    { label: 'too short', pw: sample(passwordFrom(policy.classes, policy.minLength - 1)) },
    { label: 'too long', pw: sample(passwordFrom(policy.classes, policy.maxLength + 1)) },
    { label: 'too few classes', pw: sample(tooFewClasses(policy)) },
    { label: `contains ${JSON.stringify(outside)}`, pw: `${FIXED_PASSWORD.slice(0, policy.maxLength - 1)}${outside}` },
  ].filter((b) => invalidUnderAll(readings, b.pw));
  const probes: Probe[] = [];
  await examples(rc, 'passwords breaking the rules', broken, async ({ label, pw }) => void probes.push(await probeChange(rc, `${label}: ${show(pw)}`, allowedStatus, pw)), { describe: (b) => `${b.label}: ${show(b.pw)}` });
  const named = options.find((r) => probes.every((p) => isRejection(p.seen, r.facts.passwordPolicy.onViolation, r.facts)));
  if (named) return rc.ambiguous(named.name, summarise(probes));
  // 4xx codes no reading names (one for all, or one per kind of violation): a reading of its own, never a failure.
  const rejected = probes.every((p) => p.seen.kind === 'rejected' && p.seen.status >= 400 && p.seen.status < 500);
  rc.check(rejected, summarise(probes), `one of: ${options.map((r) => `${r.name} (${r.facts.errors[r.facts.passwordPolicy.onViolation]!.status} ${r.facts.passwordPolicy.onViolation})`).join(', ')}, or any 4xx`);
  const codes = [...new Set(probes.map((p) => (p.seen.kind === 'rejected' ? `${p.seen.status} ${p.seen.code ?? '(no code)'}` : '')))];
  rc.ambiguous(`undocumented:${codes.join(' | ')}`, `answered ${codes.join(', ')}: ${summarise(probes)}`);
});
