/**
 * The `stateHandlers` of `conformance pact verify`. Pact's own state-change call carries the
 * same `{action, state, params}` body as the kit's state-setup protocol, but pointing Pact at the
 * endpoint (`providerStatesSetupUrl`) is deprecated in pact-js (a WARN on every run), and only
 * handlers can implement the one state the protocol lacks: `dcs failed attempts` {projectId,
 * instanceId, count} replays `count` wrong-password attempts against the provider itself, so a
 * lockout step starts from exactly the failures before it — on any provider of the protocol.
 */
import type { ServiceCredentials } from '../config/define-config.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';
import type { Contract } from '../contract/contract.ts';
import type { Transport } from '../transports/transport.ts';
import { FAILED_ATTEMPTS_STATE, validPassword } from './cases.ts';

/** The protocol's states a pact may name (README, "State-setup protocol"). */
export const FORWARDED_STATES = ['bcc instance', 'dcs instance', 'clock', 'reset'] as const;

type Params = Record<string, unknown>;
/** Pact's handler shape: a setup and a teardown function per state name. */
export type StateHandlers = Record<string, { setup: (params?: unknown) => Promise<undefined>; teardown: (params?: unknown) => Promise<undefined> }>;

/** What {@link stateHandlers} needs. */
export interface StateForwardingOptions {
  /** Full URL of the provider's state endpoint. */
  stateUrl: string;
  /** Base URL of the provider (where the lockout replay sends its attempts). */
  providerUrl: string;
  transport: Transport;
  /** The DCS spec and credentials, needed only by the lockout replay. */
  dcs?: { contract: Contract; credentials: ServiceCredentials };
}

/** The `error_code` of a DCS error body, if it is one. */
function errorCode(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { error_code?: string }).error_code;
  } catch {
    return undefined;
  }
}

/** Builds the handlers: protocol states are forwarded, `dcs failed attempts` is replayed. */
export function stateHandlers(options: StateForwardingOptions): StateHandlers {
  // The replay needs an old password that is wrong: it remembers what `dcs instance` set up.
  const passwords = new Map<string, string>();

  async function forward(action: 'setup' | 'teardown', state: string, params: Params): Promise<undefined> {
    const answer = await options.transport(new Request(options.stateUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action, state, params }) }));
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`state endpoint ${options.stateUrl} refused ${action} of "${state}" (${answer.status}): ${text.slice(0, 300)}`);
    if (action === 'setup' && state === 'dcs instance') passwords.set(`${String(params.projectId)}/${String(params.instanceId)}`, String(params.password));
    return undefined;
  }

  async function replayFailures(params: Params): Promise<undefined> {
    const dcs = options.dcs;
    if (!dcs) throw new Error(`"${FAILED_ATTEMPTS_STATE}" needs DCS credentials (CLOUD_SDK_AK, CLOUD_SDK_SK)`);
    const { projectId, instanceId, count } = params;
    if (typeof projectId !== 'string' || typeof instanceId !== 'string' || typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new Error(`"${FAILED_ATTEMPTS_STATE}" needs params {projectId: string, instanceId: string, count: integer >= 0}, got ${JSON.stringify(params)}`);
    }
    const { facts } = dcs.contract;
    const lockout = facts.lockout!;
    const current = passwords.get(`${projectId}/${instanceId}`);
    // Valid passwords other than the current one: the first is the wrong old one, the second the new one.
    const [wrong, next] = [0, 1, 2].map((offset) => validPassword(facts.passwordPolicy, offset)).filter((p) => p !== current) as [string, string];
    for (let attempt = 1; attempt <= count; attempt++) {
      const request = await buildDcsChangePassword({ baseUrl: options.providerUrl, projectId, instanceId, oldPassword: wrong, newPassword: next, credentials: dcs.credentials });
      const answer = await options.transport(request);
      const text = await answer.text();
      const code = answer.status === 200 ? undefined : errorCode(text);
      // A wrong attempt answers 200 (passwordFailed or locked), or the error the reading in force names.
      if (answer.status !== 200 && (lockout.wrongPasswordError === undefined || code !== lockout.wrongPasswordError)) {
        throw new Error(`replaying wrong attempt ${attempt} of ${count}: the provider answered ${answer.status} ${text.slice(0, 300)}`);
      }
    }
    return undefined;
  }

  const handlers: StateHandlers = {};
  for (const state of FORWARDED_STATES) {
    handlers[state] = { setup: (p) => forward('setup', state, (p ?? {}) as Params), teardown: (p) => forward('teardown', state, (p ?? {}) as Params) };
  }
  // Teardown of the replay is the protocol's teardown: it resets everything, counters included.
  handlers[FAILED_ATTEMPTS_STATE] = { setup: (p) => replayFailures((p ?? {}) as Params), teardown: (p) => forward('teardown', FAILED_ATTEMPTS_STATE, (p ?? {}) as Params) };
  return handlers;
}
