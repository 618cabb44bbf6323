/**
 * A target is what a run talks to, plus what it can do. Suites ask for capabilities; a rule
 * that needs one the target lacks is reported as skipped with the reason, never as passed.
 */
import type { ChangePasswordInput, ChangePasswordOutcome } from '../contract/operation.ts';
import type { Transport } from '../transports/transport.ts';
import type { SentClientRequest } from '../client-oracle/wire.ts';

/** What a target can do beyond the API itself. */
export interface Capabilities {
  /** Create instances in a chosen status and password (state endpoint or embedded). */
  setupState: boolean;
  /** Move the lockout clock forward. */
  moveClock: boolean;
  /** Observe effects the API does not expose (stored password, counters). */
  inspect: boolean;
  /** Send hand-made wire requests (bad signatures, plaintext passwords, broken JSON). */
  rawRequests: boolean;
  /** Requests come from a client under test and are judged by the client-rule oracle. */
  judgesClient: boolean;
}

/** Names of {@link Capabilities}, for skip reasons. */
export type Capability = keyof Capabilities;

/** What inspect reports (the state protocol's shape). */
export interface InspectResult {
  status: string;
  password: string | null;
  failedAttempts: number;
  lockedUntil: string | null;
}

/** One request/response pair a suite saw, for transcripts and counterexamples. */
export interface Exchange {
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
}

/** The result of one operation through a target: the outcome and, at wire level, the exchange. */
export interface OperationResult {
  outcome: ChangePasswordOutcome;
  exchange?: Exchange;
}

/** The state-setup protocol, as a client (documented in README, served by the simulator). */
export interface StateControl {
  setupBccInstance(params: { instanceId: string; status: string; adminPass?: string }): Promise<void>;
  setupDcsInstance(params: { projectId: string; instanceId: string; status: string; password: string; passwordFree?: boolean }): Promise<void>;
  advanceClock(seconds: number): Promise<void>;
  reset(): Promise<void>;
  inspect(params: { service: 'bcc' | 'dcs'; instanceId: string; projectId?: string }): Promise<InspectResult>;
  /**
   * Sends what this client deferred (state riders, docs/state-protocol.md): the harness calls it
   * at the end of each case; a deferred set-up's fault is raised here at the latest. Absent: nothing is deferred.
   */
  flush?(): Promise<void>;
}

/** Fixture instances of a live target, handed out by status (live runs cannot create instances). */
export interface FixturePool {
  /** A fixture in `status`; throws a guard refusal (the check skips) when there is none. */
  acquire(service: 'bcc' | 'dcs', status: string, needs: { lockout: boolean; passwordFree?: boolean; exclude?: readonly string[] }): Promise<{ instanceId: string; projectId?: string; password: string }>;
}

/** What a run talks to. */
export interface Target {
  /** `simulator`, a base URL, or `client:<adapter name>`. */
  readonly name: string;
  readonly kind: 'simulator' | 'http' | 'client';
  readonly capabilities: Capabilities;
  /** Fixture instances (live targets): stand in for state setup where a fixture fits. */
  readonly fixtures?: FixturePool;
  /** Present when `setupState` (and used for clock/inspect when those are set). */
  readonly state?: StateControl;
  /** Wire-level sending; present when `rawRequests`. */
  readonly transport?: Transport;
  /** Base URL requests are built against (a placeholder for in-process). */
  readonly baseUrl: string;
  /** Credentials the target accepts, per service. */
  readonly credentials: { bcc: { accessKeyId: string; secretAccessKey: string }; dcs: { accessKeyId: string; secretAccessKey: string; projectId?: string } };
  /** Operation level: a valid, signed change through the kit's builder or the client under test. */
  changePassword(input: ChangePasswordInput): Promise<OperationResult>;
  /** Requests sent so far (live targets count them against the budget). */
  sent?(): number;
  /** Services the target implements (a client adapter's `services`); absent means every service. */
  readonly services?: ReadonlyArray<'bcc' | 'dcs'>;
  /** Judged requests the client sent since the last call (client targets only). */
  takeClientFindings?(): Promise<Array<{ rule: string; ok: boolean; detail: string }>>;
  /**
   * The requests the client sent since the last call, as they were on the wire (client targets
   * only; the most recent 256 are kept): the suites judge them with the client-rule oracle.
   */
  takeClientRequests?(): Promise<SentClientRequest[]>;
  /**
   * Writes what the target keeps for another process (a live rehearsal's password ledger, read by
   * the main process after the rehearsal); the harness calls it at the end of every check.
   */
  checkpoint?(): void;
  close(): Promise<void>;
}
