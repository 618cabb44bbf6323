/**
 * The registry entry of a URL target (`--target http(s)://…`, optionally `--state-url`). A
 * non-loopback URL (or `--live`) plans a live run: guard rails, fixtures, a ledger
 * (`live-target.ts`). Light: the transport and the live machinery load when a worker builds it.
 */
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { resolveCredentials } from '../config/credentials.ts';
import { KitError } from '../errors/kit-error.ts';
import { resolveFixtures } from '../live/fixtures.ts';
import { hostAllowed, isLoopbackHost } from '../live/host-allowlist.ts';
import type { LiveSettings } from './live-target.ts';
import type { OpenSession } from './sessions-client.ts';
import { wholeNumberFlag, type TargetKind, type TargetSettings } from './target-kind.ts';

/** A URL target's wire settings; `live` is set when the run is live (guard rails, fixtures, ledger). */
export interface HttpTargetSettings extends TargetSettings {
  kind: 'http';
  baseUrl: string;
  stateUrl?: string;
  timeoutMs?: number;
  live?: LiveSettings;
  /**
   * Isolated sessions of the server (docs/state-protocol.md, "Sessions"), one per suite worker,
   * opened by {@link httpKind}'s `prepare` when the state endpoint offers them. Each worker talks
   * to its own; requests still name `baseUrl` (only the connections go to the session).
   */
  sessions?: OpenSession[];
  /** The sessions take state riders (docs/state-protocol.md, "Riders"): set by `prepare` when the server advertises them. */
  riders?: boolean;
  /** `--checks-in-flight`: checks a worker has in flight against its session (default {@link CHECKS_IN_FLIGHT}). */
  checksInFlight?: number;
}

/** The settings of a live run, or undefined when `settings` plan none. */
export function liveRunSettings(settings: TargetSettings): (HttpTargetSettings & { live: LiveSettings }) | undefined {
  return settings.kind === httpKind.kind && (settings as HttpTargetSettings).live ? (settings as HttpTargetSettings & { live: LiveSettings }) : undefined;
}

/**
 * Sessions (and suite workers) a run asks for: one per core. A worker's checks overlap against its
 * session ({@link CHECKS_IN_FLIGHT}), so its own next check fills the wait for an answer; round 6's
 * extra worker (one per core plus one, for that wait) now costs CPU and memory for no speed
 * (issue 17, bench/README.md, cases-per-second, round 7).
 */
export function sessionsWanted(): number {
  return availableParallelism();
}

/**
 * Checks a worker has in flight against an isolated session (issue 17, round 7). One check at a
 * time leaves both processes waiting on each round trip, and on this 2-core machine each wait
 * costs more CPU than the message (a loop of set-up, change, inspect against a `serve` session:
 * client 193 → 109 µs and serve 108 → 58 µs per case from 1 to 4 loops in flight).
 */
export const CHECKS_IN_FLIGHT = 4;
/** The most `--checks-in-flight` takes (a worker's connections to its session, one per check). */
const MAX_CHECKS_IN_FLIGHT = 16;

