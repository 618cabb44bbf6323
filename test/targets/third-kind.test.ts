/**
 * "Adding a kind of target is one file plus one registry line" (ARCHITECTURE.md, "Adding a kind of
 * target"), shown: a toy kind defined in this file — an http-like target that reaches an embedded
 * simulator only through a Fetch handler, over the registered `in-process` transport — is
 * registered with one call (the line a new kind adds to src/targets/registry.ts), chosen by the run
 * plan from `--target toy:…`, built by the runner in the worker, and two real rules run against
 * it. Nothing else in the kit learns its name.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { KitError } from '../../src/errors/kit-error.ts';
import { resolvePlan } from '../../src/runner/run-plan.ts';
import { runTarget } from '../../src/runner/run-target.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { registerTargetKind, targetKindOf } from '../../src/targets/registry.ts';
import { stateClient } from '../../src/targets/state-client.ts';
import type { Target } from '../../src/targets/target.ts';
import type { TargetKind, TargetSettings } from '../../src/targets/target-kind.ts';
import { wireChangePassword } from '../../src/targets/wire-change.ts';
import { createTransport } from '../../src/transports/registry.ts';
import { suitesUnder } from './suites-under.ts';

const ORIGIN = 'http://toy.in-process';
/** What the toy target saw, for the checks below. */
const seen = { built: 0, requests: 0, stateRequests: 0 };

// ---- the one file: a kind of target, start to end --------------------------------------------
interface ToySettings extends TargetSettings {
  kind: 'toy-fetch';
  label: string;
}
const toyKind: TargetKind<ToySettings> = {
  kind: 'toy-fetch',
  description: 'a Fetch handler in this process (here: the simulator behind `handle` only)',
  targetForm: { phrase: 'toy:<label>', example: '--target toy:demo' },
  claims: (choice) => !choice.client && choice.target.startsWith('toy:'),
  check(choice) {
    if (choice.faults.length > 0) throw new KitError('USAGE', 'the toy target takes no --fault', 'drop --fault');
  },
  plan: (choice) => ({
    settings: { kind: 'toy-fetch', label: choice.target.slice(4) },
    info: { name: choice.target, kind: 'http', capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false } },
    live: false,
  }),
  async create(settings) {
    seen.built++;
    const simulator = createSimulator({ record: false });
    const handler = (request: Request): Promise<Response> => {
      if (new URL(request.url).pathname.startsWith('/__conformance/')) seen.stateRequests++;
      else seen.requests++;
      return simulator.handle(request);
    };
    const transport = await createTransport('in-process', { handler });
    const target: Target = {
      name: `toy:${settings.label}`,
      kind: 'http',
      capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false },
      state: stateClient(`${ORIGIN}/__conformance/state`, transport.send),
      transport: transport.send,
      baseUrl: ORIGIN,
      credentials: DEFAULT_CREDENTIALS,
      changePassword: (input) => wireChangePassword(target, transport.send, input),
      close: () => transport.close(),
    };
    return target;
  },
};
// ---- the one line ------------------------------------------------------------------------------
const unregister = registerTargetKind(toyKind as unknown as TargetKind);

const RULES = ['BCC-AUTH-QUERY-FORMS', 'DCS-LOCK-WRONG-OLD'];
const plan = resolvePlan({ target: 'toy:demo', rules: RULES.join(','), seed: '7', reportDir: '/dev/null' }, {});

describe('a third kind of target, through the registry only', () => {
  it('is chosen by the plan from its --target form, with its own settings and report entry', () => {
    expect(plan.settings.target).toEqual({ kind: 'toy-fetch', label: 'demo' });
    expect(plan.target).toMatchObject({ name: 'toy:demo', kind: 'http' });
    expect(plan.live).toBeUndefined();
    expect(targetKindOf(plan.settings.target)).toBe(toyKind);
    // Its checks run like the built-in kinds' checks.
    expect(() => resolvePlan({ target: 'toy:demo', fault: ['lock-after-4'] }, {})).toThrow(/takes no --fault/);
    // An unknown --target now names the toy form among the others.
    expect(() => resolvePlan({ target: 'ftp://x' }, {})).toThrow(/--target "ftp:\/\/x" is neither toy:<label> nor "simulator" nor an http\(s\) URL/);
  });

  it('is built by the runner from the wire settings (JSON), once per worker', async () => {
    const a = await runTarget(JSON.parse(JSON.stringify(plan.settings)));
    const b = await runTarget(plan.settings);
    expect(a).toBe(b);
    expect(a.name).toBe('toy:demo');
  });
});

// The rules run as they do in a conformance run: the suite files read the run settings (here from
// CONFORMANCE_SETTINGS, as a plain vitest run does) and ask the runner for the target.
await suitesUnder(plan.settings, async () => {
  await import('../../suites/bcc/query-action.test.ts');
  await import('../../suites/dcs/old-password.test.ts');
});

describe('after the rules ran against it', () => {
  it('the toy target answered their requests and set up their state (not green on nothing)', () => {
    expect(seen.built).toBe(1);
    expect(seen.requests).toBeGreaterThanOrEqual(8);
    expect(seen.stateRequests).toBeGreaterThanOrEqual(8);
  });
});

afterAll(async () => {
  await (await runTarget(plan.settings)).close();
  unregister();
});
