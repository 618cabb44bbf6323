/**
 * `conformance pact verify`: verifies a provider against pact files with Pact's own `Verifier`.
 * States go to the provider's state endpoint (state-forwarding.ts); requests are re-signed and
 * `adminPass` re-encrypted with credentials from the environment (provider-signing.ts).
 */
import './pact-env.ts';
import { existsSync, readFileSync } from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { resolveCredentials } from '../config/credentials.ts';
import type { ServiceCredentials } from '../config/define-config.ts';
import { KitError } from '../errors/kit-error.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath, type BuiltinService } from '../spec/spec-paths.ts';
import type { Contract } from '../spec/contract.ts';
import { httpTransport } from '../transports/http.ts';
import { TransportFault, type Transport } from '../transports/transport.ts';
import { PROVIDER_NAMES } from './cases.ts';
import { signingFilter } from './provider-signing.ts';
import { stateHandlers } from './state-forwarding.ts';

/** Options of {@link verifyPacts}. */
export interface VerifyOptions {
  providerUrl: string;
  stateUrl?: string;
  pactFiles: string[];
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

interface PactFileSummary { file: string; provider: string; service: BuiltinService; hasStates: boolean }

function httpUrl(flag: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new KitError('USAGE', `${flag} "${value}" is not an http(s) URL`, `give a full URL, e.g. ${flag} http://127.0.0.1:8080`);
}

/** Reads each pact file's provider; the kit signs requests for its own two providers only. */
function readPactFile(file: string): PactFileSummary {
  if (!existsSync(file)) throw new KitError('USAGE', `No pact file ${file}`, 'give the files `conformance pact export` wrote, e.g. pacts/*.json');
  let pact: { provider?: { name?: string }; interactions?: Array<{ providerStates?: unknown[] }> };
  try {
    pact = JSON.parse(readFileSync(file, 'utf8')) as typeof pact;
  } catch (e) {
    throw new KitError('USAGE', `${file} is not a JSON pact file: ${(e as Error).message}`, 'give the files `conformance pact export` wrote');
  }
  const provider = pact.provider?.name ?? '';
  const service = BUILTIN_SERVICES.find((s) => PROVIDER_NAMES[s] === provider);
  if (!service) throw new KitError('USAGE', `${file} is a pact with provider "${provider}"`, `the kit signs requests for the providers ${Object.values(PROVIDER_NAMES).join(' and ')} only`);
  return { file, provider, service, hasStates: (pact.interactions ?? []).some((i) => (i.providerStates ?? []).length > 0) };
}

/** Any HTTP answer proves the server is there; a connection failure is exit 3, not a verdict. */
async function probe(transport: Transport, what: string, url: string): Promise<void> {
  try {
    await (await transport(new Request(url, { method: 'GET' }))).arrayBuffer();
  } catch (e) {
    if (TransportFault.is(e)) throw new KitError('TARGET_UNREACHABLE', `The ${what} ${url} cannot be reached (${e.message})`, 'start the provider (e.g. `conformance serve`) or fix the URL');
    throw e;
  }
}

/** Pact's JSON results → the failed interactions and their mismatch texts. */
function failuresOf(resultJson: string): VerifyResult['failures'] {
  let parsed: { errors?: Array<{ interaction?: string; mismatch?: { mismatches?: Array<{ mismatch?: string; path?: string }>; message?: string } }> };
  try {
    parsed = JSON.parse(resultJson) as typeof parsed;
  } catch {
    return [{ interaction: '(unknown)', mismatches: [resultJson] }];
  }
  return (parsed.errors ?? []).map((e) => ({
    interaction: e.interaction ?? '(unknown)',
    mismatches: e.mismatch?.mismatches?.map((m) => `${m.path ? `${m.path}: ` : ''}${m.mismatch ?? JSON.stringify(m)}`) ?? [e.mismatch?.message ?? JSON.stringify(e.mismatch)],
  }));
}

/** Runs the verification; throws {@link KitError} for usage (exit 2) and unreachable (exit 3). */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyResult> {
  const providerUrl = httpUrl('--provider-url', options.providerUrl);
  const stateUrl = options.stateUrl === undefined ? undefined : httpUrl('--state-url', options.stateUrl);
  if (options.pactFiles.length === 0) throw new KitError('USAGE', 'No pact files given', 'list them after the options, e.g. `conformance pact verify --provider-url … pacts/*.json`');
  const pacts = options.pactFiles.map(readPactFile);
  if (!stateUrl && pacts.some((p) => p.hasStates)) {
    throw new KitError('USAGE', 'These pacts name provider states, but no --state-url was given', 'pass the provider\'s state-setup endpoint, e.g. --state-url http://127.0.0.1:8080/__conformance/state (README, "State-setup protocol")');
  }
  const services = [...new Set(pacts.map((p) => p.service))];
  const contracts: Partial<Record<BuiltinService, Contract>> = {};
  const credentials: Partial<Record<BuiltinService, ServiceCredentials>> = {};
  for (const service of services) {
    const contract = loadSpec(builtinSpecPath(service));
    contracts[service] = contract;
    credentials[service] = resolveCredentials(contract, { target: providerUrl }, options.env ?? process.env);
  }

  const transport = httpTransport({ retries: 1, timeoutMs: 15_000 });
  try {
    await probe(transport.send, 'provider', providerUrl);
    if (stateUrl) await probe(transport.send, 'state endpoint', stateUrl);
    const providers = [...new Set(pacts.map((p) => p.provider))];
    // Pact types `stateHandlers` as HTTP and message handlers at once; HTTP verification calls
    // the {setup, teardown} form (verifier/proxy/stateHandler/setupStates.js), so the cast is sound.
    const handlers = (url: string): VerifierOptions['stateHandlers'] =>
      stateHandlers({ stateUrl: url, providerUrl, transport: transport.send, ...(contracts.dcs && credentials.dcs ? { dcs: { contract: contracts.dcs, credentials: credentials.dcs } } : {}) }) as unknown as VerifierOptions['stateHandlers'];
    const verifier = new Verifier({
      providerBaseUrl: providerUrl,
      pactUrls: pacts.map((p) => p.file),
      ...(providers.length === 1 ? { provider: providers[0] } : {}),
      logLevel: options.logLevel ?? 'warn',
      requestFilter: signingFilter({ providerUrl, contracts, credentials, note: (line) => process.stderr.write(`note: ${line}\n`) }),
      ...(stateUrl ? { stateHandlers: handlers(stateUrl) } : {}),
    });
    try {
      await verifier.verifyProvider();
      return { passed: true, failures: [] };
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      // Pact rejects a failed verification with its JSON results; anything else is a crash.
      if (!message.trimStart().startsWith('{')) throw e;
      return { passed: false, failures: failuresOf(message) };
    }
  } finally {
    await transport.close();
  }
}
