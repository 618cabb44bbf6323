/**
 * The GitHub Action (action.yml) run locally the way a runner runs a composite action: each
 * step's `run` through bash, with `${{ inputs.* }}` (defaults filled in) and
 * `${{ github.action_path }}` substituted, temporary GITHUB_STEP_SUMMARY and GITHUB_OUTPUT files,
 * and the step's exit status deciding whether the job goes on.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-harness.ts';

interface Step { name: string; id?: string; shell: string; run: string; env?: Record<string, string>; 'working-directory'?: string }
interface Action { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const workspaces: string[] = [];
afterEach(() => {
  for (const dir of workspaces.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Substitutes the expressions a composite step may use. */
function expand(text: string, inputs: Record<string, string>, steps: Record<string, Record<string, string>>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return ROOT;
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      if (!(input[1]! in action.inputs)) throw new Error(`action.yml uses undeclared input ${input[1]}`);
      return inputs[input[1]!] ?? action.inputs[input[1]!]!.default ?? '';
    }
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output) return steps[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`unsupported expression in action.yml: ${expr}`);
  });
}

/** Runs the action's steps in a fresh workspace; stops at the first failing step, as a runner does. */
async function runAction(inputs: Record<string, string>, jobEnv: Record<string, string> = {}): Promise<{ failedStep?: string; status: number; outputs: Record<string, string>; summary: string; log: string; workspace: string }> {
  const workspace = mkdtempSync(join(tmpdir(), 'conformance-action-'));
  workspaces.push(workspace);
  const summaryFile = join(workspace, '..', `${workspace.split('/').pop()}-summary.md`);
  writeFileSync(summaryFile, '');
  const steps: Record<string, Record<string, string>> = {};
  let log = '';
  for (const step of action.runs.steps) {
    expect(step.shell).toBe('bash');
    const outputFile = join(workspace, `.github-output-${step.id ?? 'x'}`);
    writeFileSync(outputFile, '');
    const env: Record<string, string | undefined> = { ...process.env, ...jobEnv, NO_COLOR: '1', GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile, GITHUB_WORKSPACE: workspace };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, steps);
    const cwd = step['working-directory'] ? expand(step['working-directory'], inputs, steps) : workspace;
    const status = await new Promise<number>((done) => {
      const child = spawn('bash', ['-e', '-c', expand(step.run, inputs, steps)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      child.on('close', (code) => done(code ?? 1));
    });
    if (step.id) steps[step.id] = Object.fromEntries(readFileSync(outputFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    if (status !== 0) {
      const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, expand(o.value, inputs, steps)]));
      const summary = readFileSync(summaryFile, 'utf8');
      rmSync(summaryFile);
      return { failedStep: step.name, status, outputs, summary, log, workspace };
    }
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, o]) => [k, expand(o.value, inputs, steps)]));
  const summary = readFileSync(summaryFile, 'utf8');
  rmSync(summaryFile);
  return { status: 0, outputs, summary, log, workspace };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('action.yml (composite)', () => {
  it('declares the inputs and outputs CI needs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['service', 'target', 'state-url', 'client', 'seed', 'runs', 'fail-on', 'max-skip', 'report-dir']));
    expect(Object.keys(action.outputs).sort()).toEqual(['report', 'verdict']);
  });

  it('a conformant target: step passes, verdict conformant, the Markdown report in the job summary, the report path as output', async () => {
    const r = await runAction({ service: 'dcs', rules: 'DCS-PWD-*', seed: '4', 'report-dir': 'reports/conformance' });
    expect(r.failedStep, r.log).toBeUndefined();
    expect(r.outputs.verdict).toBe('conformant');
    expect(r.outputs.report).toBe(join(r.workspace, 'reports/conformance/conformance-report.json'));
    const report = JSON.parse(readFileSync(r.outputs.report!, 'utf8')) as { summary: { conformant: boolean }; rules: Array<{ id: string }> };
    expect(report.summary.conformant).toBe(true);
    expect(report.rules.every((x) => x.id.startsWith('DCS-PWD-'))).toBe(true);
    expect(r.summary).toBe(`${readFileSync(join(r.workspace, 'reports/conformance/conformance-report.md'), 'utf8')}\n`);
    expect(r.summary).toMatch(/DCS-PWD-LENGTH/);
  }, 180_000);

  it('an unreachable target fails the step with exit 3 and verdict unreachable; the summary says so', async () => {
    const port = await closedPort();
    // Credentials come from the job's environment (secrets), never from an input.
    const r = await runAction({ service: 'dcs', target: `http://127.0.0.1:${port}`, 'state-url': `http://127.0.0.1:${port}/__conformance/state` }, { CLOUD_SDK_AK: 'AK', CLOUD_SDK_SK: 'SK-with-sixteen-chars', CLOUD_SDK_PROJECT_ID: 'p1' });
    expect(r.failedStep).toBe('Run the conformance kit');
    expect(r.status).toBe(3);
    expect(r.outputs.verdict).toBe('unreachable');
    expect(r.summary).not.toBe('');
    expect(r.summary).not.toMatch(/CONFORMANT \(/);
  }, 180_000);

  it('a bad input fails the step with exit 2 (usage-error), no report path, and a summary pointing at the log', async () => {
    const r = await runAction({ 'fail-on': 'sometimes' });
    expect(r.status).toBe(2);
    expect(r.outputs.verdict).toBe('usage-error');
    expect(r.outputs.report).toBe('');
    expect(r.summary).toMatch(/exited 2 before writing a report/);
    expect(r.log).toMatch(/fail-on/);
    expect(existsSync(join(r.workspace, 'conformance-report/conformance-report.json'))).toBe(false);
  }, 60_000);
});
