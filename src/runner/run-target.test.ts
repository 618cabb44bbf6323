/**
 * Checks in flight at once (issue 17, round 7): a kind that lets a worker's checks overlap lends
 * each check a target of its own, never more than it allows, and a clock move while other checks
 * are in flight is refused as a suite bug instead of moving time under them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { registerTargetKind } from '../targets/registry.ts';
import type { Target } from '../targets/target.ts';
import type { TargetKind, TargetSettings } from '../targets/target-kind.ts';
import { checksInFlight, leaseTarget, runTarget } from './run-target.ts';
import type { RunSettings } from './settings.ts';

interface LendSettings extends TargetSettings {
  kind: 'lend-test';
  inFlight: number;
  label: string;
}

const made: Array<{ label: string; clockMoves: number; closed: number }> = [];

const lendKind: TargetKind<LendSettings> = {
  kind: 'lend-test',
  description: 'targets that count how they are made, moved and closed',
  claims: () => false,
  check: () => undefined,
  plan: () => {
    throw new Error('not planned in this test');
  },
  async create(settings) {
    const record = { label: settings.label, clockMoves: 0, closed: 0 };
    made.push(record);
    const noState = (): Promise<never> => Promise.reject(new Error('not used'));
    return {
      name: `lend:${settings.label}:${made.length}`,
      kind: 'http',
      capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: false, judgesClient: false },
      state: { setupBccInstance: noState, setupDcsInstance: noState, inspect: noState, reset: noState, advanceClock: async () => void record.clockMoves++ },
      transport: noState,
      baseUrl: 'http://lend.test',
      credentials: DEFAULT_CREDENTIALS,
      changePassword: noState,
      close: async () => void record.closed++,
    } as unknown as Target;
  },
  checksInFlight: (s) => s.inFlight,
};

const unregister = registerTargetKind(lendKind as unknown as TargetKind);
afterEach(() => {
  made.length = 0;
});

function settings(inFlight: number, label: string): RunSettings {
  return { target: { kind: 'lend-test', inFlight, label } as LendSettings, services: ['bcc', 'dcs'], seed: 1, runs: 1, rules: [] };
}

describe('leaseTarget', () => {
  it('lends the worker its one target, to every check, when the kind says nothing or one', async () => {
    const s = settings(1, 'one');
    expect(checksInFlight(s)).toBe(1);
    const [a, b] = await Promise.all([leaseTarget(s), leaseTarget(s)]);
    expect(a.target).toBe(b.target);
    expect(a.target).toBe(await runTarget(s));
    expect(made).toHaveLength(1);
    a.release();
    b.release();
  });

  it('lends each check in flight a target of its own, at most the allowed number, and the next check waits for one', async () => {
    const s = settings(3, 'three');
    expect(checksInFlight(s)).toBe(3);
    const first = await Promise.all([leaseTarget(s), leaseTarget(s), leaseTarget(s)]);
    expect(new Set(first.map((l) => l.target)).size).toBe(3);
    expect(first[0]!.target).toBe(await runTarget(s));
    let fourth: Target | undefined;
    const waiting = leaseTarget(s).then((l) => {
      fourth = l.target;
      return l;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(fourth).toBeUndefined();
    first[1]!.release();
    first[1]!.release(); // a second release gives nothing back twice
    const next = await waiting;
    expect(next.target).toBe(first[1]!.target);
    expect(made).toHaveLength(3);
    // Given back, a target goes to the next check; no fourth is ever made.
    for (const l of [first[0]!, first[2]!, next]) l.release();
    const again = await Promise.all([leaseTarget(s), leaseTarget(s), leaseTarget(s)]);
    expect(new Set(again.map((l) => l.target)).size).toBe(3);
    expect(made).toHaveLength(3);
    for (const l of again) l.release();
  });

  it('refuses a clock move while other checks are in flight, and lets one through when the check is alone', async () => {
    const s = settings(2, 'clock');
    const a = await leaseTarget(s);
    const b = await leaseTarget(s);
    await expect(a.target.state!.advanceClock(60)).rejects.toThrow(/suite bug: a check moved the target's clock while 1 other check\(s\) were in flight/);
    await expect(b.target.state!.advanceClock(60)).rejects.toThrow(/must run alone/);
    expect(made.map((m) => m.clockMoves)).toEqual([0, 0]);
    b.release();
    await a.target.state!.advanceClock(60);
    expect(made.map((m) => m.clockMoves)).toEqual([1, 0]);
    a.release();
  });

  it('closes every target of the old settings once when the settings change, the worker\'s own and those made beside it', async () => {
    const s = settings(3, 'old');
    // Made at once: the worker's own is still being built while the others are.
    const leases = await Promise.all([leaseTarget(s), leaseTarget(s), leaseTarget(s)]);
    for (const l of leases) l.release();
    const next = await leaseTarget(settings(3, 'new'));
    await new Promise((r) => setTimeout(r, 0));
    expect(made.filter((m) => m.label === 'old').map((m) => m.closed)).toEqual([1, 1, 1]);
    expect(made.find((m) => m.label === 'new')!.closed).toBe(0);
    next.release();
    unregister();
  });
});
