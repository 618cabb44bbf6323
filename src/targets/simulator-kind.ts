/**
 * The registry entry of the embedded simulator (`--target simulator`, the default). Light: the
 * CLI plans a run without loading the simulator; a worker loads it when it builds the target.
 */
import { plantedFaults } from '../simulator/faults.ts';
import { profileNamed } from '../simulator/profiles.ts';
import { KitError } from '../errors/kit-error.ts';
import type { TargetChoice, TargetKind, TargetSettings } from './target-kind.ts';

async function loadImplementation() {
  const [{ createSimulator }, { simulatorTarget }] = await Promise.all([import('../simulator/simulator.ts'), import('./simulator-target.ts')]);
  return { createSimulator, simulatorTarget };
}

/** The embedded simulator's wire settings. */
export interface SimulatorTargetSettings extends TargetSettings {
  kind: 'simulator';
  variants?: Record<string, string>;
  faults?: string[];
  profile?: 'default' | 'alternate';
  factPatches?: { bcc?: Record<string, unknown>; dcs?: Record<string, unknown> };
  behaviour?: Record<string, unknown>;
}

/** Checks the flags the embedded simulators (this kind's and a client's judge) share: fault names. */
export function checkFaultNames(choice: TargetChoice): void {
  plantedFaults(choice.faults); // unknown names fail here, before anything runs
}

/** The registry entry. */
export const simulatorKind: TargetKind<SimulatorTargetSettings> = {
  kind: 'simulator',
  description: 'the embedded reference simulator, in-process, every capability; takes --fault, --profile and --variant',
  targetForm: { phrase: '"simulator"', example: '--target simulator' },
  testPasswordsOnly: true,
  claims: (choice) => !choice.client && choice.target === 'simulator',
  check(choice) {
    if (choice.stateUrl) throw new KitError('USAGE', '--state-url needs a URL --target', 'the embedded simulator sets up its own state: drop --state-url, or add --target <url>');
    checkFaultNames(choice);
    if (choice.profile !== undefined) profileNamed(choice.profile);
    if (choice.dryRun) throw new KitError('USAGE', '--dry-run plans a live run', 'use it with a URL --target (a real or live-like endpoint)');
    if (choice.checksInFlight !== undefined) throw new KitError('USAGE', '--checks-in-flight is for a URL target whose server offers isolated sessions', 'drop --checks-in-flight (checksInFlight in the config): this target runs its checks as its kind says');
  },
  plan(choice) {
    const profile = choice.profile === undefined ? undefined : profileNamed(choice.profile).name;
    return {
      settings: { kind: 'simulator', variants: choice.variants, faults: choice.faults, ...(profile ? { profile } : {}) },
      info: { name: 'simulator', kind: 'simulator', capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false } },
      live: false,
    };
  },
  async create(t, ctx) {
    // No exchange log: only a client target reads it (client-target.ts); the suites keep their own
    // transcripts. Recording judged and redacted every request (issue 17 profile); answers are the same.
    const { createSimulator, simulatorTarget } = await loadImplementation();
    const simulator = createSimulator({ variants: t.variants, faults: t.faults, profile: t.profile, factPatches: t.factPatches, behaviour: t.behaviour as never, record: false });
    // The in-process transport goes through `handle`, the state client through `answerWire`
    // (which `handle` calls internally, not through this property: no time counts twice).
    simulator.handle = ctx.timed(simulator.handle);
    simulator.answerWire = ctx.timedSync(simulator.answerWire);
    return simulatorTarget({}, simulator);
  },
  // Built per worker and sharing nothing: its suite files may use every core (issue 17 profile).
  workers: () => 'every-core',
};
