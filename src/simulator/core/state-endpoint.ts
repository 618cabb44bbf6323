/**
 * The state-setup protocol (`POST /__conformance/state`), Pact provider-state compatible:
 * `{action: "setup" | "teardown", state, params}` → 200 JSON, or 400 `{error}`.
 * Documented in the README; third-party emulators implement the same.
 */
import type { Contract } from '../../contract/contract.ts';
import type { Clock } from './clock.ts';
import type { InstanceStore } from './instance-store.ts';
import type { Recorder } from './recorder.ts';
import type { SimResponse } from './sim-types.ts';
import { BadStateRequest } from '../../errors/bad-state-request.ts';

/** Path of the state endpoint. */
export const STATE_PATH = '/__conformance/state';

/** The state names the protocol defines. */
export const STATE_NAMES = ['bcc instance', 'dcs instance', 'clock', 'reset', 'inspect'] as const;

interface StateDeps {
  contracts: { bcc: Contract; dcs: Contract };
  store: InstanceStore;
  clock: Clock;
  recorder: Recorder;
}

const UTF8 = new TextDecoder();

const json = (status: number, body: unknown): SimResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function str(params: Record<string, unknown>, name: string, optional = false): string | undefined {
  const v = params[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v === '') throw new BadStateRequest(`params.${name} must be a non-empty string`);
  return v;
}

function status(params: Record<string, unknown>, contract: Contract): string {
  const s = str(params, 'status')!;
  if (!contract.allStatuses.includes(s)) throw new BadStateRequest(`params.status "${s}" is not a ${contract.service.toUpperCase()} status; use one of: ${contract.allStatuses.join(', ')}`);
  return s;
}

/** True for loopback peers; in-process calls have no address and count as loopback. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return true;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Handles one state request body (already read) from a given peer. */
export function handleStateRequest(deps: StateDeps, method: string, body: Uint8Array, remoteAddress: string | undefined): SimResponse {
  if (!isLoopback(remoteAddress)) return json(403, { error: 'the state endpoint answers loopback clients only' });
  if (method !== 'POST') return json(405, { error: `use POST ${STATE_PATH}` });
  let message: unknown;
  try {
    message = JSON.parse(UTF8.decode(body));
  } catch {
    return json(400, { error: 'the body must be JSON: {"action": "setup"|"teardown", "state": NAME, "params": {...}}' });
  }
  if (typeof message !== 'object' || message === null) return json(400, { error: 'the body must be a JSON object' });
  const { action, state, params = {} } = message as { action?: unknown; state?: unknown; params?: unknown };
  if (action !== 'setup' && action !== 'teardown') return json(400, { error: `action must be "setup" or "teardown", got ${JSON.stringify(action)}` });
  if (action === 'teardown') {
    reset(deps);
    return json(200, { ok: true, reset: true });
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return json(400, { error: 'params must be a JSON object' });
  try {
    return json(200, setup(deps, String(state), params as Record<string, unknown>));
  } catch (e) {
    if (e instanceof BadStateRequest || e instanceof RangeError) return json(400, { error: e.message });
    throw e;
  }
}

function reset(deps: StateDeps): void {
  deps.store.clear();
  deps.recorder.clear();
}

function setup(deps: StateDeps, state: string, p: Record<string, unknown>): Record<string, unknown> {
  switch (state) {
    case 'bcc instance': {
      const instanceId = str(p, 'instanceId')!;
      deps.store.putBcc({ instanceId, status: status(p, deps.contracts.bcc), password: str(p, 'adminPass', true) ?? null });
      return { ok: true, instanceId };
    }
    case 'dcs instance': {
      const projectId = str(p, 'projectId')!;
      const instanceId = str(p, 'instanceId')!;
      if (p.passwordFree !== undefined && typeof p.passwordFree !== 'boolean') throw new BadStateRequest('params.passwordFree must be a boolean');
      deps.store.putDcs({ projectId, instanceId, status: status(p, deps.contracts.dcs), password: str(p, 'password')!, passwordFree: p.passwordFree === true, failedAttempts: 0, lockedUntil: null });
      return { ok: true, projectId, instanceId };
    }
    case 'clock': {
      const seconds = p.advanceSeconds;
      if (typeof seconds !== 'number') throw new BadStateRequest('params.advanceSeconds must be a number of seconds');
      deps.clock.advance(seconds);
      return { ok: true, now: deps.clock.now().toISOString() };
    }
    case 'reset':
      reset(deps);
      return { ok: true };
    case 'inspect':
      return inspect(deps, p);
    default:
      throw new BadStateRequest(`unknown state ${JSON.stringify(state)}; known states: ${STATE_NAMES.join(', ')}`);
  }
}

function inspect(deps: StateDeps, p: Record<string, unknown>): Record<string, unknown> {
  const service = str(p, 'service')!;
  const instanceId = str(p, 'instanceId')!;
  if (service === 'bcc') {
    const i = deps.store.bcc.get(instanceId);
    if (!i) throw new BadStateRequest(`no bcc instance ${instanceId}`);
    return { status: i.status, password: i.password, failedAttempts: 0, lockedUntil: null };
  }
  if (service === 'dcs') {
    const projectId = str(p, 'projectId')!;
    const i = deps.store.getDcs(projectId, instanceId);
    if (!i) throw new BadStateRequest(`no dcs instance ${instanceId} in project ${projectId}`);
    const locked = i.lockedUntil !== null && i.lockedUntil > deps.clock.now().getTime();
    return { status: i.status, password: i.password, failedAttempts: locked || i.lockedUntil === null ? i.failedAttempts : 0, lockedUntil: locked ? new Date(i.lockedUntil!).toISOString() : null };
  }
  throw new BadStateRequest(`params.service must be "bcc" or "dcs", got ${JSON.stringify(service)}`);
}
