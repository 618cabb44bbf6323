/** The simulator's own password checker, driven by the policy facts in force. */
import type { PasswordPolicy } from '../../spec/contract.ts';

/** Why a password breaks the policy; `undefined` when it complies. */
export function policyViolation(policy: PasswordPolicy, password: string): string | undefined {
  const chars = [...password];
  if (chars.length < policy.minLength || chars.length > policy.maxLength) {
    return `length ${chars.length} is outside ${policy.minLength}-${policy.maxLength}`;
  }
  const used = new Set<string>();
  for (const ch of chars) {
    const cls = policy.classes.find((c) => c.alphabet.includes(ch));
    if (!cls) return `character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} is not allowed`;
    used.add(cls.name);
  }
  if (used.size < policy.minClasses) {
    return `uses ${used.size} character class(es); at least ${policy.minClasses} of ${policy.classes.map((c) => c.name).join(', ')} are required`;
  }
  return undefined;
}

/** Length check only (the DCS old password is checked for its range, not its classes). */
export function lengthViolation(policy: PasswordPolicy, password: string): string | undefined {
  const n = [...password].length;
  return n < policy.minLength || n > policy.maxLength ? `length ${n} is outside ${policy.minLength}-${policy.maxLength}` : undefined;
}
