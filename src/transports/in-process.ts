/** The in-process transport: calls the simulator's Fetch handler directly, no sockets. */
import type { Simulator } from '../simulator/simulator.ts';
import type { Transport } from './transport.ts';
import { TransportFault } from './transport.ts';

/** A transport straight into a simulator in this process. */
export function inProcessTransport(simulator: Simulator): Transport {
  return async (request) => {
    try {
      return await simulator.handle(request);
    } catch (error) {
      // The live-like mode's dropped connections surface as a transport fault, as over HTTP.
      throw new TransportFault('dropped', `in-process simulator dropped the request: ${(error as Error).message}`, { cause: error });
    }
  };
}
