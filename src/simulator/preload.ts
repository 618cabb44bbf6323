/** Instances loaded at start, for a simulator without a state endpoint (the live-like mode). */
import { readFileSync } from 'node:fs';
import { KitError } from '../errors/kit-error.ts';
import type { Simulator } from './simulator.ts';

/** One instance to load. */
export interface PreloadInstance {
  service: 'bcc' | 'dcs';
  instanceId: string;
  projectId?: string;
  status: string;
  password: string;
  passwordFree?: boolean;
}

const FIX = 'give a JSON list like [{"service":"dcs","projectId":"p1","instanceId":"i1","status":"RUNNING","password":"OldPass@123"}]';

/** Loads instances into the simulator's store, checking each against the specs' status enums. */
export function preloadInstances(simulator: Simulator, instances: readonly PreloadInstance[]): void {
  instances.forEach((i, n) => {
    const contract = simulator.contracts[i.service];
    if (!contract) throw new KitError('CONFIG_INVALID', `instances[${n}].service must be "bcc" or "dcs"`, FIX);
    if (!contract.allStatuses.includes(i.status)) throw new KitError('CONFIG_INVALID', `instances[${n}].status "${i.status}" is not a ${i.service} status`, `use one of: ${contract.allStatuses.join(', ')}`);
    if (typeof i.instanceId !== 'string' || typeof i.password !== 'string') throw new KitError('CONFIG_INVALID', `instances[${n}] needs string instanceId and password`, FIX);
    if (i.service === 'bcc') simulator.store.putBcc({ instanceId: i.instanceId, status: i.status, password: i.password });
    else {
      if (typeof i.projectId !== 'string') throw new KitError('CONFIG_INVALID', `instances[${n}].projectId is required for dcs`, FIX);
      simulator.store.putDcs({ projectId: i.projectId, instanceId: i.instanceId, status: i.status, password: i.password, passwordFree: i.passwordFree === true, failedAttempts: 0, lockedUntil: null });
    }
  });
}

/** Reads an instances file. */
export function readInstancesFile(file: string): PreloadInstance[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(data)) throw new Error('not a JSON list');
    return data as PreloadInstance[];
  } catch (e) {
    throw new KitError('CONFIG_INVALID', `Cannot read instances file ${file}: ${(e as Error).message}`, FIX);
  }
}
