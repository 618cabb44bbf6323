/**
 * `conformance.config.ts`: `export default defineConfig({ ... })`. Every field is optional;
 * CLI flags override the file. Credentials come from the environment or this file, never
 * from a command-line flag.
 */
import type { HttpTransportOptions } from '../transports/http.ts';
import type { FixtureConfig } from '../live/fixtures.ts';
import type { ReportFormat as Format } from '../report/report-formats.ts';

/** Credentials for one service. */
export interface ServiceCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** DCS only: the project id (also the `{project_id}` of the path). */
  projectId?: string;
}

/** A report format (the list is `REPORT_FORMATS` in src/report/report-formats.ts). */
export type ReportFormat = Format;

/** The configuration file's shape. */
export interface ConformanceConfig {
  /** `simulator` (default: the embedded simulator) or a base URL such as `https://bcc.bj.baidubce.com`. */
  target?: string;
  /** Full URL of a state-protocol endpoint for an HTTP target (enables state setup, clock, inspect). */
  stateUrl?: string;
  /** A client adapter: a builtin name (`baidu-send-request`, `huawei-core`, …) or a module path. */
  client?: string;
  /** A client program in any language, spoken to over the client protocol (docs/client-protocol.md). */
  clientCmd?: string;
  /** Seconds a `clientCmd` case may take before the program is restarted (default 10). */
  clientTimeout?: number;
  /** Services to check; default both. */
  services?: Array<'bcc' | 'dcs'>;
  /** Seed of the generated cases; default random, printed and stored in the report. */
  seed?: number;
  /** Scale factor for generated cases; default 1. */
  runs?: number;
  /** Rule id globs to run, e.g. `['DCS-LOCK-*']`; default all. */
  rules?: string[];
  /** Where reports go; default `conformance-report`. */
  reportDir?: string;
  /** Report formats; default all four. */
  formats?: ReportFormat[];
  /** Path of an expected-failures JSON file. */
  expectedFailures?: string;
  /** Which failures make the run non-conformant; default `must`. */
  failOn?: 'must' | 'should' | 'none';
  /** Readings for the embedded simulator (`{ 'DCS-A1': 'locked-on-fifth' }`); default each default reading. */
  variants?: Record<string, string>;
  /** Credentials per service; environment variables win over this file. */
  credentials?: { bcc?: ServiceCredentials; dcs?: ServiceCredentials };
  /** HTTP transport settings for URL targets. */
  transport?: HttpTransportOptions;
  /** Live runs: the real instances the kit may use, with what it may do to each. */
  fixtures?: FixtureConfig[];
  /** Live runs: hosts the kit may talk to (`*` matches one DNS label); loopback is always allowed. */
  allowHosts?: string[];
  /** Live runs: most requests a run may send (default 500). */
  maxRequests?: number;
  /** Live runs: requests per second (default 3; 0 = no limit). */
  rate?: number;
  /** Live runs: run lockout checks on fixtures whose `allow` lists 'lockout' (default false). */
  allowLockout?: boolean;
  /** Live runs: how long restoration may wait for a lock to end, in seconds (default 360). */
  restoreWaitSeconds?: number;
  /** CI gate: at most this many rules (`5`) or this share of them (`'10%'`) may be skipped or not run, else exit 1. */
  maxSkip?: number | string;
  /** CI gate: rule id globs that must be judged (not skipped, not run), else exit 1. */
  requireRules?: string[];
  /**
   * URL targets whose server offers isolated sessions: checks a suite worker has in flight at once
   * against its session (default 4; 1 = one at a time, e.g. to debug a server).
   */
  checksInFlight?: number;
}

/** Identity function that gives the config file type checking. */
export function defineConfig(config: ConformanceConfig): ConformanceConfig {
  return config;
}

/** Keys a config file may have (for "unknown key" errors). */
export const CONFIG_KEYS: ReadonlyArray<keyof ConformanceConfig> = [
  'target', 'stateUrl', 'client', 'clientCmd', 'clientTimeout', 'services', 'seed', 'runs', 'rules', 'reportDir', 'formats', 'expectedFailures', 'failOn', 'variants', 'credentials', 'transport',
  'fixtures', 'allowHosts', 'maxRequests', 'rate', 'allowLockout', 'restoreWaitSeconds', 'maxSkip', 'requireRules', 'checksInFlight',
];
