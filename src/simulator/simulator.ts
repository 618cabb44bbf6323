/**
 * The reference simulator: one handler for both services. `handle` speaks Fetch; the HTTP
 * server, msw and in-process adapters are thin wrappers around `handleWire`.
 */
import type { Contract } from '../contract/contract.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { mergePatch } from '../contract/merge-patch.ts';
import { requiredFact } from '../contract/shipped-facts.ts';
import { staticPrefix } from '../contract/operation-path.ts';
import { plantedFaults } from './faults.ts';
import { profileErrorFacts, profileNamed, silentCode, type Profile, type ProfileName, type SilentCodeId } from './profiles.ts';
import { builtinSpecPath } from '../contract/spec-paths.ts';
import { verifyBceAuth } from './auth/bce-verifier.ts';
import { verifySdkHmac } from './auth/hmac-verifier.ts';
import { headersFrom, type AuthResult } from './auth/wire-request.ts';
import { changeBccPassword, describeBccInstance } from './bcc/bcc-service.ts';
import { changeDcsPassword, showDcsInstance } from './dcs/dcs-service.ts';
import { NORMAL_BEHAVIOUR, type Behaviour } from './core/behaviour.ts';
import { realClock, virtualClock, type Clock } from './core/clock.ts';
import { DEFAULT_CREDENTIALS, secretLookup, type Credential } from '../auth/default-credentials.ts';
import { InstanceStore } from './core/instance-store.ts';
import { rememberLast } from './core/bounded-cache.ts';
import { DEFAULT_RECORD_BYTES, Recorder, clipBody, recordedBody } from './core/recorder.ts';
import { redactBody, redactHeaders } from '../report/redact.ts';
import { errorResponse } from './core/responses.ts';
import { buildRoutes, matchRoute, type Route } from './core/router.ts';
import { judgeClientRequest } from '../client-oracle/judge.ts';
import type { Finding, ServiceContext, SimRequest, SimResponse } from './core/sim-types.ts';
import { STATE_PATH, handleStateRequest } from './core/state-endpoint.ts';

/** Options of {@link createSimulator}; every field has a documented default. */
export interface SimulatorOptions {
  /** Ambiguity readings, e.g. `{ 'DCS-A1': 'locked-on-fifth' }`; default: each one's default. */
  variants?: Record<string, string>;
  /** Planted faults as merge patches over each service's facts (kit self-tests only). */
  factPatches?: { bcc?: Record<string, unknown>; dcs?: Record<string, unknown> };
  /** Named planted faults (see `PLANTED_FAULTS`), applied after `factPatches`. */
  faults?: string[];
  /** Planted or injected behaviour; default: none. */
  behaviour?: Partial<Behaviour>;
  /** Accepted credentials per service; default: {@link DEFAULT_CREDENTIALS}. */
  credentials?: { bcc?: Credential[]; dcs?: Credential[] };
  /** `virtual` (default) can be moved by the state endpoint; `real` is the live-like mode. */
  clock?: 'virtual' | 'real';
  /** Serve `POST /__conformance/state` (default true). */
  stateEndpoint?: boolean;
  /** Largest accepted body in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** Wall clock for signature freshness (tests of old vectors override it). */
  authNow?: () => Date;
  /** Record exchanges (default true). */
  record?: boolean;
  /** Byte budget of the exchange log (default {@link DEFAULT_RECORD_BYTES}); the oldest go first. */
  recordBytes?: number;
  /**
   * Told of every internal failure (a simulator bug), which is answered as the vendor's 500;
   * default: its stack on stderr, so the server side keeps what the client is not shown.
   */
  onInternalError?: (error: unknown) => void;
  /** Choices where the documents are silent: `default` or `alternate` (see `profiles.ts`). */
  profile?: ProfileName;
}

/** The simulator's answer to a wire request; `drop` asks the adapter to cut the connection. */
export type WireAnswer = SimResponse & { drop?: boolean };

