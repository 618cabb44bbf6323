/**
 * A target at any base URL: a real cloud endpoint, a third-party emulator, or the simulator
 * started with `conformance serve`. With a state URL it can set up state, move the clock
 * and inspect; without one, those rules are skipped with the reason.
 */
import { httpTransport, type HttpTransportOptions } from '../transports/http.ts';
import { rawStateClient } from './state-client.ts';
import { StateRiders } from './state-riders.ts';
import type { Target } from './target.ts';
import { wireChangePassword } from './wire-change.ts';

/** Options of {@link httpTarget}. */
export interface HttpTargetOptions {
  baseUrl: string;
  /** Full URL of a state-protocol endpoint, e.g. `http://127.0.0.1:8080/__conformance/state`. */
  stateUrl?: string;
  credentials: Target['credentials'];
  transport?: Omit<HttpTransportOptions, 'riders'>;
  /**
   * State riders (docs/state-protocol.md, "Riders"): only for an isolated session whose server
   * advertises them, on the same origin as `baseUrl`. Set-ups ride on the next message.
   */
  riders?: boolean;
}

/** Creates an HTTP target. */
export function httpTarget(options: HttpTargetOptions): Target {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const hasState = options.stateUrl !== undefined;
  // One pending list, shared by the state client and the transport that carries it.
  const riders = hasState && options.riders === true && new URL(options.stateUrl!).origin === new URL(baseUrl).origin ? new StateRiders(new URL(baseUrl).origin, options.stateUrl!) : undefined;
  const http = httpTransport({ ...options.transport, riders });
  const target: Target = {
    name: baseUrl,
    kind: 'http',
    capabilities: { setupState: hasState, moveClock: hasState, inspect: hasState, rawRequests: true, judgesClient: false },
    state: hasState ? rawStateClient(options.stateUrl!, http.exchange, riders) : undefined,
    transport: http.send,
    baseUrl,
    credentials: options.credentials,
    changePassword: (input) => wireChangePassword(target, http.send, input),
    close: () => http.close(),
  };
  return target;
}