/** The registry entry. */
export const httpKind: TargetKind<HttpTargetSettings> = {
  kind: 'http',
  description: 'any http(s) base URL; with --state-url it sets up state, moves the clock and inspects; a non-loopback host (or --live) is a live run',
  targetForm: { phrase: 'an http(s) URL', example: 'a base URL such as --target http://127.0.0.1:8080' },
  claims: (choice) => !choice.client && /^https?:\/\/[^/]+/.test(choice.target),
  check(choice) {
    if (choice.stateUrl && !/^https?:\/\//.test(choice.stateUrl)) throw new KitError('USAGE', `--state-url "${choice.stateUrl}" is not an http(s) URL`, 'give the full URL, e.g. http://127.0.0.1:8080/__conformance/state');
    if (choice.profile !== undefined) throw new KitError('USAGE', "--profile chooses the embedded simulator's profile", 'drop --target/--client, or start the other server with `conformance serve --profile …`');
    if (choice.faults.length > 0) throw new KitError('USAGE', '--fault plants faults in the embedded simulator only', 'drop --target, or start the other server with `conformance serve --fault …`');
  },
  plan(choice, contracts) {
    const { config, stateUrl } = choice;
    const baseUrl = choice.target.replace(/\/$/, '');
    const settings: HttpTargetSettings = { kind: 'http', baseUrl, stateUrl, timeoutMs: config.transport?.timeoutMs };
    if (!isLoopbackHost(new URL(choice.target).hostname) || choice.live) {
      for (const url of [choice.target, stateUrl].filter((u): u is string => u !== undefined)) {
        const h = new URL(url).hostname;
        if (!isLoopbackHost(h) && !hostAllowed(h, config.allowHosts ?? [])) throw new KitError('CONFIG_INVALID', `Refusing to run against ${h}: it is not in allowHosts`, `add "${h}" to allowHosts in conformance.config.ts if this account may be used for testing`);
      }
      settings.live = {
        // Fixtures of services this run does not check are left alone (and need no credentials).
        fixtures: resolveFixtures(config.fixtures).filter((f) => choice.services.includes(f.service)),
        allowHosts: config.allowHosts ?? [],
        maxRequests: wholeNumberFlag('max-requests', choice.maxRequests, 1) ?? 500,
        rate: Number(choice.rate ?? 3),
        allowLockout: choice.allowLockout ?? false,
        ledgerFile: join(mkdtempSync(join(tmpdir(), 'conformance-ledger-')), 'ledger.json'),
      };
      if (!Number.isFinite(settings.live.rate) || settings.live.rate < 0) throw new KitError('USAGE', `--rate ${choice.rate} is not a number of requests per second`, 'e.g. --rate 3, or --rate 0 for no limit');
    }
    const inFlight = wholeNumberFlag('checks-in-flight', choice.checksInFlight, 1);
    if (inFlight !== undefined) {
      if (settings.live) throw new KitError('USAGE', '--checks-in-flight does not apply to a live run', 'drop --checks-in-flight (checksInFlight in the config): a live run sends one request at a time, under one budget and one rate limit');
      if (inFlight > MAX_CHECKS_IN_FLIGHT) throw new KitError('USAGE', `--checks-in-flight ${inFlight} is more than ${MAX_CHECKS_IN_FLIGHT}`, `give a number from 1 to ${MAX_CHECKS_IN_FLIGHT}; beyond ${CHECKS_IN_FLIGHT} a run gets no faster (bench/README.md, cases-per-second, round 7)`);
      settings.checksInFlight = inFlight;
    }
    const hasState = stateUrl !== undefined;
    return {
      settings,
      info: { name: baseUrl, kind: 'http', capabilities: { setupState: hasState, moveClock: hasState, inspect: hasState, rawRequests: true, judgesClient: false } },
      credentials: Object.fromEntries(contracts.map((c) => [c.service, resolveCredentials(c, { ...config, target: choice.target })])),
      live: settings.live !== undefined,
    };
  },
  async create(t, ctx) {
    const [{ httpTarget }, { liveTarget }, { documentedContract }] = await Promise.all([import('./http-target.ts'), import('./live-target.ts'), import('../contract/documented.ts')]);
    const credentials = { bcc: ctx.credentials?.bcc ?? DEFAULT_CREDENTIALS.bcc, dcs: ctx.credentials?.dcs ?? DEFAULT_CREDENTIALS.dcs };
    return t.live && !t.stateUrl
      ? liveTarget({ baseUrl: t.baseUrl, credentials, live: t.live, contracts: { bcc: documentedContract('bcc'), dcs: documentedContract('dcs') }, transport: { timeoutMs: t.timeoutMs } })
      : httpTarget({ baseUrl: t.baseUrl, stateUrl: t.stateUrl, credentials, transport: { timeoutMs: t.timeoutMs, connectTo: t.sessions && (await import('./sessions-client.ts')).connectToSession(t.baseUrl, t.sessions) }, riders: t.sessions !== undefined && t.riders === true });
  },
  // A state endpoint that offers isolated sessions gets one per suite worker (SESSIONS_WANTED); any
  // other keeps one shared target.
  async prepare(t) {
    if (t.live || t.stateUrl === undefined) return undefined;
    const [{ discoverSessions, openSessions, endSessions }, { httpTransport }] = await Promise.all([import('./sessions-client.ts'), import('../transports/http.ts')]);
    const http = httpTransport({ timeoutMs: Math.min(t.timeoutMs ?? 10_000, 5_000), retries: 1 });
    try {
      const offer = await discoverSessions(t.baseUrl, t.stateUrl, http.exchange);
      if (offer === undefined) {
        await http.close();
        return undefined;
      }
      const sessions = await openSessions(offer, sessionsWanted(), http.exchange);
      return {
        settings: { ...t, sessions, riders: offer.riders },
        release: () => endSessions(sessions, http.exchange).finally(() => http.close()),
      };
    } catch (error) {
      await http.close();
      throw error;
    }
  },
  probeUrl: (t) => t.baseUrl,
  // A live run keeps one ledger, one budget and one rate limit: one worker, files in turn.
  // With sessions, one worker per session; otherwise the server and its clock are shared.
  workers: (t) => (t.live ? 'one' : t.sessions ? t.sessions.length : 'default'),
  // Only a session of its own keeps a worker's checks apart: its instances are theirs alone. A
  // shared server (no sessions) or a live account gets one check at a time.
  checksInFlight: (t) => (t.sessions !== undefined && !t.live ? t.checksInFlight ?? CHECKS_IN_FLIGHT : 1),
};
