/** `conformance pact` exit statuses: 2 for usage errors (with a fix), 3 for an unreachable provider. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialEnv, pactCli, removeTempDirs, startSimulator, tempDir } from './pact-harness.ts';
import { closedPort } from '../cli/cli-harness.ts';
import { cliInProcess } from '../cli/cli-in-process.ts';

/**
 * `conformance pact …` through the CLI's `main` in this process (test/cli/cli-in-process.ts), with
 * the environment `pactCli` gives its child: no credentials of the developer's, no Pact telemetry.
 * The usage errors end before anything is exported or verified; `pactCli` (a process through the
 * same `main`) stays for the export, the unreachable providers and --help.
 */
function pactInProcess(args: string[]): ReturnType<typeof pactCli> {
  const noCredentials = Object.fromEntries(Object.keys(process.env).filter((k) => /^(BCE_|CLOUD_SDK_)/.test(k)).map((k) => [k, undefined]));
  const run = cliInProcess(['pact', ...args], { ...noCredentials, PACT_DO_NOT_TRACK: 'true' }, () => pactCli(args));
  return run.then((r) => ({ ...r, output: `${r.stdout}\n${r.stderr}` }));
}

const out = tempDir();

beforeAll(async () => {
  const exported = await pactCli(['export', '--service', 'bcc', '--out', out]);
  expect(exported.code, exported.output).toBe(0);
}, 120_000);

afterAll(removeTempDirs);

describe('pact exit status', { timeout: 120_000 }, () => {
  const bccPact = (): string => join(out, 'pwchange-conformance-baidu-bcc.json');

  it('2 for bad flags and arguments, with what to do', async () => {
    const foreign = join(tempDir(), 'other.json');
    writeFileSync(foreign, JSON.stringify({ consumer: { name: 'a' }, provider: { name: 'billing' }, interactions: [], metadata: {} }));
    const cases: Array<[string[], RegExp]> = [
      [['export', '--service', 'ftp'], /argument 'ftp' is invalid. Allowed choices are bcc, dcs, all/],
      [['export', '--consumer', 'two words'], /--consumer "two words" is not a usable name/],
      [['verify', bccPact()], /required option '--provider-url <url>' not specified/],
      [['verify', '--provider-url', 'ftp://x', bccPact()], /--provider-url "ftp:\/\/x" is not an http\(s\) URL/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', '/no/such/pact.json'], /No pact file \/no\/such\/pact.json/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', foreign], /provider "billing"[\s\S]*baidu-bcc and huawei-dcs/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', bccPact()], /name provider states, but no --state-url[\s\S]*__conformance\/state/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', '--state-url', 'http://127.0.0.1:1/s', bccPact()], /No BCC credentials[\s\S]*BCE_ACCESS_KEY_ID and BCE_SECRET_ACCESS_KEY/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', '--publish-version', '1.0.0', bccPact()], /--publish-version only applies to pacts fetched from a Broker/],
      [['verify', '--provider-url', 'http://127.0.0.1:1', '--broker-url', 'http://127.0.0.1:1'], /--broker-url needs --provider[\s\S]*--provider baidu-bcc or --provider huawei-dcs/],
      [['verify', '--provider-url', 'http://127.0.0.1:1'], /No pacts to verify/],
    ];
    // One after another: an in-process run has the process's streams and environment to itself.
    const results: Array<Awaited<ReturnType<typeof pactCli>>> = [];
    for (const [args] of cases) results.push(await pactInProcess(args));
    cases.forEach(([args, message], i) => {
      expect(results[i]!.code, `${args.join(' ')}\n${results[i]!.output}`).toBe(2);
      expect(results[i]!.stderr).toMatch(message);
    });
  });

  it('3 when the provider or its state endpoint cannot be reached', async () => {
    const port = await closedPort();
    const down = await pactCli(['verify', '--provider-url', `http://127.0.0.1:${port}`, '--state-url', `http://127.0.0.1:${port}/__conformance/state`, bccPact()], credentialEnv());
    expect(down.code, down.output).toBe(3);
    expect(down.stderr).toMatch(/The provider http:\/\/127\.0\.0\.1:\d+ cannot be reached/);
    const sim = await startSimulator();
    try {
      const noState = await pactCli(['verify', '--provider-url', sim.url, '--state-url', `http://127.0.0.1:${port}/__conformance/state`, bccPact()], credentialEnv());
      expect(noState.code, noState.output).toBe(3);
      expect(noState.stderr).toMatch(/The state endpoint .* cannot be reached/);
    } finally {
      await sim.close();
    }
  });

  it('0 for --help, with examples', async () => {
    const r = await pactCli(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:[\s\S]*conformance pact verify --provider-url/);
  });
});
