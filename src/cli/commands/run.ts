/** `conformance run`: the main job — every rule of the selected services against one target. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { KitError } from '../../errors/kit-error.ts';
import type { RunFlags } from '../../runner/run-plan.ts';
import type { LivePlan } from '../../runner/live-plan.ts';
import { EXIT } from '../../runner/exit-codes.ts';
import { capSuiteWorkerHeap } from '../../runner/worker-heap.ts';
import { SHOW_TEST_PASSWORDS_ENV } from '../../report/sent-secrets.ts';

/** The run's machinery (vitest, the simulator, reporters), imported once the plan is valid. */
async function runModules() {
  const [execute, output, live, livePlan, reporters] = await Promise.all([import('../../runner/execute-run.ts'), import('../terminal-output.ts'), import('../../runner/execute-live.ts'), import('../../runner/live-plan.ts'), import('../../../reporters/index.ts')]);
  return { ...execute, ...output, ...live, ...livePlan, writeReports: reporters.writeReports };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Builds the `run` subcommand. */
export function runCommand(): Command {
  return new Command('run')
    .description('Run the conformance suites against a target and write the reports (default: both services, embedded simulator).')
    .option('--service <name>', 'bcc, dcs or all', undefined)
    .option('--target <simulator|url>', 'the embedded simulator (default) or a base URL')
    .option('--state-url <url>', 'state-protocol endpoint of a URL target (enables setup, clock, inspect)')
    .option('--client <adapter>', 'judge a client SDK: a builtin adapter (baidu-send-request, baidu-unimplemented, huawei-core), a module path, or faulty:<name>, a faulty client of the kit (see `conformance list-rules --faults`)')
    .option('--client-cmd <command line>', 'judge a client program in any language, spoken to in JSON lines on stdin/stdout (docs/client-protocol.md)')
    .option('--client-timeout <s>', 'with --client-cmd: seconds a case may take before the client is restarted (default 10)')
    .option('--seed <n>', 'seed of the generated cases (default random, printed)')
    .option('--runs <n>', 'scale the number of generated cases (default 1)')
    .option('--rules <globs>', 'comma-separated rule id globs, e.g. "DCS-LOCK-*,BCC-PWD-*"')
    .option('--report-dir <dir>', 'where the reports go (default conformance-report)')
    .option('--format <list>', 'any of json,junit,md,html (default all)')
    .option('--expected-failures <file>', 'JSON list of known failures per target (rule, target, reason, expires)')
    .addOption(new Option('--fail-on <level>', 'which failures make the exit status 1').choices(['must', 'should', 'none']))
    .option('--variant <AMBIGUITY=reading>', 'embedded simulator or client target: follow another reading (repeatable)', collect, [])
    .option('--fault <name>', 'plant a fault in the embedded simulator, to see a rule fail (repeatable; see `conformance list-rules --faults`)', collect, [])
    .option('--profile <name>', 'embedded simulator: default, or alternate (other allowed choices where the documents are silent)')
    .option('--dry-run', 'live runs: print the plan (rules, requests, instances, lockout) and change nothing')
    .option('--max-requests <n>', 'live runs: request budget (default 500)')
    .option('--rate <n>', 'live runs: requests per second (default 3; 0 = no limit)')
    .option('--allow-lockout', 'live runs: run lockout checks on fixtures that allow it')
    .option('--live', 'apply the live guard rails to a loopback target too (rehearse a live run locally)')
    .option('--checks-in-flight <n>', "URL target whose server offers isolated sessions: checks a worker has in flight at once (default 4; 1 = one at a time, e.g. to debug the server)")
    .option('--shard <i/n>', 'run one shard of the suite files (merge the reports with `conformance merge`)')
    .option('--max-skip <n|n%>', 'CI gate: exit 1 when more rules than this (a number, or a share such as 10%) are skipped or not run')
    .option('--require-rules <globs>', 'CI gate: exit 1 unless every rule matching these comma-separated globs was judged, e.g. "DCS-LOCK-*"')
    .option('--config <file>', 'config file (default ./conformance.config.ts if present)')
    .option('--show-test-passwords', 'embedded simulator only: quote the test passwords in reports instead of describing them')
    .option('--quiet', 'print only the failing rules, the verdict and the report paths (no progress, no table)')
    .option('--verbose', 'print a progress line for every rule and the table\'s reasons uncut')
    .addHelpText('after', `
Exit status: 0 conformant, 1 not conformant (per --fail-on, or a CI gate not met), 2 usage or configuration error
(also: no rule selected, a state endpoint that does not speak the protocol, a --client-cmd that does not start or
says no valid hello), 3 target or state endpoint unreachable (or 5xx; also a client program that printed garbage,
did not answer or exited during the run), 130 interrupted (Ctrl-C; a partial report is written, rules that did
not finish are "not-run").

Examples:
  $ npx conformance run                                   # both services, embedded simulator
  $ npx conformance run --service dcs --rules 'DCS-LOCK-*' --seed 42
  $ npx conformance run --target http://127.0.0.1:8080 --state-url http://127.0.0.1:8080/__conformance/state
  $ npx conformance run --client huawei-core --service dcs
  $ npx conformance run --client ./examples/faulty-plaintext-adapter.ts --service bcc
  $ npx conformance run --client faulty:dcs-camel-case-fields --service dcs
  $ npx conformance run --client-cmd 'python3 examples/python/change_password.py'
  $ npx conformance run --client-cmd 'java examples/java/ChangePassword.java'
  $ npx conformance run --variant DCS-A1=locked-on-fifth --format json,md --report-dir out
  $ npx conformance run --expected-failures known-failures.json --fail-on should
  $ npx conformance run --target http://127.0.0.1:8080 --max-skip 10% --require-rules 'DCS-LOCK-*'
  $ npx conformance run --service dcs --format json --report-dir - > report.json   # JSON to stdout, the rest to stderr
Credentials for URL targets come from the environment (BCE_ACCESS_KEY_ID/BCE_SECRET_ACCESS_KEY,
CLOUD_SDK_AK/CLOUD_SDK_SK/CLOUD_SDK_PROJECT_ID) or conformance.config.ts, never from flags.`)
    .action(async (allOpts: RunFlags & { variant: string[]; fault: string[]; config?: string; quiet?: boolean; verbose?: boolean; showTestPasswords?: boolean }) => {
      const { showTestPasswords, ...opts } = allOpts;
      const [{ loadConfig }, { parseVariantFlags }, { resolvePlan }] = await Promise.all([import('../../config/load-config.ts'), import('../../contract/load-spec.ts'), import('../../runner/run-plan.ts')]);
      const { config } = await loadConfig(opts.config);
      if (opts.quiet && opts.verbose) throw new KitError('USAGE', '--quiet and --verbose contradict each other', 'pick one of them');
      // `--report-dir -`: the JSON report is the only thing on stdout; everything else goes to stderr.
      const toStdout = (opts.reportDir ?? config.reportDir) === '-';
      const plan = resolvePlan({ ...opts, showTestPasswords, variant: parseVariantFlags(opts.variant) }, config);
      // This process exists to run the suites: it caps the heap of the workers it creates (worker-heap.ts).
      capSuiteWorkerHeap(plan.settings.runs);
      // The formats as the plan read them (`--format JSON` is json, as in `merge`).
      if (toStdout && plan.formats.join(',') !== 'json') throw new KitError('USAGE', '--report-dir - writes one JSON report to stdout', 'add --format json (other formats need a directory: --report-dir <dir>)');
      const scratch = toStdout ? mkdtempSync(join(tmpdir(), 'conformance-stdout-')) : undefined;
      if (scratch) Object.assign(plan, { reportDir: scratch, reportToStdout: true });
      // The plan refused --show-test-passwords unless the target's kind sees test passwords only.
      if (showTestPasswords) process.env[SHOW_TEST_PASSWORDS_ENV] = '1'; // read by the suite workers, which inherit the environment
      const out = toStdout ? process.stderr : process.stdout;
      const detail = opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal';
      const { executeLive, executeRun, renderPlan, progressLine, renderSummary, writeReports } = await runModules();
      const total = plan.contracts.reduce((n, c) => n + c.baseFacts.rules.length, 0);
      // The handler comes before the first line: a Ctrl-C from then on ends with a partial report
      // (a dry run changes nothing, and ends at once on Ctrl-C as before).
      const abort = new AbortController();
      const onSigint = (): void => {
        process.stderr.write('\ninterrupted: finishing the current checks and writing a partial report…\n');
        abort.abort();
      };
      if (!plan.live?.dryRun) process.once('SIGINT', onSigint);
      try {
        if (!opts.quiet) out.write(`conformance run: target ${plan.target.name}, services ${plan.settings.services.join(', ')}, seed ${plan.settings.seed}, runs ${plan.settings.runs}\n`);
        const printPlan = (p: LivePlan): void => void out.write(renderPlan(p, plan.target.name));
        if (plan.live?.dryRun) {
          const dry = await executeLive(plan, { onPlan: printPlan });
          if (dry.unreachable) {
            process.stderr.write(`${dry.unreachable}\n`);
            process.exitCode = EXIT.unreachable;
            return;
          }
          out.write('dry run: nothing was changed (only the probe and status reads above were sent).\n');
          process.exitCode = EXIT.conformant;
          return;
        }
        const { report, exitCode, files, warning } = await executeRun(plan, { onProgress: opts.quiet ? undefined : progressLine(process.stderr, total, opts.verbose), signal: abort.signal, onPlan: printPlan, writeReports });
        out.write(renderSummary(report, out, files, detail));
        if (scratch) process.stdout.write(readFileSync(join(scratch, 'conformance-report.json'), 'utf8'));
        else out.write(`reports: ${files.join(', ')}\n`);
        for (const r of report.restorations) out.write(`restore ${r.instance}: ${r.restored ? 'ok' : 'FAILED'} — ${r.detail}\n`);
        if (warning) process.stderr.write(`\n${warning}\n`);
        process.exitCode = exitCode;
      } finally {
        process.off('SIGINT', onSigint);
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      }
    });
}
