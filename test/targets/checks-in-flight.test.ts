/**
 * A kind whose worker checks overlap (`TargetKind.checksInFlight`, issue 17 round 7), through real
 * suite files: a toy kind (the embedded simulator behind the in-process transport, each message
 * answered on a later turn of the event loop, as a server would) lets three checks be in flight.
 * The checks of `status-rules` overlap, each on a target of its own; the lockout check that moves
 * the clock runs alone (or the lender refuses its move as a suite bug and the check fails); every
 * check passes as it does one at a time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { runTarget } from '../../src/runner/run-target.ts';
import type { RunSettings } from '../../src/runner/settings.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { registerTargetKind } from '../../src/targets/registry.ts';
import { stateClient } from '../../src/targets/state-client.ts';
import type { Target } from '../../src/targets/target.ts';
import type { TargetKind, TargetSettings } from '../../src/targets/target-kind.ts';
import { wireChangePassword } from '../../src/targets/wire-change.ts';
import { createTransport } from '../../src/transports/registry.ts';
import { suitesUnder } from './suites-under.ts';

const ORIGIN = 'http://overlap.in-process';
const IN_FLIGHT = 3;
/** Targets built, targets with a message in flight now and at most, and the clock moves seen. */
const seen = { built: 0, busy: new Set<number>(), mostBusy: 0, clockMoves: 0, busyAtClockMove: [] as number[] };

interface OverlapSettings extends TargetSettings {
  kind: 'overlap-test';
}

// One simulator per worker, as a session is: every target of the worker talks to it.
const simulator = createSimulator({ record: false });

const overlapKind: TargetKind<OverlapSettings> = {
  kind: 'overlap-test',
  description: 'the embedded simulator, answering each message on a later turn, three checks in flight',
  claims: () => false,
  check: () => undefined,
  plan: () => {
    throw new Error('not planned in this test');
  },
  async create() {
    const id = ++seen.built;
    const handler = async (request: Request): Promise<Response> => {
      seen.busy.add(id);
      seen.mostBusy = Math.max(seen.mostBusy, seen.busy.size);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return await simulator.handle(request);
      } finally {
        seen.busy.delete(id);
      }
    };
    const transport = await createTransport('in-process', { handler });
    const state = stateClient(`${ORIGIN}/__conformance/state`, transport.send);
    const advance = state.advanceClock.bind(state);
    state.advanceClock = async (seconds) => {
      seen.clockMoves++;
      seen.busyAtClockMove.push(seen.busy.size);
      return advance(seconds);
    };
    const target: Target = {
      name: 'overlap',
      kind: 'http',
      capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false },
      state,
      transport: transport.send,
      baseUrl: ORIGIN,
      credentials: DEFAULT_CREDENTIALS,
      changePassword: (input) => wireChangePassword(target, transport.send, input),
      close: () => transport.close(),
    };
    return target;
  },
  checksInFlight: () => IN_FLIGHT,
};
const unregister = registerTargetKind(overlapKind as unknown as TargetKind);

const settings: RunSettings = { target: { kind: 'overlap-test' } as OverlapSettings, services: ['bcc', 'dcs'], seed: 11, runs: 1, rules: ['BCC-STATUS-*', 'BCC-NOT-FOUND', 'DCS-LOCK-THRESHOLD'] };
await suitesUnder(settings, async () => {
  await import('../../suites/bcc/status-rules.test.ts');
  await import('../../suites/dcs/lockout-after-lock.test.ts');
});

describe('after the checks ran, overlapping', () => {
  it('had checks in flight at once, each on a target of its own, never more than the kind allows', () => {
    expect(seen.built).toBe(IN_FLIGHT);
    expect(seen.mostBusy).toBeGreaterThanOrEqual(2);
    expect(seen.mostBusy).toBeLessThanOrEqual(IN_FLIGHT);
  });

  it('moved the clock only while the check that moves it ran alone', () => {
    expect(seen.clockMoves).toBeGreaterThan(0);
    expect(seen.busyAtClockMove.every((n) => n === 0)).toBe(true);
  });
});

afterAll(async () => {
  await (await runTarget(settings)).close();
  unregister();
});
