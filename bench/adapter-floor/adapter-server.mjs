// The real HTTP adapter (src/simulator/server.ts) with either the real simulator or a fixed answer.
// Run under tsx: node --import tsx bench/adapter-floor/adapter-server.mjs adapter-fixed|adapter-sim
import { startServer } from '../../src/simulator/server.ts';
import { createSimulator } from '../../src/simulator/simulator.ts';
const mode = process.argv[2];
const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: 'i', status: 'Running', password: 'Orig1234!' });
const fixed = { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8', date: new Date().toUTCString(), 'x-bce-request-id': '95b6cf89-0a30-4361-b60d-c9efb4c04e27' }, body: '{}' };
const target = mode === 'adapter-fixed' ? Object.assign(Object.create(sim), { answerWire: () => fixed }) : sim;
const s = await startServer(target);
console.log(s.port);
process.on('SIGTERM', () => process.exit(0));
