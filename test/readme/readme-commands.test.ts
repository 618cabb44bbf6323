/**
 * Every shell command in README.md and examples/README.md is accounted for: run by a named test
 * (which takes its words from the README through readme-lines.ts and checks the exit status and
 * rules the text states), or marked as needing what this machine has not (a real cloud account,
 * a Pact Broker, the user's own file) or as too long for `npm test` — and then checked for
 * syntax only. Every `npx conformance …` command also parses: each is fed to the CLI's own
 * program (every subcommand loaded) with the actions replaced by a recorder, so unknown flags,
 * missing arguments and bad choices fail here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { ROOT } from '../cli/cli-harness.ts';
import { readmeCommands, type ReadmeCommand } from './readme-lines.ts';

/** Where each command runs: a test file that calls `readmeCommand(file, marker)`, or why it cannot run here. */
type Disposition = { runBy: string } | { syntaxOnly: string };
// The README run tests, split over three files so that both vitest workers share them.
const RUN_HERE = 'test/readme/readme-run.test.ts';
const RUN_SERVED = 'test/readme/readme-run-served.test.ts';
const RUN_CLIENTS = 'test/readme/readme-run-clients.test.ts';
const COMMANDS: Array<[file: string, marker: string, how: Disposition]> = [
  ['README.md', 'npm ci', { syntaxOnly: 'sets up the checkout: .ci/run does it before the tests' }],
  ['README.md', 'the main job', { runBy: 'test/cli/run-default.test.ts' }],
  ['README.md', 'embedded simulator (default)', { runBy: 'test/cli/run-default.test.ts' }],
  ['README.md', 'npm install --save-dev pwchange-conformance', { runBy: 'test/package/pack-install.test.ts' }],
  ['README.md', 'npx conformance --version', { runBy: 'test/package/pack-install.test.ts' }],
  ['README.md', 'npx conformance run --service dcs', { runBy: RUN_HERE }],
  ['README.md', 'https://emulator.example', { syntaxOnly: 'a third-party emulator at the user\'s address' }],
  ['README.md', 'https://bcc.bj.baidubce.com', { syntaxOnly: 'needs a real Baidu Cloud account' }],
  ['README.md', 'judge an SDK', { runBy: RUN_CLIENTS }],
  ['README.md', './my-adapter.ts', { syntaxOnly: 'the user\'s own adapter (the shipped template runs from examples/README.md)' }],
  ['README.md', 'my_client.py', { syntaxOnly: 'the user\'s own program (the shipped Python and Java examples run below)' }],
  ['README.md', '--fault lock-never-expires', { runBy: RUN_HERE }],
  ['README.md', 'npx conformance replay', { runBy: RUN_HERE }],
  ['README.md', '--report-dir - > report.json', { runBy: RUN_HERE }],
  ['README.md', '--shard 1/2', { runBy: RUN_HERE }],
  ['README.md', '--shard 2/2', { runBy: RUN_HERE }],
  ['README.md', 'npx conformance merge', { runBy: RUN_HERE }],
  ['README.md', '--max-skip 10%', { runBy: RUN_SERVED }],
  ['README.md', "--require-rules 'DCS-LOCK-*'", { runBy: RUN_SERVED }],
  ['README.md', '--fault lock-after-4', { runBy: 'test/readme/readme-drifts.test.ts' }],
  ['README.md', '--fault accept-ampersand', { runBy: 'test/readme/readme-drifts.test.ts' }],
  ['README.md', 'export CLOUD_SDK_AK=', { runBy: RUN_SERVED }],
  ['README.md', '--live-like --instances fixtures.json', { runBy: RUN_SERVED }],
  ['README.md', '--live --dry-run', { runBy: RUN_SERVED }],
  ['README.md', 'npx conformance run --profile alternate', { runBy: 'test/cli/alternate-profile.test.ts' }],
  ['README.md', 'python3 examples/python/change_password.py', { runBy: 'test/cli/client-cmd.test.ts' }],
  ['README.md', 'python3 examples/python/change_password_faulty.py', { runBy: 'test/cli/client-cmd.test.ts' }],
  ['README.md', 'java examples/java/ChangePassword.java', { runBy: 'test/cli/client-cmd.test.ts' }],
  ['README.md', 'java -Dfault=canonical-uri-without-slash', { runBy: 'test/cli/client-cmd.test.ts' }],
  ['README.md', '--client-report out/', { runBy: RUN_SERVED }],
  ['README.md', 'curl -sX POST', { runBy: RUN_SERVED }],
  ['README.md', 'npx conformance pact export', { runBy: RUN_SERVED }],
  ['README.md', 'pact-broker publish', { syntaxOnly: 'needs a Pact Broker' }],
  ['README.md', '--broker-url', { syntaxOnly: 'needs a Pact Broker (test/pact/broker.test.ts runs it against a fake one)' }],
  ['README.md', 'pact-broker can-i-deploy', { syntaxOnly: 'needs a Pact Broker' }],
  ['README.md', 'npm run mutation', { syntaxOnly: 'about half an hour: a scheduled CI job, not npm test' }],
  ['README.md', 'STRYKER_CONCURRENCY=1 npm run mutation', { syntaxOnly: 'about half an hour: a scheduled CI job, not npm test' }],
  ['README.md', 'faulty:dcs-camel-case-fields', { runBy: RUN_CLIENTS }],
  ['README.md', 'node mutation/summary.mjs', { runBy: RUN_CLIENTS }],
  ['README.md', 'progress.jsonl', { syntaxOnly: 'reads the progress log of a mutation run while it is going (the log is not committed)' }],
  ['README.md', 'node mutation/instrument.mjs', { runBy: RUN_CLIENTS }],
  ['README.md', 'npx stryker run --force', { syntaxOnly: 'about half an hour: a scheduled CI job, not npm test' }],
  ['examples/README.md', 'a module path', { runBy: RUN_CLIENTS }],
  ['examples/README.md', 'faulty-plaintext-adapter.ts', { runBy: 'test/readme/readme-drifts.test.ts' }],
  ['examples/README.md', 'or a builtin adapter', { runBy: RUN_CLIENTS }],
];

