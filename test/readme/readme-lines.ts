/**
 * The shell commands of README.md and examples/README.md, read from their `sh` blocks, with
 * what the text next to each says it does: the exit status (`# exit 1: …`) and the rule ids
 * named in its comment. Tests take a command's argv from here (never retype it), so an edit of
 * the README is an edit of what the test runs; readme-commands.test.ts checks that every
 * command is either run by a named test or marked as needing a real account (syntax only).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/cli-harness.ts';

/** One command of a README's sh blocks. */
export interface ReadmeCommand {
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** 1-based line of its last line (continuations). */
  lastLine: number;
  /** The command as written, continuations joined, without its comment. */
  text: string;
  /** The comment next to it (same line, or an indented comment-only line right after it). */
  comment: string;
  /** Shell words (quotes removed); `argv[0]` is the program (`npx`, `npm`, `curl` …). */
  argv: string[];
  /** The exit status the comment states (`exit N`), if it states one. */
  exit?: number;
  /** Rule ids the comment names (`BCC-…`, `DCS-…`). */
  rules: string[];
}

/** Splits a command into words: quotes honoured, stops at a redirection, pipe or `&`. */
export function shellWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const word = m[1] ?? m[2] ?? m[3]!;
    if (m[3] !== undefined && ['&', '|', '>', '&&', '2>'].includes(word)) break;
    out.push(word);
  }
  return out;
}

/** Every command of `file`'s sh blocks (comment-only lines dropped). */
export function readmeCommands(file: string): ReadmeCommand[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const commands: ReadmeCommand[] = [];
  let inSh = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.startsWith('```')) {
      inSh = !inSh && /^```(sh|bash|shell)\s*$/.test(raw);
      continue;
    }
    if (!inSh || raw.trim() === '') continue;
    if (raw.trim().startsWith('#')) {
      // An indented comment right under a command belongs to it (README, the java example).
      const last = commands.at(-1);
      if (last && /^\s+#/.test(raw) && last.comment === '' && last.lastLine === i) last.comment = raw.trim().slice(1).trim();
      continue;
    }
    const start = i;
    let joined = raw;
    while (/\\\s*$/.test(joined.split('\n').at(-1)!.replace(/\s+#.*$/, '')) && i + 1 < lines.length) joined += `\n${lines[++i]!}`;
    const parts = joined.split('\n').map((l) => splitComment(l));
    const text = parts.map((p) => p.code.replace(/\\\s*$/, '').trim()).join(' ').trim();
    const comment = parts.map((p) => p.comment).filter(Boolean).join(' ');
    commands.push({ file, line: start + 1, lastLine: i + 1, text, comment, argv: shellWords(text), rules: [] });
  }
  for (const c of commands) {
    const exit = /\bexit (\d)\b/.exec(c.comment);
    if (exit) c.exit = Number(exit[1]);
    c.rules = [...c.comment.matchAll(/\b(?:BCC|DCS)-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g)].map((m) => m[0]);
  }
  return commands;
}

/** A line's code and its trailing `# comment` (a `#` inside quotes is code). */
function splitComment(line: string): { code: string; comment: string } {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return { code: line.slice(0, i), comment: line.slice(i + 1).trim() };
  }
  return { code: line, comment: '' };
}

/**
 * The one command of `file` whose text equals `marker`, or else the one whose text or comment
 * contains it. Throws when none or several match, so a README edit cannot silently retarget a test.
 */
export function readmeCommand(file: string, marker: string): ReadmeCommand {
  const all = readmeCommands(file);
  const exact = all.filter((c) => c.text === marker);
  const found = exact.length > 0 ? exact : all.filter((c) => `${c.text}  # ${c.comment}`.includes(marker));
  if (found.length !== 1) throw new Error(`${file}: ${found.length} commands match "${marker}" (lines ${found.map((c) => c.line).join(', ') || 'none'}); make the marker unique`);
  return found[0]!;
}

/** The `conformance` arguments of an `npx conformance …` command. */
export function conformanceArgs(command: ReadmeCommand): string[] {
  if (command.argv[0] !== 'npx' || command.argv[1] !== 'conformance') throw new Error(`${command.file}:${command.line} is not an npx conformance command: ${command.text}`);
  return command.argv.slice(2);
}

/**
 * The text of the first ```<lang> block after the first line of `file` that contains `marker`
 * (e.g. the fixtures file a section shows). Throws when there is none, so a README edit cannot
 * silently leave a test with nothing to read.
 */
export function readmeBlock(file: string, lang: string, marker: string): string {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.includes(marker));
  if (at < 0) throw new Error(`${file}: no line contains "${marker}"`);
  const open = lines.findIndex((l, i) => i > at && l.trim() === '```' + lang);
  const close = open < 0 ? -1 : lines.findIndex((l, i) => i > open && l.trim() === '```');
  if (open < 0 || close < 0) throw new Error(`${file}: no \`\`\`${lang} block after "${marker}"`);
  return lines.slice(open + 1, close).join('\n') + '\n';
}
