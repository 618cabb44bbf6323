/**
 * Resolves CLI flags over the config file into a run plan: target, services, seed, filters,
 * credentials, reports. Every mistake becomes a KitError that says how to fix it (exit 2).
 */
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceConfig, ReportFormat } from '../config/define-config.ts';
import { loadSpec } from '../contract/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath } from '../contract/spec-paths.ts';
import type { Contract } from '../contract/contract.ts';
import type { Invocation, TargetInfo } from '../report/report-model.ts';
import type { RunSettings } from './settings.ts';
import { loadExpectedFailures, type ExpectedFailure } from './expected-failures.ts';
import { isAbsolute, resolve } from 'node:path';
import { chooseTargetKind } from '../targets/registry.ts';
import { wholeNumberFlag as int, type TargetChoice } from '../targets/target-kind.ts';
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
  checksInFlight?: string;
  rate?: string;
  allowLockout?: boolean;
  live?: boolean;
  maxSkip?: string;
  requireRules?: string;
  /** Quote the test passwords of failing cases (only where the target's kind sees test passwords only). */
  showTestPasswords?: boolean;
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
  const variants = { ...config.variants, ...flags.variant };
  const choice: TargetChoice = {
    target: targetFlag, client, stateUrl, variants, faults: flags.fault ?? [], profile: flags.profile, dryRun: flags.dryRun, live: flags.live,
    maxRequests: flags.maxRequests ?? config.maxRequests, rate: flags.rate ?? config.rate, allowLockout: flags.allowLockout ?? config.allowLockout, services, config,
    checksInFlight: flags.checksInFlight ?? config.checksInFlight,
  };
  // The registry's kinds decide which one takes the run and check their own flags.
  const kind = chooseTargetKind(choice);
  const clientTimeout = flags.clientTimeout ?? config.clientTimeout;
  if (clientTimeout !== undefined && clientCmd === undefined) throw new KitError('USAGE', '--client-timeout needs --client-cmd', "add --client-cmd '<command line>', or drop --client-timeout");
  kind.check(choice);
  // Passwords sent to a URL may be real ones: only the embedded simulator's may be printed.
  if (flags.showTestPasswords && !kind.testPasswordsOnly) throw new KitError('USAGE', '--show-test-passwords works against the embedded simulator only', 'drop it: against a URL target, passwords are described (length and kinds of character) and the replay key regenerates them');
  const failOn = (flags.failOn ?? config.failOn ?? 'must') as RunPlan['failOn'];
  if (!['must', 'should', 'none'].includes(failOn)) throw new KitError('USAGE', `--fail-on "${failOn}" is not known`, 'use must, should or none');
  const formats = flags.format !== undefined ? parseFormatList(flags.format, REPORT_FORMATS) : config.formats !== undefined ? parseFormatList(config.formats, REPORT_FORMATS, 'formats in the config file') : [...REPORT_FORMATS];
  // Flag checks that need no spec come first: a usage error answers before the specs load.
  const seed = flags.seed !== undefined ? parseSeed(flags.seed, '--seed') : config.seed !== undefined ? parseSeed(config.seed, 'seed in the config file', 'set seed to a whole number, e.g. seed: 42, or remove it for a random seed') : random();
  const runs = int('runs', flags.runs ?? config.runs, 1) ?? 1;
  const rules = flags.rules ? flags.rules.split(',').map((r) => r.trim()).filter(Boolean) : config.rules ?? [];
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

  const planned = kind.plan(choice, documented);
  const expectedFile = flags.expectedFailures ?? config.expectedFailures;
  return {
    settings: { target: planned.settings, services: services as RunSettings['services'], seed, runs, rules, credentials: planned.credentials },
    contracts: documented,
    target: planned.info,
    // A module path is stored absolute, so `replay` finds the adapter from any directory.
    invocation: { target: targetFlag, stateUrl, client: client && !isAbsolute(client) && /[\\/]|^\.|\.[cm]?[jt]s$/.test(client) ? resolve(client) : client, variants, faults: choice.faults, services, rules, failOn, ...(maxSkip !== undefined ? { maxSkip } : {}), ...(requireRules ? { requireRules } : {}) },
    reportDir: flags.reportDir ?? config.reportDir ?? 'conformance-report',
    formats,
    expectedFailures: expectedFile ? loadExpectedFailures(expectedFile) : [],
    failOn,
    shard: flags.shard,
    shardInfo: flags.shard ? { index: shardIndex!, count: shardCount! } : undefined,
    live: planned.live ? { dryRun: flags.dryRun ?? false, restoreWaitMs: (config.restoreWaitSeconds ?? 360) * 1000 } : undefined,
    clientCmd: clientCmd !== undefined ? { command: clientCmd, timeoutMs: (int('client-timeout', clientTimeout, 1) ?? 10) * 1000 } : undefined,
  };
}

/** What `--client-cmd` asks for (part of the run plan). */
export interface ClientCmdPlan {
  command: string;
  /** Per-case answer timeout. */
  timeoutMs: number;
}
