/**
 * Rule id globs (`DCS-LOCK-*`), as `--rules`, `--require-rules` and expected-failure entries
 * take them. Kept free of vitest so the report side (CI gates, merge) loads it anywhere.
 */

/** True when `ruleId` matches one of `globs` (`*` = any run of characters, case-insensitive); no globs = every rule. */
export function ruleSelected(ruleId: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return true;
  return globs.some((g) => new RegExp(`^${g.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i').test(ruleId));
}
