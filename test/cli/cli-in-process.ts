/**
 * The CLI's `main` (src/cli/main.ts, what `bin/conformance.js` awaits and takes its exit status
 * from) called in the test's own process, for commands that end before any run: usage and
 * configuration errors. A CLI process costs a Node start, the TypeScript loader and the module
 * graph each time (≈ 0.5–1.5 s of CPU in the checkout); the wiring from `main` to the process's
 * exit status stays proved through `cli()` (cli-harness.ts) by the tests that spawn it.
 */
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import v8 from 'node:v8';
import { cli, ROOT, type CliResult } from './cli-harness.ts';

/** A process-wide stream write, replaced while `main` runs. */
type Write = typeof process.stdout.write;

/**
 * Runs `conformance ...args` through `main` in this process, with `env` set (an `undefined` value
 * unsets the variable; `NO_COLOR=1` as `cli()` sets it) and stdout/stderr captured; resolves as `cli()` does. What `main` throws is
 * what Node would print for an uncaught error: exit 1 with the stack on stderr. Calls must not
 * overlap (the streams and the environment are the process's). Outside the kit's root folder (the
 * CLI's working directory in `cli()`) it runs `elsewhere` instead: by default the CLI as a process.
 *
 * Only for commands that end before the run: `run` and `replay` cap the heap of the suite workers
 * they are about to create with process-wide V8 flags (src/runner/worker-heap.ts), which in this
 * process would cap every worker vitest starts afterwards (a full `npm test` died of it, heap out of
 * memory at 68 MB). While `main` runs here, `v8.setFlagsFromString` throws instead, so a command
 * that gets that far fails its test with this reason: run it through `cli()`.
 */
export async function cliInProcess(args: string[], env: Record<string, string | undefined> = {}, elsewhere?: () => Promise<CliResult>): Promise<CliResult> {
  if (process.cwd() !== ROOT) return elsewhere ? elsewhere() : cli(args, Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)));
  const { main } = await import('../../src/cli/main.ts');
  const saved = new Map(Object.keys({ NO_COLOR: '', ...env }).map((k) => [k, process.env[k]] as const));
  for (const [k, v] of Object.entries({ NO_COLOR: '1', ...env })) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const captured = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (stream: 'stdout' | 'stderr'): Write => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    const done = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as Write;
  const exitCodeBefore = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  const setFlags = v8.setFlagsFromString;
  v8.setFlagsFromString = (flags: string): void => {
    throw new Error(`cliInProcess: conformance ${args.join(' ')} got as far as setting V8 flags (${flags}) for the suite workers; run it through cli() (a process), not in the test's process`);
  };
  syncBuiltinESMExports();
  let code: number;
  try {
    code = await main([process.execPath, join(ROOT, 'bin/conformance.js'), ...args]);
  } catch (error) {
    captured.stderr += `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
    code = 1;
  } finally {
    v8.setFlagsFromString = setFlags;
    syncBuiltinESMExports();
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
    process.exitCode = exitCodeBefore;
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return { code, ...captured };
}
