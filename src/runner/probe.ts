/** The reachability probe: one GET to the target's base URL before anything else. */
import { httpTransport } from '../transports/http.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import type { RunPlan } from './run-plan.ts';

/** Checks that an HTTP target answers at all; any HTTP status counts as reachable. */
export async function probe(plan: RunPlan): Promise<string | undefined> {
  if (plan.settings.target.kind !== 'http') return undefined;
  const transport = httpTransport({ timeoutMs: 5_000, retries: 1 });
  try {
    await transport.send(new Request(`${plan.settings.target.baseUrl}/`, { method: 'GET' }));
    return undefined;
  } catch (error) {
    if (TransportFault.is(error)) return `${plan.settings.target.baseUrl} is unreachable (${error.kind}): ${error.message}`;
    throw error;
  } finally {
    await transport.close();
  }
}

