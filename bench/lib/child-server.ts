/** Starts a bench server in its own Node process (so it never shares an event loop with the load generator). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Root of the project (where `tsx` resolves from). */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A server child process and its base URL. */
export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Stops the child (SIGTERM, then SIGKILL after a grace period); safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Spawns `process.execPath --import tsx <file>` (plain `process.execPath <file>` for a `.js`/`.mjs`
 * file, e.g. from `build-js.ts`) and waits for its first stdout line,
 * `{"url":"http://127.0.0.1:PORT"}`. Rejects (and kills the child) on exit, bad output or timeout.
 */
export function startChildServer(name: string, file: string, options: { timeoutMs?: number; nodeArgs?: string[]; args?: string[] } = {}): Promise<ChildServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, file, ...(options.args ?? [])], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_EXIT_WITH_PARENT: '1' },
  });

  let exited = child.exitCode !== null;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 3_000);
    await exitPromise;
    clearTimeout(timer);
  };

  return new Promise<ChildServer>((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().finally(() => reject(new Error(`${name} server (${file}): ${message}`)));
    };
    const timer = setTimeout(() => fail(`no URL line within ${timeoutMs} ms`), timeoutMs);
    child.once('error', (err) => fail(`cannot spawn: ${err.message}`));
    child.once('exit', (code, signal) => fail(`exited before announcing its URL (code ${code}, signal ${signal})`));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (text: string) => {
      if (settled) return; // later output is ignored (and drained so the child never blocks)
      buffered += text;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      const line = buffered.slice(0, nl).trim();
      let url: unknown;
      try {
        url = (JSON.parse(line) as { url?: unknown }).url;
      } catch {
        return fail(`first stdout line is not JSON: ${JSON.stringify(line)}`);
      }
      if (typeof url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
        return fail(`expected {"url":"http://127.0.0.1:PORT"}, got ${JSON.stringify(line)}`);
      }
      settled = true;
      clearTimeout(timer);
      resolve({ name, url, pid: child.pid!, child, stop });
    });
  });
}
