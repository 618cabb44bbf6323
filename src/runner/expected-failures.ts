/**
 * The expected-failures file: rule failures a team knows about, per target, with a reason
 * and an optional expiry. `rule` takes the same globs as `--rules` (`DCS-LOCK-*`). JSON: `[{ "rule": "BCC-A4", "target": "simulator" | "*" | URL glob,
 * "reason": "…", "expires": "2027-01-31" }]`.
 */
import { readFileSync } from 'node:fs';
import { KitError } from '../errors/kit-error.ts';

/** One known failure. */
export interface ExpectedFailure {
  rule: string;
  target: string;
  reason: string;
  expires?: string;
}

const FIX = 'write a JSON array of {"rule": "RULE-ID", "target": "simulator" | "*" | "https://host*", "reason": "why", "expires": "YYYY-MM-DD" (optional)}';

/** Reads and validates the file; every problem is reported at once with its entry index. */
export function loadExpectedFailures(file: string): ExpectedFailure[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KitError('CONFIG_INVALID', `Cannot read expected-failures file ${file}: ${(e as Error).message}`, FIX);
  }
  if (!Array.isArray(data)) throw new KitError('CONFIG_INVALID', `Expected-failures file ${file} is not a JSON array`, FIX);
  const problems: string[] = [];
  data.forEach((entry: unknown, i) => {
    const e = entry as Record<string, unknown>;
    if (typeof e !== 'object' || e === null) return void problems.push(`entry ${i} is not an object`);
    for (const key of ['rule', 'target', 'reason']) if (typeof e[key] !== 'string' || e[key] === '') problems.push(`entry ${i}: "${key}" must be a non-empty string`);
    if (e.expires !== undefined && (typeof e.expires !== 'string' || Number.isNaN(Date.parse(e.expires)))) problems.push(`entry ${i}: "expires" must be a date like 2027-01-31`);
    const unknown = Object.keys(e).filter((k) => !['rule', 'target', 'reason', 'expires'].includes(k));
    if (unknown.length) problems.push(`entry ${i}: unknown key(s) ${unknown.join(', ')}`);
  });
  if (problems.length) throw new KitError('CONFIG_INVALID', `Expected-failures file ${file}:\n  ${problems.join('\n  ')}`, FIX);
  return data as ExpectedFailure[];
}

/** True when an entry's target pattern (`*` wildcards) names this target. */
export function matchesTarget(pattern: string, target: string): boolean {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(target);
}
