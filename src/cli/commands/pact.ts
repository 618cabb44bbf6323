/**
 * `conformance pact`: the kit's representative cases as Pact V4 consumer contracts (`export`),
 * and provider verification with them (`verify`), for teams that gate releases on a Pact Broker.
 * Pact (a native library) is imported only when a subcommand runs, so other commands stay fast.
 */
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { KitError } from '../../errors/kit-error.ts';
import { BUILTIN_SERVICES, type BuiltinService } from '../../contract/spec-paths.ts';
import { EXIT } from '../../runner/exit-codes.ts';
// cases.ts holds data only; Pact itself is loaded by the actions.
import { DEFAULT_CONSUMER, PROVIDER_NAMES } from '../../pact/cases.ts';

/** A consumer name Pact can use in a file name and a Broker URL. */
const CONSUMER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Commander settings are not inherited through `addCommand`: without `exitOverride` a bad flag
 * would `process.exit(1)` here instead of reaching `main()`, which maps it to exit 2 (usage).
 */
function command(name: string): Command {
  return new Command(name).exitOverride().showHelpAfterError('(run with --help for usage and examples)');
}

function exportCommand(): Command {
  return command('export')
    .description(`Write the representative cases as Pact V4 files (one per provider: ${Object.values(PROVIDER_NAMES).join(', ')}).`)
    .addOption(new Option('--service <name>', 'which provider pacts to write').choices(['bcc', 'dcs', 'all']).default('all'))
    .option('--out <dir>', 'directory for the pact files (default <report-dir>/pacts)')
    .option('--report-dir <dir>', 'the run\'s report directory, under which the pacts go unless --out is given', 'conformance-report')
    .option('--consumer <name>', 'consumer name in the pacts (and in the Broker)', DEFAULT_CONSUMER)
    .addHelpText('after', `
Each interaction is checked against Pact's mock server with the kit's own signed request before
the file is written; an older file of the same consumer and provider is replaced.

Examples:
  $ conformance pact export                                   # conformance-report/pacts/pwchange-conformance-{baidu-bcc,huawei-dcs}.json
  $ conformance pact export --service dcs --out build/pacts
  $ conformance pact export --report-dir out                  # out/pacts/…
  $ conformance pact export --consumer my-sdk-contract`)
    .action(async (opts: { service: 'bcc' | 'dcs' | 'all'; out?: string; reportDir: string; consumer: string }) => {
      if (!CONSUMER_NAME.test(opts.consumer)) {
        throw new KitError('USAGE', `--consumer "${opts.consumer}" is not a usable name`, 'use letters, digits, ".", "_" and "-", starting with a letter or digit');
      }
      const services: BuiltinService[] = opts.service === 'all' ? [...BUILTIN_SERVICES] : [opts.service];
      const { exportPacts } = await import('../../pact/export-pacts.ts');
      for (const pact of await exportPacts({ services, outDir: opts.out ?? join(opts.reportDir, 'pacts'), consumer: opts.consumer })) {
        process.stdout.write(`wrote ${pact.file} (${pact.interactions} interactions, provider ${pact.provider})\n`);
      }
    });
}