/** A running simulator. */
export interface Simulator {
  handle(request: Request, info?: { remoteAddress?: string }): Promise<Response>;
  handleWire(request: SimRequest & { oversize?: boolean }): Promise<WireAnswer>;
  /**
   * Same as {@link handleWire}, but answers synchronously unless it has to wait (injected
   * latency): the HTTP adapter uses it to avoid a promise per request.
   */
  answerWire(request: SimRequest & { oversize?: boolean }): WireAnswer | Promise<WireAnswer>;
  /**
   * The vendor's 500 for a failure outside the simulator's own handling (an adapter bug), in
   * the format of the service the request most looks like; the error is logged, never shown.
   */
  internalFailure(request: Pick<SimRequest, 'rawPath' | 'headers'>, error: unknown): WireAnswer;
  readonly contracts: { bcc: Contract; dcs: Contract };
  readonly store: InstanceStore;
  readonly clock: Clock;
  readonly recorder: Recorder;
  readonly credentials: { bcc: Credential[]; dcs: Credential[] };
  readonly maxBodyBytes: number;
  readonly stateEndpoint: boolean;
}

function contractFor(service: 'bcc' | 'dcs', options: SimulatorOptions, profile: Profile): Contract {
  const contract = loadSpec(builtinSpecPath(service), { variants: options.variants ?? {} });
  // The profile's own codes are declared beside the spec's; a code the spec knows keeps its entry.
  const extra = Object.fromEntries(Object.entries(profileErrorFacts(profile)[service]).filter(([c]) => !(c in contract.facts.errors)));
  const patches = [{ errors: extra },options.factPatches?.[service], ...plantedFaults(options.faults ?? []).map((f) => f.factPatches?.[service])];
  let facts: unknown = contract.facts;
  for (const patch of patches) if (patch) facts = mergePatch(facts, patch);
  return withCompactStrings({ ...contract, facts: facts as Contract['facts'] });
}

/**
 * The same contract with its per-request strings (service, facts, statuses) re-created by a JSON
 * round trip. The YAML parser returns two-byte strings (the spec files contain non-Latin-1
 * text), and V8 takes slow paths for those: each method, status or field name compared per
 * request, and each response header built from them (the request-id header name made every
 * response head two-byte). Round-tripped, Latin-1 text comes back one-byte; values are equal.
 */
function withCompactStrings(contract: Contract): Contract {
  const compact = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return { ...contract, service: compact(contract.service), facts: compact(contract.facts), allStatuses: compact(contract.allStatuses) };
}

