/** The one-line handshake the benchmark's parent process reads from a server child's stdout. */
import type { Server } from 'node:http';

/** Prints `{"url":"http://127.0.0.1:PORT"}` and wires clean shutdown (so `--cpu-prof` can write its profile). */
export function announce(url: string, server: Server): void {
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  const stop = (): void => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
    // Never hang on shutdown.
    setTimeout(() => process.exit(0), 1_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Started by the benchmark: die with the parent even if it is killed without cleanup.
  if (process.env.BENCH_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}
