import { describe, expect, it } from 'vitest';
import { resolvePlan } from './run-plan.ts';
import { KitError } from '../errors/kit-error.ts';

const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (KitError.is(error)) return error.message;
    throw error;
  }
  throw new Error('expected a KitError');
};

describe('run plan of --client-cmd', () => {
  it('makes a client target with the command, its timeout in ms and a replayable invocation', () => {
    const plan = resolvePlan({ clientCmd: ' python3 my_client.py ', clientTimeout: '4', seed: '1' }, {});
    expect(plan.clientCmd).toEqual({ command: 'python3 my_client.py', timeoutMs: 4000 });
    expect(plan.settings.target.kind).toBe('client');
    expect(plan.invocation.client).toBe('cmd:python3 my_client.py');
    // replay passes the invocation's client back as --client
    expect(resolvePlan({ client: plan.invocation.client, seed: '1' }, {}).clientCmd).toEqual({ command: 'python3 my_client.py', timeoutMs: 10_000 });
  });

  it('reads clientCmd and clientTimeout from the config; flags win', () => {
    expect(resolvePlan({ seed: '1' }, { clientCmd: 'java C.java', clientTimeout: 30 }).clientCmd).toEqual({ command: 'java C.java', timeoutMs: 30_000 });
    expect(resolvePlan({ seed: '1', client: 'huawei-core' }, { clientCmd: 'java C.java' }).clientCmd).toBeUndefined();
  });

  it('refuses combinations that make no sense, saying how to fix them', () => {
    expect(usage(() => resolvePlan({ clientCmd: 'x', client: 'huawei-core' }, {}))).toContain('--client and --client-cmd cannot be combined');
    expect(usage(() => resolvePlan({ clientCmd: '  ' }, {}))).toMatch(/--client-cmd is empty[\s\S]*give the command line/);
    expect(usage(() => resolvePlan({ clientTimeout: '5' }, {}))).toContain('--client-timeout needs --client-cmd');
    expect(usage(() => resolvePlan({ clientCmd: 'x', clientTimeout: '0' }, {}))).toContain('--client-timeout 0 is not a whole number ≥ 1');
    expect(usage(() => resolvePlan({ clientCmd: 'x', target: 'http://127.0.0.1:9' }, {}))).toContain('--client and a URL --target cannot be combined');
  });
});
