/**
 * Resolves CLI flags over the config file into a run plan: target, services, seed, filters,
 * credentials, reports. Every mistake becomes a KitError that says how to fix it (exit 2).
 */
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceConfig, ReportFormat } from '../config/define-config.ts';
import { resolveCredentials } from '../config/credentials.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath } from '../contract/spec-paths.ts';
import type { Contract } from '../contract/contract.ts';
import type { Invocation, TargetInfo } from '../report/report-model.ts';
import type { RunSettings, TargetSettings } from './settings.ts';
import { loadExpectedFailures, type ExpectedFailure } from './expected-failures.ts';
import { plantedFaults } from '../simulator/faults.ts';
import { profileNamed } from '../simulator/profiles.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { resolveFixtures } from '../live/fixtures.ts';
import { hostAllowed, isLoopbackHost } from '../live/host-allowlist.ts';
import { ruleSelected } from '../contract/rule-globs.ts';
import { parseMaxSkip, parseRequireRules } from '../report/ci-gates.ts';
import { parseSeed, randomSeed } from './seed.ts';
import { REPORT_FORMATS, parseFormatList } from '../report/report-formats.ts';

/** Everything `executeRun` needs. */
export interface RunPlan {
  settings: RunSettings;
  contracts: Contract[];
  target: TargetInfo;
  invocation: Invocation;
  reportDir: string;
  /** `--report-dir -`: the JSON report goes to stdout (through a scratch `reportDir`), so no file of it stays to name. */
  reportToStdout?: boolean;
  formats: ReportFormat[];
  expectedFailures: ExpectedFailure[];
  failOn: 'must' | 'should' | 'none';
  shard?: string;
  /** `shard` as numbers, stored in the report so `merge` can tell which shards are missing. */
  shardInfo?: { index: number; count: number };
  /** Guard rails of a live run (a non-loopback target, or --live). */
  live?: { dryRun: boolean; restoreWaitMs: number };
  /** A client program judged through the client protocol (`--client-cmd`). */
  clientCmd?: ClientCmdPlan;
}

/** Flags of `run`, as commander parsed them (all optional). */
export interface RunFlags {
  service?: string;
  target?: string;
  stateUrl?: string;
  client?: string;
  clientCmd?: string;
  clientTimeout?: string;
  seed?: string;
  runs?: string;
  rules?: string;
  reportDir?: string;
  format?: string;
  expectedFailures?: string;
  failOn?: string;
  variant?: Record<string, string>;
  fault?: string[];
  /** Embedded simulator profile (`default` or `alternate`). */
  profile?: string;
  shard?: string;
  dryRun?: boolean;
  maxRequests?: string;
  rate?: string;
  allowLockout?: boolean;
  live?: boolean;
  maxSkip?: string;
  requireRules?: string;
}


function int(name: string, value: string | number | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new KitError('USAGE', `--${name} ${value} is not a whole number ≥ ${min}`, `give --${name} a whole number, e.g. --${name} ${min === 0 ? 42 : 2}`);
  return n;
}

