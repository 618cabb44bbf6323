/**
 * Runs rules in this process the way `conformance run` does (resolvePlan → runSuites →
 * reportOfPlan), loading only the suite files that hold the selected rules: the fault
 * catalogue's tests plant dozens of faults, and a CLI process per fault costs seconds each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePlan, type RunFlags } from '../../src/runner/run-plan.ts';
import { KIT_ROOT, openSuiteSession, type SuiteSession } from '../../src/runner/run-suites.ts';
import { reportOfPlan } from '../../src/runner/plan-report.ts';
import { ruleSelected } from '../../src/contract/rule-globs.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';
import type { ConformanceConfig } from '../../src/config/define-config.ts';

const SERVICES = ['bcc', 'dcs'] as const;

/** Every suite file of `services` (relative to the kit's root), as `conformance run` loads them. */
function serviceSuiteFiles(services: readonly string[]): string[] {
  return services.flatMap((s) => readdirSync(join(KIT_ROOT, 'suites', s)).filter((f) => f.endsWith('.test.ts')).map((f) => `suites/${s}/${f}`));
}

/**
 * The suite files (relative to the kit's root) whose text names one of `rules` as a quoted id;
 * a glob (`DCS-LOCK-*`) chooses every file naming a quoted id it matches, as `--rules` does.
 */
export function suiteFilesFor(rules: readonly string[]): string[] {
  const files = serviceSuiteFiles(SERVICES);
  const chosen = files.filter((f) => {
    const text = readFileSync(join(KIT_ROOT, f), 'utf8');
    const ids = [...text.matchAll(/'((?:BCC|DCS)-[A-Z0-9-]+)'/g)].map((m) => m[1]!);
    return rules.some((r) => (r.includes('*') ? ids.some((id) => ruleSelected(id, [r])) : text.includes(`'${r}'`)));
  });
  if (chosen.length === 0) throw new Error(`no suite file names any of ${rules.join(', ')}; a rule registered under a computed id needs its file listed here`);
  return chosen;
}

/**
 * Runs `flags` (as `conformance run` would take them) through `session`; resolves with the report.
 * Without `rules`, every suite file of the selected services runs (a whole run).
 * `config` stands for conformance.config.ts, e.g. the credentials of a URL target (the CLI's
 * environment variables, which a test cannot set for the session's workers alone).
 */
export async function runInProcess(session: SuiteSession, flags: RunFlags, config: ConformanceConfig = {}): Promise<ConformanceReport> {
  const plan = resolvePlan({ format: 'json', ...flags }, config);
  const startedAt = new Date();
  const files = flags.rules ? suiteFilesFor(flags.rules.split(',')) : serviceSuiteFiles(plan.settings.services);
  const run = await session.run(plan.settings, files);
  if (run.loadErrors.length > 0) throw new Error(`suite files failed to load: ${run.loadErrors.join('; ')}`);
  return reportOfPlan(plan, run.outcomes, { startedAt, runStatus: 'complete', faults: [], toolVersion: 'test' });
}

/**
 * Opens the session the runs share (one vitest instance; close it in afterAll). `flags` name the
 * kind of target its runs use: the worker count follows it as in `conformance run` (a URL or
 * client target is shared by the workers, so those keep vitest's default). `options.maxWorkers`
 * caps the session's workers (see openSuiteSession).
 */
export function openSession(flags: RunFlags = {}, config: ConformanceConfig = {}, options: { maxWorkers?: number } = {}): Promise<SuiteSession> {
  return openSuiteSession(resolvePlan({ format: 'json', ...flags }, config).settings, options);
}
