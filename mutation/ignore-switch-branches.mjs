// @ts-check
/**
 * A Stryker ignorer: code that runs only when the simulator is configured away from its default
 * is not tested. The mutation run's test suite is the conformance suites against the *default*
 * simulator, so these branches are unreachable by design:
 *
 * - planted faults (`Behaviour` in core/behaviour.ts, the verifiers' and the cipher's fault
 *   options, functions documented "Planted fault"): kit self-test scaffolding, proven by the
 *   fault catalogue's own tests (`list-rules --faults`), not domain logic;
 * - alternate-profile switches (`ProfileSwitches` in profiles.ts): the other allowed choice at
 *   a silent place, covered by running the kit against the alternate profile
 *   (src/simulator/profiles.test.ts);
 * - readings of ambiguities that are truthy only when not the default (BCC-A3 plaintext
 *   fallback, DCS-A2 error form).
 *
 * Ignored: a reference to such a switch (its mutants are equivalent under the default), the
 * branch taken only when a switch is on, and objects made only of switches. The default branch
 * stays mutated. Switch names are read from the interfaces, so a new switch is covered.
 */
import { readFileSync } from 'node:fs';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

/** Field names of `interface name { ... }` in a source file. */
function fieldsOf(file, name) {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
  const start = text.indexOf(`interface ${name} {`);
  if (start < 0) throw new Error(`mutation/ignore-switch-branches.mjs: interface ${name} not found in ${file}; update the list of switch interfaces`);
  const body = text.slice(start, text.indexOf('\n}', start));
  return [...body.matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
}

const FAULTS = new Set([
  ...fieldsOf('src/simulator/core/behaviour.ts', 'Behaviour'),
  ...fieldsOf('src/simulator/auth/admin-pass-cipher.ts', 'AdminPassFaults'),
  ...fieldsOf('src/simulator/auth/bce-verifier.ts', 'BceVerifierFaults'),
  'ignoreUnsignedPayload', // SdkHmacOptions, planted
  'keepCountAfterLock', 'keepCount', // lockout.ts options fed by Behaviour.counterSurvivesLock
  'inSeconds', // dcs-service.ts: const inSeconds = ctx.behaviour.lockTimeInSeconds
]);
const PROFILE = new Set([
  ...fieldsOf('src/simulator/profiles.ts', 'ProfileSwitches'),
  'extendOnWrong', // lockout.ts option fed by dcsWrongDuringLockExtends
  'formatCode', // dcs-service.ts: the alternate profile's id-format code
]);
const READINGS = new Set(['plaintextFallback', 'wrongPasswordError']);
// `fixedExpirationSeconds ?? parsed.expirationSeconds` is a value, not a switch: its `??` stays mutated.
FAULTS.delete('fixedExpirationSeconds');

/**
 * The original expression inside Stryker's instrumentation. Stryker places a node's mutants when
 * it leaves the node, so by the time a branch is visited its test may already read
 * `stryMutAct_x("id") ? mutant : (stryCov_x("id"), original)`; judge the original.
 */
function original(node) {
  if (node?.type === 'ConditionalExpression' && node.test.type === 'CallExpression' && /^stryMutAct_/.test(node.test.callee?.name ?? '')) return original(node.alternate);
  if (node?.type === 'SequenceExpression' && node.expressions[0]?.type === 'CallExpression' && /^stryCov_/.test(node.expressions[0].callee?.name ?? '')) return original(node.expressions.at(-1));
  if (node?.type === 'TSNonNullExpression' || node?.type === 'ParenthesizedExpression') return original(node.expression);
  return node;
}

/** @returns {string | undefined} why a node names a switch */
function switchKind(wrapped) {
  const node = original(wrapped);
  if (!node) return undefined;
  let name;
  if (node.type === 'Identifier') name = node.name;
  else if ((node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && node.property.type === 'Identifier') name = node.property.name;
  if (name === undefined) return undefined;
  if (FAULTS.has(name)) return 'planted-fault switch';
  if (PROFILE.has(name)) return 'alternate-profile switch';
  if (READINGS.has(name)) return 'non-default reading';
  return undefined;
}

/** A positive switch test (the branch runs only when it is on): `sw`, or `a && sw`. */
function positiveSwitch(wrapped) {
  const test = original(wrapped);
  const direct = switchKind(test);
  if (direct) return direct;
  if (test?.type === 'LogicalExpression' && test.operator === '&&') return positiveSwitch(test.left) ?? positiveSwitch(test.right);
  return undefined;
}

/** A negated switch `!sw`. */
function negatedSwitch(wrapped) {
  const node = original(wrapped);
  return node?.type === 'UnaryExpression' && node.operator === '!' ? switchKind(node.argument) : undefined;
}

/** @param {any} path a Babel NodePath @returns {string | undefined} */
function whyIgnored(path) {
  const { node, parent } = path;
  const off = (kind) => `${kind}: off in the default simulator the suites run against (out of scope, see mutation/ignore-switch-branches.mjs)`;
  // A function that exists only for a planted fault.
  if (node.type === 'FunctionDeclaration' && (node.leadingComments ?? []).some((c) => /Planted fault/i.test(c.value))) return off('planted-fault function');
  // The switch itself, or its negation: every mutant of it is equivalent under the default.
  const own = switchKind(node) ?? negatedSwitch(node);
  if (own && path.key !== 'property') return off(own);
  if (!parent) return undefined;
  if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && path.key !== 'test') {
    const positive = positiveSwitch(parent.test);
    if (positive && path.key === 'consequent') return off(positive);
    if (path.key === 'test') return undefined;
    const negated = negatedSwitch(parent.test);
    if (negated && path.key === 'alternate') return off(negated);
  }
  if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && path.key === 'test' && positiveSwitch(node)) return off(positiveSwitch(node));
  // `sw && x` (or `sw && a && x`): x is evaluated only when the switch is on.
  if (parent.type === 'LogicalExpression' && parent.operator === '&&' && path.key === 'right' && positiveSwitch(parent.left)) return off(positiveSwitch(parent.left));
  // `{ a: sw1, b: sw2 }`: options made only of switches.
  if (node.type === 'ObjectExpression' && node.properties.length > 0 && node.properties.every((p) => p.type === 'ObjectProperty' && switchKind(p.value))) return off('switch options');
  // silentCode(profile, key, fallback): the key selects the alternate profile's code.
  if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'silentCode' && path.listKey === 'arguments' && path.key === 1) return off('alternate-profile code key');
  return undefined;
}

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'switch-branches', { shouldIgnore: whyIgnored })];
