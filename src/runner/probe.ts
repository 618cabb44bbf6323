/** The reachability probe: one GET to the target's base URL before anything else. */
import { createTransport } from '../transports/registry.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import type { RunPlan } from './run-plan.ts';
import { targetKindOf } from '../targets/registry.ts';

/** Checks that a target with a base URL to probe (its kind says) answers at all; any HTTP status counts as reachable. */
export async function probe(plan: RunPlan): Promise<string | undefined> {
  const baseUrl = targetKindOf(plan.settings.target).probeUrl?.(plan.settings.target);
  if (baseUrl === undefined) return undefined;
  const transport = await createTransport('http', { timeoutMs: 5_000, retries: 1 });
  try {
    await transport.send(new Request(`${baseUrl}/`, { method: 'GET' }));
    return undefined;
  } catch (error) {
    if (TransportFault.is(error)) return `${baseUrl} is unreachable (${error.kind}): ${error.message}`;
    throw error;
  } finally {
    await transport.close();
  }
}

