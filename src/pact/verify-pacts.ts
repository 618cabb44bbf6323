/**
 * `conformance pact verify`: verifies a provider against pact files, or the pacts a Pact Broker
 * holds for it, with Pact's own `Verifier`. States go to the provider's state endpoint
 * (state-forwarding.ts); requests are re-signed and `adminPass` re-encrypted with credentials
 * from the environment (provider-signing.ts). With a Broker, results can be published for
 * `can-i-deploy`.
 */
import type { BrokerSource, VerifyOptions, VerifyResult } from './verify-types.ts';
export type { BrokerSource, VerifyOptions, VerifyResult };
import './pact-env.ts';
import { existsSync, readFileSync } from 'node:fs';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { resolveCredentials } from '../config/credentials.ts';
import type { ServiceCredentials } from '../config/define-config.ts';
import { KitError } from '../errors/kit-error.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath, type BuiltinService } from '../contract/spec-paths.ts';
import type { Contract } from '../contract/contract.ts';
import { httpTransport } from '../transports/http.ts';
import type { Transport } from '../transports/transport.ts';
import { TransportFault } from '../errors/transport-fault.ts';
import { PROVIDER_NAMES } from './cases.ts';
import { signingFilter } from './provider-signing.ts';
import { stateHandlers } from './state-forwarding.ts';
import { colourOn } from '../config/colour.ts';




function httpUrl(flag: string, value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return value;
  } catch {
    // reported below
  }
  throw new KitError('USAGE', `${flag} "${value}" is not an http(s) URL`, `give a full URL, e.g. ${flag} http://127.0.0.1:8080`);
}

/** The kit signs requests for its own two providers only. */
function serviceOf(provider: string, where: string): BuiltinService {
  const service = BUILTIN_SERVICES.find((s) => PROVIDER_NAMES[s] === provider);
  if (!service) throw new KitError('USAGE', `${where} names the provider "${provider}"`, `the kit signs requests for the providers ${Object.values(PROVIDER_NAMES).join(' and ')} only`);
  return service;
}

/** Reads a pact file's provider and whether any interaction names a provider state. */
function readPactFile(file: string): { service: BuiltinService; hasStates: boolean } {
  if (!existsSync(file)) throw new KitError('USAGE', `No pact file ${file}`, 'give the files `conformance pact export` wrote, e.g. conformance-report/pacts/*.json');
  let pact: { provider?: { name?: string }; interactions?: Array<{ providerStates?: unknown[] }> };
  try {
    pact = JSON.parse(readFileSync(file, 'utf8')) as typeof pact;
  } catch (e) {
    throw new KitError('USAGE', `${file} is not a JSON pact file: ${(e as Error).message}`, 'give the files `conformance pact export` wrote');
  }
  return { service: serviceOf(pact.provider?.name ?? '', file), hasStates: (pact.interactions ?? []).some((i) => (i.providerStates ?? []).length > 0) };
}

/** Any HTTP answer proves the server is there; a connection failure is exit 3, not a verdict. */
async function probe(transport: Transport, what: string, url: string): Promise<void> {
  try {
    await (await transport(new Request(url, { method: 'GET' }))).arrayBuffer();
  } catch (e) {
    if (TransportFault.is(e)) throw new KitError('TARGET_UNREACHABLE', `The ${what} ${url} cannot be reached (${e.message})`, 'start it (e.g. `conformance serve`) or fix the URL');
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

/** Checks the flags, reads the pact files and resolves the credentials: every usage error before any work. */
function plan(options: VerifyOptions): { stateUrl?: string; contracts: Partial<Record<BuiltinService, Contract>>; credentials: Partial<Record<BuiltinService, ServiceCredentials>> } {
  httpUrl('--provider-url', options.providerUrl);
  const stateUrl = options.stateUrl === undefined ? undefined : httpUrl('--state-url', options.stateUrl);
  const { broker } = options;
  if (options.pactFiles.length === 0 && !broker) throw new KitError('USAGE', 'No pacts to verify', 'list pact files after the options, or fetch them with --broker-url and --provider');
  const pacts = options.pactFiles.map(readPactFile);
  if (broker) {
    httpUrl('--broker-url', broker.url);
    // The kit's interactions all name states, and so do the pacts an SDK writes from them.
    pacts.push({ service: serviceOf(broker.provider, '--provider'), hasStates: true });
  }
  if (!stateUrl && pacts.some((p) => p.hasStates)) {
    throw new KitError('USAGE', 'The pacts name provider states, but no --state-url was given', 'pass the provider\'s state-setup endpoint, e.g. --state-url http://127.0.0.1:8080/__conformance/state (README, "State-setup protocol")');
  }
  const contracts: Partial<Record<BuiltinService, Contract>> = {};
  const credentials: Partial<Record<BuiltinService, ServiceCredentials>> = {};
  for (const service of new Set(pacts.map((p) => p.service))) {
    const contract = loadSpec(builtinSpecPath(service));
    contracts[service] = contract;
    credentials[service] = resolveCredentials(contract, { target: options.providerUrl }, options.env ?? process.env);
  }
  return { stateUrl, contracts, credentials };
}

/** Pact's options for where the pacts come from (and where results go). */
function sources(options: VerifyOptions): Partial<VerifierOptions> {
  const { broker } = options;
  if (!broker) return { pactUrls: options.pactFiles };
  return {
    ...(options.pactFiles.length > 0 ? { pactUrls: options.pactFiles } : {}),
    pactBrokerUrl: broker.url,
    provider: broker.provider,
    // The selectors Pact recommends: what is on the consumers' main branches and what is deployed.
    consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
    ...(broker.publishVersion ? { publishVerificationResult: true, providerVersion: broker.publishVersion } : {}),
    ...(broker.branch ? { providerVersionBranch: broker.branch } : {}),
  };
}

/**
 * Runs the verification; throws {@link KitError} for usage (exit 2) and unreachable (exit 3).
 * With colour off (NO_COLOR, FORCE_COLOR=0, or stdout not a terminal) Pact runs in a child whose
 * output is relayed without colour codes (plain-child.ts): its native core ignores those settings.
 */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyResult> {
  const { stateUrl } = plan(options);
  const transport = httpTransport({ retries: 1, timeoutMs: 15_000 });
  try {
    await probe(transport.send, 'provider', options.providerUrl);
    if (stateUrl) await probe(transport.send, 'state endpoint', stateUrl);
  } finally {
    await transport.close();
  }
  if (colourOn(process.stdout)) return verifyHere(options);
  const { verifyInPlainChild } = await import('./plain-child.ts');
  return verifyInPlainChild(options);
}

/** The verification itself, in this process (Pact's native output goes to this process's stdout). */
export async function verifyHere(options: VerifyOptions): Promise<VerifyResult> {
  const { stateUrl, contracts, credentials } = plan(options);
  const providerUrl = options.providerUrl;
  const transport = httpTransport({ retries: 1, timeoutMs: 15_000 });
  try {
    // Pact types `stateHandlers` as HTTP and message handlers at once; HTTP verification calls
    // the {setup, teardown} form (verifier/proxy/stateHandler/setupStates.js), so the cast is sound.
    const handlers = (url: string): VerifierOptions['stateHandlers'] =>
      stateHandlers({ stateUrl: url, providerUrl, transport: transport.send, ...(contracts.dcs && credentials.dcs ? { dcs: { contract: contracts.dcs, credentials: credentials.dcs } } : {}) }) as unknown as VerifierOptions['stateHandlers'];
    const verifier = new Verifier({
      providerBaseUrl: providerUrl,
      ...sources(options),
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