/** Builds the plan; `random` supplies the seed when none is given. */
export function resolvePlan(flags: RunFlags, config: ConformanceConfig, random: () => number = randomSeed): RunPlan {
  const serviceFlag = flags.service ?? (config.services ? config.services.join(',') : 'all');
  const services = serviceFlag === 'all' ? [...BUILTIN_SERVICES] : serviceFlag.split(',').map((s) => s.trim());
  for (const s of services) if (!(BUILTIN_SERVICES as readonly string[]).includes(s)) throw new KitError('USAGE', `Unknown --service "${s}"`, 'use bcc, dcs or all');
  const targetFlag = flags.target ?? config.target ?? 'simulator';
  // A --client flag overrides a config's clientCmd, and the other way round.
  const clientCmdSetting = flags.clientCmd ?? (flags.client === undefined ? config.clientCmd : undefined);
  if (flags.clientCmd !== undefined && flags.client !== undefined) throw new KitError('USAGE', '--client and --client-cmd cannot be combined', 'judge one client per run: a JS adapter with --client, or a program in any language with --client-cmd');
  if (clientCmdSetting !== undefined && clientCmdSetting.trim() === '') throw new KitError('USAGE', '--client-cmd is empty', "give the command line that starts the client, e.g. --client-cmd 'python3 examples/python/change_password.py'");
  // A report's invocation names a client program as `cmd:<command line>` (so replay can rerun it).
  const clientCmd = (clientCmdSetting ?? (flags.client?.startsWith('cmd:') ? flags.client.slice(4) : undefined))?.trim();
  const client = clientCmd !== undefined ? `cmd:${clientCmd}` : flags.client ?? config.client;
  const stateUrl = flags.stateUrl ?? config.stateUrl;
  if (targetFlag !== 'simulator' && !/^https?:\/\/[^/]+/.test(targetFlag)) throw new KitError('USAGE', `--target "${targetFlag}" is neither "simulator" nor an http(s) URL`, 'use --target simulator, or a base URL such as --target http://127.0.0.1:8080');
  const clientTimeout = flags.clientTimeout ?? config.clientTimeout;
  if (clientTimeout !== undefined && clientCmd === undefined) throw new KitError('USAGE', '--client-timeout needs --client-cmd', "add --client-cmd '<command line>', or drop --client-timeout");
  if (client && targetFlag !== 'simulator') throw new KitError('USAGE', '--client and a URL --target cannot be combined', 'a client under test always talks to the embedded simulator, which judges its requests: drop --target');
  if (stateUrl && targetFlag === 'simulator') throw new KitError('USAGE', '--state-url needs a URL --target', 'the embedded simulator sets up its own state: drop --state-url, or add --target <url>');
  if (stateUrl && !/^https?:\/\//.test(stateUrl)) throw new KitError('USAGE', `--state-url "${stateUrl}" is not an http(s) URL`, 'give the full URL, e.g. http://127.0.0.1:8080/__conformance/state');
  const failOn = (flags.failOn ?? config.failOn ?? 'must') as RunPlan['failOn'];
  if (!['must', 'should', 'none'].includes(failOn)) throw new KitError('USAGE', `--fail-on "${failOn}" is not known`, 'use must, should or none');
  const formats = flags.format !== undefined ? parseFormatList(flags.format, REPORT_FORMATS) : config.formats !== undefined ? parseFormatList(config.formats, REPORT_FORMATS, 'formats in the config file') : [...REPORT_FORMATS];
  const variants = { ...config.variants, ...flags.variant };
  const faults = flags.fault ?? [];
  plantedFaults(faults); // unknown names fail here, before anything runs
  const profile = flags.profile === undefined ? undefined : profileNamed(flags.profile).name;
  if (profile !== undefined && (targetFlag !== 'simulator' || client)) throw new KitError('USAGE', '--profile chooses the embedded simulator\'s profile', 'drop --target/--client, or start the other server with `conformance serve --profile …`');
  if (faults.length > 0 && targetFlag !== 'simulator') throw new KitError('USAGE', '--fault plants faults in the embedded simulator only', 'drop --target, or start the other server with `conformance serve --fault …`');
  // Flag checks that need no spec come first: a usage error answers before the specs load.
  const seed = flags.seed !== undefined ? parseSeed(flags.seed, '--seed') : config.seed !== undefined ? parseSeed(config.seed, 'seed in the config file', 'set seed to a whole number, e.g. seed: 42, or remove it for a random seed') : random();
  const runs = int('runs', flags.runs ?? config.runs, 1) ?? 1;
  const rules = flags.rules ? flags.rules.split(',').map((r) => r.trim()).filter(Boolean) : config.rules ?? [];
  if (flags.dryRun && (targetFlag === 'simulator' || client)) throw new KitError('USAGE', '--dry-run plans a live run', 'use it with a URL --target (a real or live-like endpoint)');
  if (flags.shard && !/^\d+\/\d+$/.test(flags.shard)) throw new KitError('USAGE', `--shard "${flags.shard}" is not INDEX/COUNT`, 'e.g. --shard 1/3 on the first of three CI machines');
  const [shardIndex, shardCount] = (flags.shard ?? '').split('/').map(Number);
  if (flags.shard && !(shardIndex! >= 1 && shardIndex! <= shardCount!)) throw new KitError('USAGE', `--shard "${flags.shard}" names no shard`, 'INDEX runs from 1 to COUNT, e.g. --shard 2/3');
  // Loading under the chosen readings checks every --variant name before anything runs.
  for (const s of services) loadSpec(builtinSpecPath(s as 'bcc' | 'dcs'), { variants });
  const documented = services.map((s) => loadSpec(builtinSpecPath(s as 'bcc' | 'dcs')));
  // Selecting no rule would report on nothing (and overwrite the last report): stop here.
  if (rules.length > 0 && !documented.some((c) => c.baseFacts.rules.some((r) => ruleSelected(r.id, rules)))) {
    throw new KitError('USAGE', `--rules ${rules.join(',')} selects no rule of ${services.join(', ')}`, `list the rule ids with \`npx conformance list-rules${services.length === 1 ? ` --service ${services[0]}` : ''}\` and pass globs that match some, e.g. --rules 'DCS-LOCK-*'`);
  }
  const maxSkipValue = flags.maxSkip ?? config.maxSkip;
  const maxSkip = maxSkipValue === undefined ? undefined : parseMaxSkip(maxSkipValue);
  const requireValue = flags.requireRules ?? config.requireRules;
  const requireRules = requireValue === undefined ? undefined : parseRequireRules(requireValue);

  let target: TargetSettings;
  let info: TargetInfo;
  let credentials: RunSettings['credentials'];
  if (client) {
    target = { kind: 'client', adapter: client, variants, faults };
    info = { name: `client:${client}`, kind: 'client', capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: false, judgesClient: true } };
  } else if (targetFlag === 'simulator') {
    target = { kind: 'simulator', variants, faults, ...(profile ? { profile } : {}) };
    info = { name: 'simulator', kind: 'simulator', capabilities: { setupState: true, moveClock: true, inspect: true, rawRequests: true, judgesClient: false } };
  } else {
    target = { kind: 'http', baseUrl: targetFlag.replace(/\/$/, ''), stateUrl, timeoutMs: config.transport?.timeoutMs };
    const host = new URL(targetFlag).hostname;
    if (!isLoopbackHost(host) || flags.live) {
      for (const url of [targetFlag, stateUrl].filter((u): u is string => u !== undefined)) {
        const h = new URL(url).hostname;
        if (!isLoopbackHost(h) && !hostAllowed(h, config.allowHosts ?? [])) throw new KitError('CONFIG_INVALID', `Refusing to run against ${h}: it is not in allowHosts`, `add "${h}" to allowHosts in conformance.config.ts if this account may be used for testing`);
      }
      target.live = {
        // Fixtures of services this run does not check are left alone (and need no credentials).
        fixtures: resolveFixtures(config.fixtures).filter((f) => services.includes(f.service)),
        allowHosts: config.allowHosts ?? [],
        maxRequests: int('max-requests', flags.maxRequests ?? config.maxRequests, 1) ?? 500,
        rate: Number(flags.rate ?? config.rate ?? 3),
        allowLockout: flags.allowLockout ?? config.allowLockout ?? false,
        ledgerFile: join(mkdtempSync(join(tmpdir(), 'conformance-ledger-')), 'ledger.json'),
      };
      if (!Number.isFinite(target.live.rate) || target.live.rate < 0) throw new KitError('USAGE', `--rate ${flags.rate} is not a number of requests per second`, 'e.g. --rate 3, or --rate 0 for no limit');
    }
    const hasState = stateUrl !== undefined;
    info = { name: targetFlag.replace(/\/$/, ''), kind: 'http', capabilities: { setupState: hasState, moveClock: hasState, inspect: hasState, rawRequests: true, judgesClient: false } };
    credentials = Object.fromEntries(documented.map((c) => [c.service, resolveCredentials(c, { ...config, target: targetFlag })]));
  }
  const expectedFile = flags.expectedFailures ?? config.expectedFailures;
  return {
    settings: { target, services: services as RunSettings['services'], seed, runs, rules, credentials },
    contracts: documented,
    target: info,
    // A module path is stored absolute, so `replay` finds the adapter from any directory.
    invocation: { target: targetFlag, stateUrl, client: client && !isAbsolute(client) && /[\\/]|^\.|\.[cm]?[jt]s$/.test(client) ? resolve(client) : client, variants, faults, services, rules, failOn, ...(maxSkip !== undefined ? { maxSkip } : {}), ...(requireRules ? { requireRules } : {}) },
    reportDir: flags.reportDir ?? config.reportDir ?? 'conformance-report',
    formats,
    expectedFailures: expectedFile ? loadExpectedFailures(expectedFile) : [],
    failOn,
    shard: flags.shard,
    shardInfo: flags.shard ? { index: shardIndex!, count: shardCount! } : undefined,
    live: target.kind === 'http' && target.live ? { dryRun: flags.dryRun ?? false, restoreWaitMs: (config.restoreWaitSeconds ?? 360) * 1000 } : undefined,
    clientCmd: clientCmd !== undefined ? { command: clientCmd, timeoutMs: (int('client-timeout', clientTimeout, 1) ?? 10) * 1000 } : undefined,
  };
}

/** What `--client-cmd` asks for (part of the run plan). */
export interface ClientCmdPlan {
  command: string;
  /** Per-case answer timeout. */
  timeoutMs: number;
}
