#!/usr/bin/env node
/**
 * The GitHub Action's one step (action.yml): turns the INPUT_* variables into `conformance run`
 * flags, runs the kit, appends the Markdown report to $GITHUB_STEP_SUMMARY, writes `verdict`
 * and `report` to $GITHUB_OUTPUT, and exits with the kit's exit status (so the step fails on
 * anything but 0). Inputs are passed as separate argv entries, never through a shell.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const kitRoot = resolve(process.env.CONFORMANCE_ACTION_PATH ?? resolve(import.meta.dirname, '..'));
const kit = resolve(kitRoot, 'bin/conformance.js');
// The action installs the kit without its devDependencies, so without the TypeScript that compiles
// a checkout's build (bin/conformance.js): it runs the sources through tsx, as it always did, and
// says nothing about it on stderr. Where TypeScript is there (a restored node_modules), the build.
const env = existsSync(resolve(kitRoot, 'node_modules/typescript/package.json')) ? process.env : { CONFORMANCE_FROM_SOURCE: '1', ...process.env };
const input = (name) => (process.env[`INPUT_${name}`] ?? '').trim();
const reportDir = resolve(input('REPORT_DIR') || 'conformance-report');

const args = ['run', '--report-dir', reportDir, '--format', 'json,junit,md,html'];
for (const [flag, name] of [['--service', 'SERVICE'], ['--target', 'TARGET'], ['--state-url', 'STATE_URL'], ['--client', 'CLIENT'], ['--rules', 'RULES'], ['--seed', 'SEED'], ['--runs', 'RUNS'], ['--fail-on', 'FAIL_ON'], ['--max-skip', 'MAX_SKIP']]) {
  if (input(name) !== '') args.push(flag, input(name));
}

process.stdout.write(`conformance ${args.join(' ')}\n`);
const result = spawnSync(process.execPath, [kit, ...args], { stdio: 'inherit', env });
const status = result.status ?? (result.signal === 'SIGINT' ? 130 : 1);
const VERDICTS = { 0: 'conformant', 1: 'not-conformant', 2: 'usage-error', 3: 'unreachable', 130: 'interrupted' };
const verdict = VERDICTS[status] ?? 'error';
const json = resolve(reportDir, 'conformance-report.json');
const markdown = resolve(reportDir, 'conformance-report.md');

if (process.env.GITHUB_STEP_SUMMARY) {
  const body = existsSync(markdown) && status !== 2 ? readFileSync(markdown, 'utf8') : `## Conformance: ${verdict}\n\nThe kit exited ${status} before writing a report; see the step log for the message.\n`;
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${body}\n`);
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `verdict=${verdict}\nreport=${existsSync(json) && status !== 2 ? json : ''}\n`);
process.stdout.write(`verdict: ${verdict} (exit ${status})\n`);
process.exit(status);