/** Creates a simulator; loading the specs is the only slow step. */
export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const profile = profileNamed(options.profile);
  const contracts = { bcc: contractFor('bcc', options, profile), dcs: contractFor('dcs', options, profile) };
  const credentials = { bcc: options.credentials?.bcc ?? [DEFAULT_CREDENTIALS.bcc], dcs: options.credentials?.dcs ?? [DEFAULT_CREDENTIALS.dcs] };
  const store = new InstanceStore();
  const clock = options.clock === 'real' ? realClock() : virtualClock();
  const recorder = new Recorder(options.recordBytes ?? DEFAULT_RECORD_BYTES, options.record ?? true);
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('conformance simulator: internal error', error));
  const behaviour: Behaviour = Object.assign({ ...NORMAL_BEHAVIOUR }, ...plantedFaults(options.faults ?? []).map((f) => f.behaviour ?? {}), options.behaviour);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  const stateEndpoint = options.stateEndpoint ?? true;
  const authNow = options.authNow ?? (() => new Date());
  /** The same instant in epoch ms for the BCC verifier: `Date.now()` unless a test set `authNow`. */
  const authNowMs = options.authNow === undefined ? Date.now : () => authNow().getTime();
  const routes = buildRoutes([contracts.bcc, contracts.dcs], (c) => c.service === 'dcs' && profile.switches.dcsStrictTrailingSlash);
  /** The code for a silent place of a service, under the profile in force. */
  const codeAt = (contract: Contract, place: string, fallback: string): string => silentCode(profile, `${contract.service}-${place}` as SilentCodeId, fallback);
  // The credentials are fixed at creation, so each lookup is a pure function of the access key.
  const lookups = { bcc: rememberLast(secretLookup(credentials.bcc)), dcs: rememberLast(secretLookup(credentials.dcs)) };
  // The client rules are judged against the documents under the chosen readings, not against
  // the facts a planted fault patched for the simulator's own answers.
  const patched = options.factPatches !== undefined || plantedFaults(options.faults ?? []).some((f) => f.factPatches !== undefined);
  const judged = patched ? { bcc: loadSpec(builtinSpecPath('bcc'), { variants: options.variants ?? {} }), dcs: loadSpec(builtinSpecPath('dcs'), { variants: options.variants ?? {} }) } : contracts;
  /** The clock skew each verifier tolerates, from the spec (`auth.maxFutureSkewSeconds`, `auth.maxClockSkewSeconds`). */
  const skew = { bcc: requiredFact(contracts.bcc.facts.auth.maxFutureSkewSeconds, 'bcc', '/auth/maxFutureSkewSeconds'), dcs: requiredFact(contracts.dcs.facts.auth.maxClockSkewSeconds, 'dcs', '/auth/maxClockSkewSeconds') };
  const contexts = {
    bcc: { contract: contracts.bcc, store, clock, recorder, behaviour, profile, lookupSecret: lookups.bcc } satisfies ServiceContext,
    dcs: { contract: contracts.dcs, store, clock, recorder, behaviour, profile, lookupSecret: lookups.dcs } satisfies ServiceContext,
  };

  /** Unknown routes answer in the format of the vendor the request most looks like. */
  const bccPathPrefix = staticPrefix(contracts.bcc.facts.operations.changePassword.path);
  const bccScheme = contracts.bcc.facts.auth.scheme;
  const guessContract = (req: SimRequest): Contract =>
    req.rawPath.startsWith(bccPathPrefix) || (req.headers.get('authorization') ?? '').startsWith(bccScheme) ? contracts.bcc : contracts.dcs;

  function authenticate(route: Route, req: SimRequest, params: Record<string, string>): AuthResult {
    const service = route.contract.service as 'bcc' | 'dcs';
    if (behaviour.acceptMissingAuth && !req.headers.get('authorization')) return { ok: true, accessKeyId: credentials[service][0]!.accessKeyId };
    if (service === 'bcc') {
      if (behaviour.acceptForeignAuthScheme && !(req.headers.get('authorization') ?? `${bccScheme}/`).startsWith(`${bccScheme}/`)) return { ok: true, accessKeyId: credentials.bcc[0]!.accessKeyId };
      const lookup = behaviour.acceptUnknownKey ? (ak: string) => lookups.bcc(ak) ?? credentials.bcc[0]!.secretAccessKey : lookups.bcc;
      const result = verifyBceAuth(req, lookup, authNowMs(), { maxFutureSkewSeconds: skew.bcc, fixedExpirationSeconds: behaviour.ignoreExpirationField ? contracts.bcc.facts.auth.defaultExpirationSeconds : undefined, ignoreSignedHeaderList: behaviour.ignoreSignedHeaderList, rawPathCanonical: behaviour.bccRawPathCanonical });
      // The unknown key was verified with a known secret: the services look the secret up by the first credential.
      return result.ok && behaviour.acceptUnknownKey && !lookups.bcc(result.accessKeyId) ? { ok: true, accessKeyId: credentials.bcc[0]!.accessKeyId } : result;
    }
    return verifySdkHmac(req, lookups.dcs, authNow(), { projectIdFromPath: behaviour.skipProjectCheck ? undefined : params.project_id, ignoreUnsignedPayload: behaviour.ignoreUnsignedPayload, maxSkewSeconds: skew.dcs });
  }

  function dispatch(req: SimRequest & { oversize?: boolean }, findings: Finding[]): { contract: Contract; operation: string; response: SimResponse } {
    const match = matchRoute(routes, req.method, req.rawPath);
    // Judging costs a schema validation and a signature per request; only worth it when someone
    // reads the findings. The oracle judges the client; this router only picks the service.
    if (recorder.enabled) {
      const service = (match.kind === 'found' ? match.route.contract : match.kind === 'wrong-method' ? match.contract : guessContract(req)).service as 'bcc' | 'dcs';
      findings.push(...judgeClientRequest(judged[service], req, { secretFor: lookups[service], now: authNow() }));
    }
    if (match.kind === 'none') {
      const contract = guessContract(req);
      return { contract, operation: 'unknown', response: errorResponse(contract, codeAt(contract, 'unknown-route', contract.facts.requestErrors.unknownRoute), `No operation at ${req.method} ${req.rawPath}.`) };
    }
    if (match.kind === 'wrong-method') {
      const response = errorResponse(match.contract, codeAt(match.contract, 'wrong-method', match.contract.facts.requestErrors.methodNotAllowed), `Allowed: ${match.allowed.join(', ')}.`);
      response.headers.allow = match.allowed.join(', ');
      return { contract: match.contract, operation: 'unknown', response };
    }
    const { route, params } = match;
    const contract = route.contract;
    const service = contract.service as 'bcc' | 'dcs';
    if (req.oversize || req.body.length > maxBodyBytes) {
      return { contract, operation: route.name, response: errorResponse(contract, codeAt(contract, 'body-too-large', contract.facts.requestErrors.bodyTooLarge), `The limit is ${maxBodyBytes} bytes.`) };
    }
    const auth = behaviour.skipSignatureCheck ? ({ ok: true, accessKeyId: credentials[service][0]!.accessKeyId } as const) : authenticate(route, req, params);
    if (!auth.ok) {
      const code = authFailureCode(profile, service, auth.failure, contract.facts.auth.failures[auth.failure] ?? contract.facts.auth.failures.mismatch);
      return { contract, operation: route.name, response: errorResponse(contract, code, auth.detail) };
    }
    const ctx = contexts[service];
    const routed = { request: req, params };
    let response: SimResponse;
    if (service === 'bcc') {
      response = route.name === 'changePassword' ? changeBccPassword(ctx, routed, lookups.bcc(auth.accessKeyId)!) : describeBccInstance(ctx, routed);
    } else {
      response = route.name === 'changePassword' ? changeDcsPassword(ctx, routed) : showDcsInstance(ctx, routed);
    }
    return { contract, operation: route.name, response };
  }

  function internalFailure(req: Pick<SimRequest, 'rawPath' | 'headers'>, error: unknown): WireAnswer {
    // The stack stays on the server side; the client gets the vendor's own 500 and nothing else.
    try {
      onInternalError(error);
    } catch {
      // A failing logger must not turn one failure into two.
    }
    const contract = guessContract(req as SimRequest);
    return errorResponse(contract, contract.facts.requestErrors.internal);
  }

  /** Never throws: whatever goes wrong inside is an internal failure, answered and logged. */
  function answerWire(req: SimRequest & { oversize?: boolean }): WireAnswer | Promise<WireAnswer> {
    try {
      if (req.rawPath === STATE_PATH) {
        if (stateEndpoint) return handleStateRequest({ contracts, store, clock, recorder }, req.method, req.body, req.remoteAddress);
      }
      if (behaviour.lockRaceMs > 0) {
        const replayStaleRead = staleLockRead(req);
        if (replayStaleRead) {
          return new Promise((r) => setTimeout(r, behaviour.lockRaceMs))
            .then(() => {
              replayStaleRead();
              return answerNow(req);
            })
            .catch((error: unknown) => internalFailure(req, error));
        }
      }
      if (behaviour.latencyMs > 0) return new Promise((r) => setTimeout(r, behaviour.latencyMs)).then(() => answerNow(req)).catch((error: unknown) => internalFailure(req, error));
      return answerNow(req);
    } catch (error) {
      return internalFailure(req, error);
    }
  }

  /**
   * Planted fault `lockout-race`: the lockout state of the addressed DCS instance as read on
   * arrival, to be put back just before the (late) decision — so concurrent attempts overwrite
   * each other's counts. Undefined for any other request.
   */
  function staleLockRead(req: SimRequest): (() => void) | undefined {
    const match = matchRoute(routes, req.method, req.rawPath);
    if (match.kind !== 'found' || match.route.contract.service !== 'dcs' || match.route.name !== 'changePassword') return undefined;
    const instance = store.getDcs(match.params.project_id!, match.params.instance_id!);
    if (!instance) return undefined;
    const read = { failedAttempts: instance.failedAttempts, lockedUntil: instance.lockedUntil };
    return () => Object.assign(instance, read);
  }

  function answerNow(req: SimRequest & { oversize?: boolean }): WireAnswer {
    if (behaviour.dropRate > 0 && Math.random() < behaviour.dropRate) return { status: 0, headers: {}, body: '', drop: true };
    const findings: Finding[] = [];
    let outcome: ReturnType<typeof dispatch>;
    if (behaviour.errorRate > 0 && Math.random() < behaviour.errorRate) {
      const contract = guessContract(req);
      outcome = { contract, operation: 'injected-fault', response: errorResponse(contract, contract.facts.requestErrors.internal, 'Injected fault.') };
    } else {
      try {
        outcome = dispatch(req, findings);
      } catch (error) {
        // A bug here must still answer in the vendor's format; the kit's tests assert it never happens.
        outcome = { contract: guessContract(req), operation: 'internal-error', response: internalFailure(req, error) };
      }
    }
    if (recorder.enabled) {
      try {
        record(req, outcome, findings);
      } catch (error) {
        // Losing one log entry is better than losing the answer.
        internalFailure(req, error);
      }
    }
    if ((behaviour.dcsHtmlContentType && outcome.contract.service === 'dcs') || (behaviour.bccHtmlContentType && outcome.contract.service === 'bcc')) {
      outcome.response.headers['content-type'] = 'text/html';
    }
    return outcome.response;
  }

  function record(req: SimRequest, outcome: ReturnType<typeof dispatch>, findings: Finding[]): void {
    const headers = req.headers instanceof Headers ? req.headers : headersFrom(req.headers);
    recorder.record({
      at: clock.now().toISOString(),
      service: outcome.contract.service,
      operation: outcome.operation,
      request: { method: req.method, path: req.rawPath, query: req.rawQuery, headers: redactHeaders(headers), body: recordedBody(req.body, redactBody) },
      response: { status: outcome.response.status, headers: outcome.response.headers, body: clipBody(redactBody(outcome.response.body)) },
      findings,
    });
  }

  async function handleWire(req: SimRequest & { oversize?: boolean }): Promise<WireAnswer> {
    return answerWire(req);
  }

  async function handle(request: Request, info: { remoteAddress?: string } = {}): Promise<Response> {
    const url = new URL(request.url);
    const body = new Uint8Array(await request.arrayBuffer());
    const wire: SimRequest = { method: request.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: request.headers, body, remoteAddress: info.remoteAddress };
    const res = await handleWire(wire);
    if (res.drop) throw new TypeError('simulator dropped the connection (injected fault)');
    return new Response(res.body === '' ? null : res.body, { status: res.status, headers: res.headers });
  }

  return { handle, handleWire, answerWire, internalFailure, contracts, store, clock, recorder, credentials, maxBodyBytes, stateEndpoint };
}


/** Where the profile picks the code of an authentication failure (signature and expiry are documented). */
const AUTH_PLACES: Record<string, SilentCodeId | undefined> = {
  'bcc:missing': 'bcc-auth-missing',
  'bcc:malformed': 'bcc-auth-malformed',
  'dcs:missing': 'dcs-auth-missing',
  'dcs:malformed': 'dcs-auth-malformed',
  'dcs:unknown-key': 'dcs-auth-unknown-key',
  'dcs:project-mismatch': 'dcs-project-mismatch',
};

function authFailureCode(profile: Profile, service: 'bcc' | 'dcs', failure: string, fallback: string): string {
  const place = AUTH_PLACES[`${service}:${failure}`];
  return place ? silentCode(profile, place, fallback) : fallback;
}
