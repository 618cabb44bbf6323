/**
 * CLI startup: wall time of `--help`, `--version`, a usage error and `list-rules`, median of 5,
 * next to `node -e 0` (the floor on this machine). Measures the package as installed: the built
 * `dist/` (run `npm run build` first) behind a copy of `bin/`, laid out as in node_modules, so the
 * checkout's tsx path is not what is timed. The checkout (`node bin/conformance.js`, TypeScript
 * through tsx) is shown too, for comparison. Goal: each of the first three under 1 s.
 *
 *   npm run build && npx tsx bench/cli-startup.ts [--rounds 5]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] ?? 5) || 5;

if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) {
  process.stderr.write('bench/cli-startup: dist/ is missing — run `npm run build` first\n');
  process.exit(2);
}

// The installed layout: <pkg>/bin, <pkg>/dist, <pkg>/package.json, no src/.
const pkg = mkdtempSync(join(tmpdir(), 'cli-startup-'));
cpSync(join(ROOT, 'bin'), join(pkg, 'bin'), { recursive: true });
cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
symlinkSync(join(ROOT, 'dist'), join(pkg, 'dist'));
symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));

/** Median wall time (ms) of `node args` over `rounds` runs, and the exit status seen. */
function time(args: string[]): { ms: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: pkg, env: { ...process.env, NO_COLOR: '1' }, stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    status = r.status;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, status };
}

const cases: Array<[string, string[]]> = [
  ['--help', ['--help']],
  ['--version', ['--version']],
  ['usage error (run --bogus)', ['run', '--bogus']],
  ['usage error (run --shard 3/2)', ['run', '--shard', '3/2']],
  ['list-rules', ['list-rules']],
];
try {
  const floor = time(['-e', '0']);
  const rows = [['command', 'package (dist)', 'checkout (tsx)', 'exit'], ['node -e 0', `${floor.ms.toFixed(0)} ms`, '', String(floor.status)]];
  for (const [name, args] of cases) {
    const built = time([join(pkg, 'bin/conformance.js'), ...args]);
    const source = time([join(ROOT, 'bin/conformance.js'), ...args]);
    rows.push([name, `${built.ms.toFixed(0)} ms`, `${source.ms.toFixed(0)} ms`, String(built.status)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  process.stdout.write(`CLI startup, median of ${rounds} (wall time, this machine)\n`);
  for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
} finally {
  rmSync(pkg, { recursive: true, force: true });
}
