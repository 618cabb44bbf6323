/** The options and result of a Pact provider verification (shared by the runner and its plain child). */

/** Where the pacts come from when they are in a Pact Broker (token or user/password from Pact's own env vars). */
export interface BrokerSource {
  url: string;
  /** Provider whose pacts to fetch: `baidu-bcc` or `huawei-dcs`. */
  provider: string;
  /** Publish the results under this provider version (what `can-i-deploy` asks about). */
  publishVersion?: string;
  /** The provider branch of the published results. */
  branch?: string;
}

/** Options of {@link verifyPacts}. */
export interface VerifyOptions {
  providerUrl: string;
  stateUrl?: string;
  pactFiles: string[];
  broker?: BrokerSource;
  /** Where credentials are read from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Pact's log level; default `warn` (Pact's own readable results are printed regardless). */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The outcome: passed, or the failed interactions with Pact's mismatch descriptions. */
export interface VerifyResult {
  passed: boolean;
  failures: Array<{ interaction: string; mismatches: string[] }>;
}
