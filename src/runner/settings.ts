/**
 * What a run asks of the suites: which target, which services, seed, size and filters.
 * The CLI provides it through vitest's `provide`; a plain `vitest` run uses the defaults
 * (the embedded simulator).
 */
import { inject } from 'vitest';
import type { RunCredentials, TargetSettings } from '../targets/target-kind.ts';
import { randomSeed, seedFromEnv } from './seed.ts';

/** The target a run talks to, in serialisable form (workers rebuild it through `src/targets/registry.ts`). */
export type { TargetSettings };

/** Everything a suite needs to know about the run. */
export interface RunSettings {
  target: TargetSettings;
  services: Array<'bcc' | 'dcs'>;
  seed: number;
  /** Scale factor for generated cases (1 = the default size). */
  runs: number;
  /** Rule id globs; empty = every rule. */
  rules: string[];
  /** Credentials per service; absent = the simulator's test credentials. */
  credentials?: RunCredentials;
  /** Re-run exactly one failing case. */
  replay?: { rule: string; property: string; seed: number; path?: string; replayPath?: string };
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformance: RunSettings;
  }
}

/** The seed of a plain vitest run: the one `seed-setup.ts` printed, else CONFORMANCE_SEED, else random (once per worker). */
function defaultSeed(): number {
  try {
    return inject('conformanceSeed');
  } catch {
    return seedFromEnv() ?? randomSeed();
  }
}
let fallbackSeed: number | undefined;

/** The settings of this run. */
export function runSettings(): RunSettings {
  let provided: RunSettings | undefined;
  try {
    provided = inject('conformance');
  } catch {
    provided = undefined;
  }
  if (provided) return provided;
  // Kit developers can point a plain `vitest` run elsewhere without the CLI.
  const fromEnv = process.env.CONFORMANCE_SETTINGS ? (JSON.parse(process.env.CONFORMANCE_SETTINGS) as Partial<RunSettings>) : {};
  fallbackSeed ??= defaultSeed();
  return { target: { kind: 'simulator' }, services: ['bcc', 'dcs'], seed: fallbackSeed, runs: 1, rules: [], ...fromEnv };
}

/** True when a rule id matches one of the globs (`*` = any run of characters); lives in `src/contract/rule-globs.ts`. */
export { ruleSelected } from '../contract/rule-globs.ts';
