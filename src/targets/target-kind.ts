/**
 * What one kind of target tells the kit: how it is chosen from the run's flags, which flags it
 * accepts and how it checks them, its wire settings and report entry, and how a worker builds
 * it. Each kind lives in one file (`simulator-target.ts`, `http-target.ts`, `client-target.ts`)
 * and is listed once in `registry.ts`; nothing else branches on a kind's name.
 */
import type { ConformanceConfig } from '../config/define-config.ts';
import type { Contract } from '../contract/contract.ts';
import { KitError } from '../errors/kit-error.ts';
import type { TargetInfo } from '../report/report-model.ts';
import type { Target } from './target.ts';

/**
 * A target in serialisable form: `kind` names a registry entry, the rest are that kind's own
 * options. It crosses to the vitest workers through `provide`, so it stays plain JSON.
 */
export interface TargetSettings {
  kind: string;
  [option: string]: unknown;
}

/** Credentials a run was given per service (absent: the simulator's test credentials). */
export type RunCredentials = { bcc?: { accessKeyId: string; secretAccessKey: string }; dcs?: { accessKeyId: string; secretAccessKey: string; projectId?: string } };

/** The run's choices that concern the target, flags over the config file (already merged). */
export interface TargetChoice {
  /** `--target` (default `simulator`). */
  target: string;
  /** `--client` (an adapter) or `cmd:<command line>` (`--client-cmd`). */
  client?: string;
  stateUrl?: string;
  variants: Record<string, string>;
  /** `--fault` names. */
  faults: string[];
  /** `--profile` as given. */
  profile?: string;
  dryRun?: boolean;
  /** `--live`: guard rails even on a loopback URL. */
  live?: boolean;
  maxRequests?: string | number;
  rate?: string | number;
  /** `--checks-in-flight` (or the config's `checksInFlight`), as given. */
  checksInFlight?: string | number;
  allowLockout?: boolean;
  services: readonly string[];
  config: ConformanceConfig;
}

/** What a kind plans for a run: the wire settings, the report's entry, and whether it is live. */
export interface TargetPlan {
  settings: TargetSettings;
  info: TargetInfo;
  /** Credentials the suites sign with (absent: the simulator's test credentials). */
  credentials?: RunCredentials;
  /** True when the run needs the live flow (guard rails, ledger, restore). */
  live: boolean;
}

/** What a worker hands a factory besides the settings. */
export interface TargetContext {
  credentials?: RunCredentials;
  /** Wraps an in-process async handler so its time counts as target time (bench kit-overhead figure). */
  timed<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
  /** As {@link timed}, for a handler that may answer synchronously. */
  timedSync<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): (...args: A) => R | Promise<R>;
}

/** How a run spreads over vitest workers. */
export type WorkerPolicy =
  /** Nothing shared between workers: use every core. */
  | 'every-core'
  /** One worker, files in turn (one ledger, one budget, one rate limit). */
  | 'one'
  /** vitest's default (a shared server or clock). */
  | 'default'
  /** Up to this many workers, each with a resource of its own (e.g. a server's isolated session). */
  | number;

/** One kind of target, as the registry lists it. */
export interface TargetKind<S extends TargetSettings = TargetSettings> {
  /** The registry name, stored as `settings.kind`. */
  readonly kind: string;
  /** One line for `--help` and docs. */
  readonly description: string;
  /**
   * How `--target` names this kind, as a phrase and an example (for the error when no kind takes
   * a `--target` value); absent for kinds chosen by another flag.
   */
  readonly targetForm?: { phrase: string; example: string };
  /**
   * True when every password the target sees is a test password of the kit's own embedded
   * simulator, never a real account's: only then may `--show-test-passwords` quote them.
   */
  readonly testPasswordsOnly?: boolean;
  /** True when this kind takes the run; the registry asks the kinds in order, first one wins. */
  claims(choice: TargetChoice): boolean;
  /** Checks the flags before the specs load; throws a KitError (USAGE) with the fix. */
  check(choice: TargetChoice): void;
  /** Builds the plan's part for this kind (after the specs loaded). */
  plan(choice: TargetChoice, contracts: readonly Contract[]): TargetPlan;
  /** Builds the target in a worker. */
  create(settings: S, ctx: TargetContext): Promise<Target>;
  /** Runs once before the suites start (e.g. loads a module so a broken one is exit 2 early). */
  preflight?(settings: S): Promise<void>;
  /**
   * Runs once before the suites start, after the probe: may hand the workers other settings
   * (e.g. isolated sessions the server offers, one per worker) and says how to give back what it
   * took (called when the suites have finished). Undefined: the settings as planned.
   */
  prepare?(settings: S): Promise<{ settings: S; release(): Promise<void> } | undefined>;
  /** The base URL to probe for reachability before the run, if any. */
  probeUrl?(settings: S): string | undefined;
  /** How the run spreads over workers [default]. */
  workers?(settings: S): WorkerPolicy;
  /**
   * How many checks a worker may have in flight at once [1: one after another]. More than one
   * only where checks cannot see each other: each gets a target of its own (`leaseTarget`), and
   * the server keeps each instance apart; checks that move the clock still run alone.
   */
  checksInFlight?(settings: S): number;
}

/** Reads a flag as a whole number ≥ `min` (undefined when absent); a bad value is a usage error. */
export function wholeNumberFlag(name: string, value: string | number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new KitError('USAGE', `--${name} ${value} is not a whole number ≥ ${min}`, `give --${name} a whole number, e.g. --${name} ${min === 0 ? 42 : 2}`);
  return n;
}