/**
 * The entries for a command: a marker that is some command's whole text matches that command
 * only; any other marker matches the commands whose text or comment contains it (as readmeCommand).
 */
function entryOf(c: ReadmeCommand): Array<(typeof COMMANDS)[number]> {
  const all = readmeCommands(c.file);
  return COMMANDS.filter(([file, marker]) => file === c.file && (all.some((x) => x.text === marker) ? c.text === marker : `${c.text}  # ${c.comment}`.includes(marker)));
}

describe.each(['README.md', 'examples/README.md'])('%s: every shell command is run by a test or marked', (file) => {
  it.each(readmeCommands(file).map((c) => [`${c.line}: ${c.text}`, c] as const))('%s', (_, c) => {
    const entries = entryOf(c);
    expect(entries.map(([, m]) => m), `${file}:${c.line} needs exactly one entry in COMMANDS`).toHaveLength(1);
    const [, marker, how] = entries[0]!;
    if ('runBy' in how) {
      const source = readFileSync(join(ROOT, how.runBy), 'utf8');
      expect(source, `${how.runBy} should run it through readmeCommand('${file}', …)`).toContain(`readmeCommand('${file}'`);
      expect([`'${marker}'`, `"${marker}"`].some((literal) => source.includes(literal)), `${how.runBy} names the marker ${marker}`).toBe(true);
    } else {
      expect(how.syntaxOnly.length).toBeGreaterThan(10);
    }
  });

  it('has no entry left without its command', () => {
    const commands = readmeCommands(file);
    for (const [f, marker] of COMMANDS.filter(([f]) => f === file)) {
      expect(commands.filter((c) => entryOf(c).some(([ff, m]) => ff === f && m === marker)).length, `${f}: "${marker}"`).toBeGreaterThan(0);
    }
  });
});

/** The shell commands of a Markdown file's sh blocks that start with `npx conformance`, continuations joined. */
function commandsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const blocks = [...text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\\\n\s*/g, ' '));
  return blocks.flatMap((b) => b.split('\n')).map((l) => l.trim()).filter((l) => l.startsWith('npx conformance'));
}

/** Splits a command line into argv words: quotes honoured, `# comment`, `&`, redirections and pipes cut. */
function words(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3]!;
    if (m[3] !== undefined && (word === '#' || word.startsWith('#') || word === '&' || word === '|' || word === '>' || word === '&&')) break;
    out.push(word);
  }
  return out;
}

/** Replaces every action so parsing checks the syntax and records which command would run. */
function recordActions(command: Command, ran: string[], path = ''): void {
  for (const sub of command.commands) {
    const name = `${path}${sub.name()}`;
    sub.action(() => void ran.push(name));
    recordActions(sub, ran, `${name} `);
  }
}

const files = ['README.md', 'examples/README.md'];

describe.each(files)('%s: every npx conformance command parses', (file) => {
  const commands = commandsOf(file);
  it('has commands to check', () => {
    expect(commands.length).toBeGreaterThan(file === 'README.md' ? 10 : 1);
  });
  it.each(commands)('%s', async (line) => {
    const program = await buildProgram();
    const ran: string[] = [];
    recordActions(program, ran);
    program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
    const argv = words(line).slice(2);
    try {
      await program.parseAsync(['node', 'conformance', ...argv]);
    } catch (error) {
      // --version and --help end parsing with exit code 0; anything else is a syntax error.
      if ((error as { exitCode?: number }).exitCode === 0 && argv[0]?.startsWith('-')) return;
      throw error;
    }
    expect(ran, `${line} ran no subcommand`).toHaveLength(1);
    expect(ran[0]!.split(' ')[0]).toBe(argv[0]);
  });
});
