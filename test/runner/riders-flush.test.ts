import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentedContract } from '../../src/contract/documented.ts';
import { NonConformance } from '../../src/errors/non-conformance.ts';
import { StateEndpointFault } from '../../src/errors/state-endpoint-fault.ts';
import type { RunSettings } from '../../src/runner/settings.ts';
import type { StateControl, Target } from '../../src/targets/target.ts';
import { examples, property } from '../../suites/harness/property.ts';
import { RuleContext } from '../../suites/harness/rule-context.ts';

// State riders (docs/state-protocol.md, "Riders"): a set-up deferred by a case reaches the
// target at the latest when the case ends (the harness calls `state.flush`), and its fault is
// what the case raises, as it would be at the set-up without riders.

function contextWith(flush: () => Promise<void>): RuleContext {
  const state: StateControl = {
    setupBccInstance: async () => undefined,
    setupDcsInstance: async () => undefined,
    advanceClock: async () => undefined,
    reset: async () => undefined,
    inspect: async () => ({ status: 'Running', password: null, failedAttempts: 0, lockedUntil: null }),
    flush,
  };
  const target = {
    name: 'http://127.0.0.1:9', kind: 'http', baseUrl: 'http://127.0.0.1:9', state,
    capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false },
    credentials: { bcc: { accessKeyId: 'ak', secretAccessKey: 'sk-riders-flush-0001' }, dcs: { accessKeyId: 'ak', secretAccessKey: 'sk-riders-flush-0002' } },
    changePassword: async () => ({ outcome: { kind: 'success' } }),
    close: async () => undefined,
  } as Target;
  return new RuleContext('BCC-PWD-LENGTH', target, documentedContract('bcc'), { seed: 7, runs: 1 } as RunSettings);
}

const fault = () => new StateEndpointFault('State endpoint http://127.0.0.1:9/__conformance/state refused "bcc instance" (400): bad', 'fix it', 400);

describe('the harness flushes deferred state messages at the end of each case', () => {
  it('once per case, after the case (property and examples)', async () => {
    const order: string[] = [];
    const rc = contextWith(async () => void order.push('flush'));
    await property(rc, 'p', fc.integer(), async () => void order.push('case'), { numRuns: 3 });
    expect(order).toEqual(['case', 'flush', 'case', 'flush', 'case', 'flush', 'case', 'flush', 'case', 'flush', 'case', 'flush']);
    order.length = 0;
    await examples(rc, 'e', [1, 2], async () => void order.push('case'));
    expect(order).toEqual(['case', 'flush', 'case', 'flush']);
  });

  it("a flushed set-up's fault stops the check as a fault (never a counterexample), even after a case that failed", async () => {
    let flushes = 0;
    const rc = contextWith(async () => {
      flushes++;
      throw fault();
    });
    await expect(property(rc, 'p', fc.integer(), async () => undefined, { numRuns: 3 })).rejects.toSatisfy(StateEndpointFault.is);
    expect(flushes).toBe(1);
    expect(rc.failure).toBeUndefined();
    const failing = contextWith(async () => {
      throw fault();
    });
    await expect(property(failing, 'p', fc.integer(), async () => {
      throw new NonConformance('BCC-PWD-LENGTH', 'got', 'documented');
    })).rejects.toSatisfy(StateEndpointFault.is);
    expect(failing.failure).toBeUndefined();
    await expect(examples(contextWith(async () => {
      throw fault();
    }), 'e', [1], async () => undefined)).rejects.toSatisfy(StateEndpointFault.is);
  });

  it("a case's own fault wins over the flush's (it came first)", async () => {
    const own = new StateEndpointFault('own', 'fix', 500);
    const rc = contextWith(async () => {
      throw fault();
    });
    await expect(property(rc, 'p', fc.integer(), async () => {
      throw own;
    })).rejects.toBe(own);
  });
});
