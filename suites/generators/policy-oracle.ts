/**
 * The suites' own reading of a password policy (independent of the simulator's checker), and
 * the readings the ambiguities allow: a case counts only when every reading agrees on it.
 */
import type { Contract, PasswordPolicy } from '../../src/contract/contract.ts';
import { mergePatch } from '../../src/contract/merge-patch.ts';

/** Each policy's first class per character of its alphabets, made once (a case checks several passwords under each reading). */
const owners = new WeakMap<PasswordPolicy, Map<string, string>>();

function ownerTable(policy: PasswordPolicy): Map<string, string> {
  let table = owners.get(policy);
  if (table === undefined) {
    table = new Map();
    for (const c of policy.classes) for (const ch of Array.from(c.alphabet)) if (!table.has(ch)) table.set(ch, c.name);
    owners.set(policy, table);
  }
  return table;
}

/** True when `password` satisfies the policy: length in code points, allowed characters, class count. */
export function satisfies(policy: PasswordPolicy, password: string): boolean {
  const chars = Array.from(password);
  if (chars.length < policy.minLength || chars.length > policy.maxLength) return false;
  const table = ownerTable(policy);
  const classes = new Set<string>();
  for (const ch of chars) {
    // The table holds each alphabet's characters; anything else (a lone surrogate of a pair in an
    // alphabet, say) is looked up as before, so the answer is the same (issue 17, round 6).
    const owner = table.get(ch) ?? policy.classes.find((c) => c.alphabet.includes(ch))?.name;
    if (owner === undefined) return false;
    classes.add(owner);
  }
  return classes.size >= policy.minClasses;
}

/** The policy under the default reading and under each reading that patches it. */
export function policyReadings(contract: Contract): PasswordPolicy[] {
  const readings = [contract.facts.passwordPolicy];
  for (const rule of contract.facts.rules) {
    for (const v of rule.variants ?? []) {
      const patch = (v.patch as { passwordPolicy?: unknown } | undefined)?.passwordPolicy;
      if (patch) readings.push(mergePatch(contract.facts.passwordPolicy, patch) as PasswordPolicy);
    }
  }
  return readings;
}

/** Every reading accepts it. */
export function validUnderAll(readings: readonly PasswordPolicy[], password: string): boolean {
  return readings.every((p) => satisfies(p, password));
}

/** Every reading rejects it. */
export function invalidUnderAll(readings: readonly PasswordPolicy[], password: string): boolean {
  return readings.every((p) => !satisfies(p, password));
}

/** The statuses every reading allows, and those every reading forbids. */
export function statusReadings(contract: Contract): { allowed: string[]; forbidden: string[] } {
  const sets = [contract.facts.statuses.allowed];
  for (const rule of contract.facts.rules) {
    for (const v of rule.variants ?? []) {
      const allowed = (v.patch as { statuses?: { allowed?: string[] } } | undefined)?.statuses?.allowed;
      if (allowed) sets.push(allowed);
    }
  }
  return {
    allowed: contract.allStatuses.filter((s) => sets.every((set) => set.includes(s))),
    forbidden: contract.allStatuses.filter((s) => sets.every((set) => !set.includes(s))),
  };
}

/**
 * The finest classes every reading agrees on: characters grouped by which class they belong to
 * under each reading (e.g. BCC's "letters" split into lowercase and uppercase by BCC-A2's other
 * reading). Combining whole finest classes gives the boundary cases of every reading at once.
 */
export function finestClasses(readings: readonly PasswordPolicy[]): Array<{ name: string; alphabet: string }> {
  const groups = new Map<string, { name: string; alphabet: string }>();
  const chars = [...new Set(readings.flatMap((r) => r.classes.flatMap((c) => Array.from(c.alphabet))))];
  for (const ch of chars) {
    const owners = readings.map((r) => r.classes.find((c) => c.alphabet.includes(ch))?.name ?? '-');
    const key = owners.join('/');
    const group = groups.get(key) ?? { name: [...new Set(owners)].join('/'), alphabet: '' };
    group.alphabet += ch;
    groups.set(key, group);
  }
  return [...groups.values()];
}
