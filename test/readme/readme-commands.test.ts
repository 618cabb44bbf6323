/**
 * Every `npx conformance …` command in README.md and examples/README.md parses: each is fed to
 * the CLI's own program (every subcommand loaded) with the actions replaced by a recorder, so
 * unknown flags, missing arguments and bad choices fail here — also for the commands that need
 * a real cloud account and cannot run on this machine. What the runnable ones do is checked by
 * readme-drifts.test.ts and the CLI tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { ROOT } from '../cli/cli-harness.ts';

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
