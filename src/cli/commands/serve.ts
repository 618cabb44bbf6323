/** `conformance serve`: the reference simulator over HTTP, for SDKs and other processes. */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { KitError } from '../../errors/kit-error.ts';
import { parseVariantFlags } from '../../contract/load-spec.ts';
import { createSimulator } from '../../simulator/simulator.ts';
import { startServer } from '../../simulator/server.ts';
import { DEFAULT_SESSION_IDLE_SECONDS, DEFAULT_SESSION_LIMIT, SESSIONS_PATH, sessionManager, type SessionManager } from '../../simulator/sessions.ts';
import { preloadInstances, readInstancesFile } from '../../simulator/preload.ts';
import { DEFAULT_CREDENTIALS, type Credential } from '../../auth/default-credentials.ts';
import type { attachClientReport as Attach } from './serve-client-report.ts';
import { PROFILE_NAMES, type ProfileName } from '../../simulator/profiles.ts';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Reads `{ "bcc": [{accessKeyId, secretAccessKey}], "dcs": [...] }` from a file. */
function readCredentials(file: string): { bcc?: Credential[]; dcs?: Credential[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new KitError('CONFIG_INVALID', `Cannot read credentials file ${file}: ${(e as Error).message}`, 'give a JSON file like {"bcc":[{"accessKeyId":"…","secretAccessKey":"…"}],"dcs":[…]}');
  }
  const out: { bcc?: Credential[]; dcs?: Credential[] } = {};
  for (const service of ['bcc', 'dcs'] as const) {
    const list = (parsed as Record<string, unknown>)[service];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((c) => typeof c?.accessKeyId === 'string' && typeof c?.secretAccessKey === 'string' && c.secretAccessKey.length >= 16)) {
      throw new KitError('CONFIG_INVALID', `Credentials file ${file}: "${service}" must be a list of {accessKeyId, secretAccessKey}`, 'each secretAccessKey needs at least 16 characters (BCC derives the AES key from them)');
    }
    out[service] = list as Credential[];
  }
  return out;
}

