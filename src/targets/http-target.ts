/**
 * A target at any base URL: a real cloud endpoint, a third-party emulator, or the simulator
 * started with `conformance serve`. With a state URL it can set up state, move the clock
 * and inspect; without one, those rules are skipped with the reason.
 */
import { httpTransport, type HttpTransportOptions } from '../transports/http.ts';
import { rawStateClient } from './state-client.ts';
import type { Target } from './target.ts';
import { wireChangePassword } from './wire-change.ts';

/** Options of {@link httpTarget}. */
export interface HttpTargetOptions {
  baseUrl: string;
  /** Full URL of a state-protocol endpoint, e.g. `http://127.0.0.1:8080/__conformance/state`. */
  stateUrl?: string;
  credentials: Target['credentials'];
  transport?: HttpTransportOptions;
}

/** Creates an HTTP target. */
export function httpTarget(options: HttpTargetOptions): Target {
  const http = httpTransport(options.transport);
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const hasState = options.stateUrl !== undefined;
  const target: Target = {
    name: baseUrl,
    kind: 'http',
    capabilities: { setupState: hasState, moveClock: hasState, inspect: hasState, rawRequests: true, judgesClient: false },
    state: hasState ? rawStateClient(options.stateUrl!, http.exchange) : undefined,
    transport: http.send,
    baseUrl,
    credentials: options.credentials,
    changePassword: (input) => wireChangePassword(target, http.send, input),
    close: () => http.close(),
  };
  return target;
}
