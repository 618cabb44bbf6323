/**
 * The simulator as `conformance serve` runs it (recording on, state endpoint on, default
 * limits), with one Running BCC instance `i-bench` and one RUNNING DCS instance
 * `proj-bench/dcs-bench`: the server the hostile-load benchmark measures.
 */
import { startServer } from '../../src/simulator/server.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';
import { announce } from './print-url.ts';

const sim = createSimulator();
sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
sim.store.putDcs({ projectId: 'proj-bench', instanceId: 'dcs-bench', status: 'RUNNING', password: 'OldPass@123', passwordFree: false, failedAttempts: 0, lockedUntil: null });
const running = await startServer(sim, { host: '127.0.0.1', port: 0 });
announce(running.url, running.server);