/** Builds the `serve` subcommand. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('Run the reference simulator of both services over HTTP (test mode: state endpoint on, virtual clock).')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <addr>', 'interface to bind', '127.0.0.1')
    .option('--variant <AMBIGUITY=reading>', 'follow an alternative reading, repeatable (see `conformance list-rules --ambiguities`)', collect, [])
    .option('--fault <name>', 'plant a named fault (repeatable; demos and kit self-tests)', collect, [])
    .addOption(new Option('--profile <name>', 'choices where the documents are silent: default, or alternate (other codes, order of checks, routing; see ARCHITECTURE.md "Silent places")').choices([...PROFILE_NAMES]).default('default'))
    .option('--no-state-endpoint', 'disable POST /__conformance/state (what a real cloud looks like)')
    .option('--live-like', 'look like a real cloud: no state endpoint, real-time clock (load instances with --instances)')
    .option('--instances <file>', 'JSON list of instances to load at start: [{service, instanceId, projectId?, status, password, passwordFree?}]')
    .option('--latency <ms>', 'inject latency before every answer', '0')
    .option('--error-rate <0..1>', 'share of requests answered with an unasked-for 500', '0')
    .option('--drop-rate <0..1>', 'share of connections dropped without an answer', '0')
    .option('--client-report <dir>', 'judge every request as a client under test and write the client report there on stop (or on the state "client report")')
    .option('--credentials <file>', 'JSON file of accepted credentials instead of the test-only defaults')
    .option('--max-sessions <n>', `isolated sessions at once (POST ${SESSIONS_PATH}: a simulator of its own per suite worker of \`conformance run\`); 0 = none`, String(DEFAULT_SESSION_LIMIT))
    .option('--session-idle <seconds>', 'end a session after this long without a connection', String(DEFAULT_SESSION_IDLE_SECONDS))
    .option('--no-riders', "sessions take no state riders (set-ups carried on the next request: docs/state-protocol.md, \"Riders\"); the run then sends every state message on its own")
    .addOption(new Option('--clock <kind>', 'virtual (moved by the state endpoint) or real (live-like)').choices(['virtual', 'real']).default('virtual'))
    .addHelpText('after', `
Examples:
  $ conformance serve                         # http://127.0.0.1:8080, test credentials printed
  $ conformance serve --port 0                # any free port
  $ conformance serve --variant DCS-A1=locked-on-fifth --variant BCC-A4=empty-body
  $ conformance serve --profile alternate           # other codes and orders where the documents are silent
  $ conformance serve --live-like --instances fixtures.json --error-rate 0.05 --latency 50
  $ conformance serve --client-report out/       # run your SDK's tests against it, then Ctrl-C`)
    .action(async (opts: { port: string; host: string; variant: string[]; fault: string[]; stateEndpoint: boolean; credentials?: string; clock: 'virtual' | 'real'; profile: ProfileName; liveLike?: boolean; instances?: string; latency: string; errorRate: string; dropRate: string; clientReport?: string; maxSessions: string; sessionIdle: string; riders: boolean }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new KitError('USAGE', `--port ${opts.port} is not a port number`, 'use an integer from 0 to 65535 (0 picks a free port)');
      const credentials = opts.credentials ? readCredentials(opts.credentials) : {};
      const rate = (name: string, v: string, max: number): number => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0 || n > max) throw new KitError('USAGE', `--${name} ${v} is out of range`, `use a number from 0 to ${max}`);
        return n;
      };
      const behaviour = { latencyMs: rate('latency', opts.latency, 60_000), errorRate: rate('error-rate', opts.errorRate, 1), dropRate: rate('drop-rate', opts.dropRate, 1) };
      const maxSessions = Number(opts.maxSessions);
      if (!Number.isInteger(maxSessions) || maxSessions < 0) throw new KitError('USAGE', `--max-sessions ${opts.maxSessions} is not a whole number`, 'e.g. --max-sessions 16, or 0 for no sessions');
      const sessionIdle = Number(opts.sessionIdle);
      if (!Number.isFinite(sessionIdle) || sessionIdle <= 0) throw new KitError('USAGE', `--session-idle ${opts.sessionIdle} is not a number of seconds`, 'e.g. --session-idle 300');
      const simulatorOptions = {
        variants: parseVariantFlags(opts.variant),
        faults: opts.fault,
        stateEndpoint: opts.liveLike ? false : opts.stateEndpoint,
        credentials,
        clock: opts.liveLike ? 'real' : opts.clock,
        behaviour,
        profile: opts.profile,
        // Only a client report reads what the served simulator records and judges (each request's
        // client-oracle findings were ~half of serve's work per request: issue 17, round 5).
        record: opts.clientReport !== undefined,
      } as const;
      const instances = opts.instances ? readInstancesFile(opts.instances) : undefined;
      const simulator = createSimulator(simulatorOptions);
      if (instances) preloadInstances(simulator, instances);
      // Sessions belong to the test mode (state endpoint, virtual clock); a client report judges
      // the requests of the served simulator only, so it offers none either.
      const sessions: SessionManager | undefined =
        maxSessions > 0 && simulator.stateEndpoint && simulator.clock.kind === 'virtual' && !opts.clientReport
          ? sessionManager({
              create() {
                const own = createSimulator(simulatorOptions);
                if (instances) preloadInstances(own, instances);
                return own;
              },
              limit: maxSessions,
              idleSeconds: sessionIdle,
              host: opts.host,
              riders: opts.riders,
            })
          : undefined;
      // Loaded only when asked for: the reporters are not needed to serve.
      const reportModule = opts.clientReport ? await import('./serve-client-report.ts') : undefined;
      const clientReport: ReturnType<typeof Attach> | undefined = reportModule && opts.clientReport ? reportModule.attachClientReport(simulator, opts.clientReport) : undefined;
      let server;
      try {
        server = await startServer(simulator, { port, host: opts.host, beside: sessions && { prefix: SESSIONS_PATH, handle: sessions.handle } });
      } catch (e) {
        throw new KitError('USAGE', `Cannot listen on ${opts.host}:${port}: ${(e as Error).message}`, 'pick another port with --port, or --port 0 for any free one');
      }
      const shown = (list: Credential[]) => list.map((c) => (c === DEFAULT_CREDENTIALS.bcc || c === DEFAULT_CREDENTIALS.dcs ? `${c.accessKeyId} / ${c.secretAccessKey}` : `${c.accessKeyId} / (from ${opts.credentials})`)).join(', ');
      process.stdout.write(
        [
          `conformance simulator listening on ${server.url}`,
          `  BCC credentials (test only): ${shown(simulator.credentials.bcc)}`,
          `  DCS credentials (test only): ${shown(simulator.credentials.dcs)}`,
          `  state endpoint: ${simulator.stateEndpoint ? `${server.url}/__conformance/state (loopback only)` : 'off'}`,
          `  sessions: ${sessions ? `${server.url}${SESSIONS_PATH} (up to ${maxSessions}, an isolated simulator each; loopback only${opts.riders ? '; state riders' : ''})` : 'off'}`,
          ...(opts.fault.length ? [`  PLANTED FAULTS: ${opts.fault.join(', ')}`] : []),
          ...(opts.clientReport ? [`  client report: ${opts.clientReport} (written on stop, or on POST {"action":"setup","state":"${reportModule?.CLIENT_REPORT_STATE}"} to the state endpoint)`] : []),
          ...(opts.profile !== 'default' ? [`  profile: ${opts.profile} (other allowed choices where the documents are silent)`] : []),
          `  clock: ${simulator.clock.kind}; readings: ${Object.entries({ ...simulator.contracts.bcc.variants, ...simulator.contracts.dcs.variants }).map(([k, v]) => `${k}=${v}`).join(' ')}`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = (): void =>
          void (clientReport ? clientReport.write().then((files) => void process.stdout.write(`client report (${clientReport.collector.seen} requests judged): ${files.join(', ')}\n`)) : Promise.resolve())
            .catch((error: unknown) => {
              process.stderr.write(`could not write the client report to ${opts.clientReport}: ${(error as Error).message}\n  → give --client-report a directory you can write to\n`);
              process.exitCode = 2;
            })
            .then(() => sessions?.close())
            .then(() => server.close())
            .then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
