/**
 * The reference simulator over HTTP, set up for the throughput benchmark: recording off, one
 * Running BCC instance `i-bench`. Everything else (routing, bce-auth-v1 verification, adminPass
 * decryption, password policy) is the real code path.
 * Run directly: `node --import tsx bench/servers/simulator-server.ts` (prints its URL as a JSON line);
 * add `--cpu-prof` before `--import` to profile it, then stop it with Ctrl-C / SIGTERM.
 */
import { startServer } from '../../src/simulator/server.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { announce } from './print-url.ts';

const BENCH_INSTANCE_ID = 'i-bench';

const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: BENCH_INSTANCE_ID, status: 'Running', password: 'Orig1234!' });
const running = await startServer(sim, { host: '127.0.0.1', port: 0 });
announce(running.url, running.server);
