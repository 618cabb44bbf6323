/**
 * The registry entry of a client under test (`--client` adapter or `--client-cmd` program), which
 * talks to an embedded simulator that judges its requests. Light: the adapter and the simulator
 * load when a worker builds the target.
 */
import { KitError } from '../errors/kit-error.ts';
import { checkFaultNames } from './simulator-kind.ts';
import type { TargetKind, TargetSettings } from './target-kind.ts';

/** A client under test's wire settings: the adapter (module path, built-in name or `cmd:…`) and the judge's options. */
export interface ClientTargetSettings extends TargetSettings {
  kind: 'client';
  adapter: string;
  variants?: Record<string, string>;
  faults?: string[];
}

/** The registry entry. */
export const clientKind: TargetKind<ClientTargetSettings> = {
  kind: 'client',
  description: 'a client under test (--client adapter or --client-cmd program) talking to the embedded simulator, which judges its requests',
  testPasswordsOnly: true,
  claims: (choice) => Boolean(choice.client),
  check(choice) {
    if (choice.target !== 'simulator') throw new KitError('USAGE', '--client and a URL --target cannot be combined', 'a client under test always talks to the embedded simulator, which judges its requests: drop --target');
    if (choice.stateUrl) throw new KitError('USAGE', '--state-url needs a URL --target', 'the embedded simulator sets up its own state: drop --state-url, or add --target <url>');
    checkFaultNames(choice);
    if (choice.profile !== undefined) throw new KitError('USAGE', "--profile chooses the embedded simulator's profile", 'drop --target/--client, or start the other server with `conformance serve --profile …`');
    if (choice.dryRun) throw new KitError('USAGE', '--dry-run plans a live run', 'use it with a URL --target (a real or live-like endpoint)');
    if (choice.checksInFlight !== undefined) throw new KitError('USAGE', '--checks-in-flight is for a URL target whose server offers isolated sessions', 'drop --checks-in-flight (checksInFlight in the config): this target runs its checks as its kind says');
  },
  plan(choice) {
    return {
      settings: { kind: 'client', adapter: choice.client!, variants: choice.variants, faults: choice.faults },
      info: { name: `client:${choice.client}`, kind: 'client', capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: false, judgesClient: true } },
      live: false,
    };
  },
  async create(t) {
    const [{ loadAdapter }, { clientTarget }] = await Promise.all([import('../clients/load-adapter.ts'), import('./client-target.ts')]);
    return clientTarget(await loadAdapter(t.adapter), { variants: t.variants, faults: t.faults });
  },
  // A broken adapter module is a configuration error (exit 2), found before anything runs.
  preflight: async (t) => void (await (await (await import('../clients/load-adapter.ts')).loadAdapter(t.adapter)).close?.()),
};
