/**
 * The README's commands around a served simulator (CI gates, the client report, pact export,
 * the live-mode rehearsal) and the list-rules commands its prose names, run as written (see
 * readme-run.test.ts). The only change to a command: `serve --port 8080` listens on a free port
 * (a shared machine), and `$URL` is a served simulator.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, serve } from '../cli/cli-harness.ts';
import { conformanceArgs, readmeBlock, readmeCommand, shellWords } from './readme-lines.ts';
import { SERVE_ENV, conformance, judge, removeWorkDirs, serveIn, workDir } from './readme-run-harness.ts';

afterAll(removeWorkDirs);

describe('README.md: a served simulator', { timeout: 300_000 }, () => {
  it('the CI gates against a target with no state URL: `--max-skip 10%` and `--require-rules` exit 1', async () => {
    const server = await serve(['--no-state-endpoint']);
    try {
      for (const marker of ['--max-skip 10%', "--require-rules 'DCS-LOCK-*'"]) {
        const command = readmeCommand('README.md', marker);
        const cwd = workDir();
        const r = await conformance(conformanceArgs(command).map((a) => (a === '$URL' ? server.url : a)), cwd, SERVE_ENV);
        judge(command, r);
        expect(r.stdout + r.stderr).toMatch(marker.startsWith('--max-skip') ? /max-skip/i : /DCS-LOCK-/);
      }
    } finally {
      await server.stop();
    }
  });

  it('`serve --client-report out/`, then the curl: the client report is written to out/', async () => {
    const command = readmeCommand('README.md', '--client-report out/');
    const curl = readmeCommand('README.md', 'curl -sX POST');
    const cwd = workDir();
    const args = conformanceArgs(command);
    const port = args.indexOf('--port');
    const server = await serveIn(cwd, [...args.slice(0, port), ...args.slice(port + 2)]);
    try {
      const url = new URL(curl.argv.find((a) => a.startsWith('http'))!);
      const answer = await fetch(`${server.url}${url.pathname}`, { method: 'POST', body: curl.argv[curl.argv.indexOf('-d') + 1] });
      expect(answer.status).toBe(200);
      expect(readdirSync(join(cwd, 'out')).filter((f) => f.startsWith('conformance-report')).length).toBeGreaterThanOrEqual(4);
    } finally {
      await server.stop();
    }
  });

  it('`pact export` writes both pacts under conformance-report/pacts, as its comment says', async () => {
    const command = readmeCommand('README.md', 'npx conformance pact export');
    const cwd = workDir();
    const r = await conformance(conformanceArgs(command), cwd, { PACT_DO_NOT_TRACK: 'true' });
    judge(command, r);
    expect(readdirSync(join(cwd, 'conformance-report/pacts')).sort()).toEqual(['pwchange-conformance-baidu-bcc.json', 'pwchange-conformance-huawei-dcs.json']);
    expect(command.comment).toContain('conformance-report/pacts/pwchange-conformance-{baidu-bcc,huawei-dcs}.json');
  });
});

describe('README.md: the live-mode rehearsal', { timeout: 300_000 }, () => {
  it('the fixtures file and config it shows, its environment, `serve --live-like`, then `run --live --dry-run`: the plan, exit 0, nothing changed', async () => {
    const cwd = workDir();
    writeFileSync(join(cwd, 'fixtures.json'), readmeBlock('README.md', 'json', '`fixtures.json` is what the simulator holds'));
    writeFileSync(join(cwd, 'conformance.config.ts'), readmeBlock('README.md', 'ts', '`conformance.config.ts` names that instance'));
    const [exportWord, ...assignments] = shellWords(readmeCommand('README.md', 'export CLOUD_SDK_AK=').text);
    expect(exportWord).toBe('export');
    const env = Object.fromEntries(assignments.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
    const serveCommand = readmeCommand('README.md', '--live-like --instances fixtures.json');
    const server = await serveIn(cwd, conformanceArgs(serveCommand));
    try {
      const command = readmeCommand('README.md', '--live --dry-run');
      // The README's port 8080 is the served simulator's port here (a shared machine).
      const r = await conformance(conformanceArgs(command).map((a) => a.replace('http://127.0.0.1:8080', server.url)), cwd, env);
      judge(command, r);
      expect(r.stdout).toContain('LIVE RUN PLAN');
      expect(r.stdout).toContain('dcs:proj-live/dcs-live-1 (RUNNING');
      expect(r.stdout).toMatch(/dry run: nothing was changed/);
      // The secret and the fixture's password never reach the output.
      expect(r.stdout + r.stderr).not.toContain(env.CLOUD_SDK_SK);
      expect(r.stdout + r.stderr).not.toContain(env.LIVE_DCS_PASSWORD);
    } finally {
      await server.stop();
    }
  });
});

describe('README.md: the list-rules commands named in its prose', () => {
  const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
  it.each([
    ['npx conformance list-rules', /^BCC-PWD-LENGTH\s+MUST/m],
    // Each rule with what makes it fail and the flags that show it, and the count the README's text implies (every rule).
    ['npx conformance list-rules --faults', /^BCC-PWD-SYMBOLS\s+MUST\s+\d+ faults?\n\s+planted-fault\s+accept-ampersand: [\s\S]*^\s+npx conformance run --fault lock-after-4 --rules DCS-LOCK-THRESHOLD$[\s\S]*^(\d+) of \1 rules shown able to fail$/m],
    ['npx conformance list-rules --ambiguities', /^DCS-A1\s/m],
  ])('`%s` exits 0 and lists what the text refers to', async (text, listed) => {
    expect(README).toContain(`\`${text}\``);
    const r = await conformance(shellWords(text).slice(2), workDir());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(listed);
    if (text.endsWith('--ambiguities')) expect(r.stdout).not.toMatch(/^DCS-PWD-LENGTH/m);
  });
});