/** Flags of `pact verify`. */
interface VerifyFlags {
  providerUrl: string;
  stateUrl?: string;
  brokerUrl?: string;
  provider?: string;
  publishVersion?: string;
  branch?: string;
  logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** The Broker source from the flags; a Broker-only flag without --broker-url is a usage error. */
function brokerSource(opts: VerifyFlags): { url: string; provider: string; publishVersion?: string; branch?: string } | undefined {
  if (!opts.brokerUrl) {
    const stray = opts.provider ? '--provider' : opts.publishVersion ? '--publish-version' : opts.branch ? '--branch' : undefined;
    if (stray) throw new KitError('USAGE', `${stray} only applies to pacts fetched from a Broker`, 'add --broker-url (with --provider), or drop the flag to verify pact files');
    return undefined;
  }
  if (!opts.provider) throw new KitError('USAGE', '--broker-url needs --provider', `name whose pacts to fetch: --provider ${Object.values(PROVIDER_NAMES).join(' or --provider ')}`);
  if (opts.branch && !opts.publishVersion) throw new KitError('USAGE', '--branch only labels published results', 'add --publish-version <provider version>, or drop --branch');
  return { url: opts.brokerUrl, provider: opts.provider, ...(opts.publishVersion ? { publishVersion: opts.publishVersion } : {}), ...(opts.branch ? { branch: opts.branch } : {}) };
}

function verifyCommand(): Command {
  return command('verify')
    .description('Verify a provider against pact files (or a Broker\'s pacts) with Pact\'s Verifier; requests are signed with credentials from the environment.')
    .argument('[pact-files...]', 'pact files, as written by `conformance pact export` or by an SDK\'s consumer test')
    .requiredOption('--provider-url <url>', 'base URL of the provider under test')
    .option('--state-url <url>', 'the provider\'s state-setup endpoint (required when the pacts name provider states)')
    .option('--broker-url <url>', 'fetch the pacts from a Pact Broker (auth: PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD)')
    .addOption(new Option('--provider <name>', 'with --broker-url: whose pacts to fetch').choices(Object.values(PROVIDER_NAMES)))
    .option('--publish-version <version>', 'with --broker-url: publish the results as this provider version (what can-i-deploy checks)')
    .option('--branch <name>', 'with --publish-version: the provider branch of the results')
    .addOption(new Option('--log-level <level>', 'Pact\'s log level').choices(['trace', 'debug', 'info', 'warn', 'error']).default('warn'))
    .addHelpText('after', `
Provider states are forwarded to --state-url as {"action","state","params"} (README, "State-setup
protocol"); "dcs failed attempts" {projectId, instanceId, count} is replayed as count wrong-password
requests. Each request is re-signed (bce-auth-v1 or SDK-HMAC-SHA256) and a BCC adminPass is
re-encrypted under the real SK. Credentials come from the environment, never from flags:
BCE_ACCESS_KEY_ID/BCE_SECRET_ACCESS_KEY (baidu-bcc), CLOUD_SDK_AK/CLOUD_SDK_SK (huawei-dcs).

Exit status: 0 verified, 1 verification failed, 2 usage error, 3 provider or state endpoint unreachable.

Examples:
  $ conformance serve --port 8080 &
  $ export BCE_ACCESS_KEY_ID=sim-bcc-test-ak-0001 BCE_SECRET_ACCESS_KEY=sim-bcc-TEST-ONLY-secret-000001
  $ conformance pact verify --provider-url http://127.0.0.1:8080 \\
      --state-url http://127.0.0.1:8080/__conformance/state conformance-report/pacts/pwchange-conformance-baidu-bcc.json
  $ conformance pact verify --provider-url http://127.0.0.1:8080 --state-url http://127.0.0.1:8080/__conformance/state \\
      --broker-url https://broker.example --provider huawei-dcs --publish-version "$GIT_SHA" --branch main`)
    .action(async (pactFiles: string[], opts: VerifyFlags) => {
      const broker = brokerSource(opts);
      const { verifyPacts } = await import('../../pact/verify-pacts.ts');
      const result = await verifyPacts({ providerUrl: opts.providerUrl, stateUrl: opts.stateUrl, pactFiles, broker, logLevel: opts.logLevel });
      const source = [...(pactFiles.length > 0 ? [`${pactFiles.length} pact file(s)`] : []), ...(broker ? [`the ${broker.provider} pacts of ${broker.url}`] : [])].join(' and ');
      if (result.passed) {
        process.stdout.write(`pact verify: every interaction of ${source} passed against ${opts.providerUrl}${broker?.publishVersion ? `; results published as ${broker.provider} ${broker.publishVersion}` : ''}\n`);
        process.exitCode = EXIT.conformant;
        return;
      }
      // Pact has printed its full report above; this is the short list, one line per mismatch.
      const lines = [`pact verify: ${result.failures.length} interaction(s) failed against ${opts.providerUrl}:`];
      for (const failure of result.failures) {
        lines.push(`  ✗ ${failure.interaction}`);
        for (const mismatch of failure.mismatches) lines.push(`      ${mismatch}`);
      }
      process.stderr.write(`${lines.join('\n')}\n`);
      process.exitCode = EXIT.nonConformant;
    });
}

/** Builds the `pact` subcommand (`export`, `verify`). */
export function pactCommand(): Command {
  return command('pact')
    .description('Pact contracts: export the conformance cases as consumer pacts, verify a provider with them.')
    .addCommand(exportCommand())
    .addCommand(verifyCommand())
    .addHelpText('after', `
Broker workflow (see README, "Pact"):
  $ conformance pact export --out pacts
  $ pact-broker publish pacts --consumer-app-version "$GIT_SHA" --branch main
  $ conformance pact verify --provider-url … --state-url … pacts/*.json
  $ pact-broker can-i-deploy --pacticipant huawei-dcs --version "$PROVIDER_SHA" --to-environment production`);
}
