/**
 * One-off (issue 17, round 4): the real HTTP adapter (`startServer`) in front of the real
 * simulator, with the cost split by mode (argv[2]):
 * - `fixed`: the adapter answers a fixed 200 with the simulator's header set; no simulator work.
 * - `core-fixed`: the simulator answers each request in full (signature, decryption, policy,
 *   state change; a non-200 aborts), then the adapter writes the fixed answer instead.
 * - `core2-fixed`: as `core-fixed`, with the simulator run twice per request (the second run finds
 *   its code and data in the caches the first one warmed; an unchanged password is still a 200).
 * - `timed`: the real answer, with the wall time inside `answerWire` summed (process.hrtime) and
 *   printed per request on stderr every 20,000 requests: the core's own cost as the server sees it.
 * - `sim`: the real answer, as `bench/servers/simulator-server.ts`.
 * `core-fixed` − `fixed` is what the simulator's work costs inside the server; `sim` − `core-fixed`
 * is what writing its real answer costs over writing the fixed one.
 * Run: `npx tsx bench/adapter-floor/variants.ts a=bench/adapter-floor/split-server.ts:fixed …`.
 */
import { startServer } from '../../src/simulator/server.ts';
import { createSimulator, type Simulator, type WireAnswer } from '../../src/simulator/simulator.ts';
import { announce } from '../servers/print-url.ts';

const mode = process.argv[2] ?? 'sim';
if (!['fixed', 'core-fixed', 'core2-fixed', 'timed', 'sim'].includes(mode)) throw new Error(`mode must be fixed, core-fixed, core2-fixed, timed or sim; got ${mode}`);
let timedNs = 0n;
let timedCount = 0;
const sim = createSimulator({ record: false });
sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
const fixed: WireAnswer = { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8', date: new Date().toUTCString(), 'x-bce-request-id': '95b6cf89-0a30-4361-b60d-c9efb4c04e27' }, body: '{}' };
const answerWire: Simulator['answerWire'] =
  mode === 'fixed' ? () => fixed
  : mode === 'core-fixed' || mode === 'core2-fixed' ? (req) => {
      for (let run = mode === 'core-fixed' ? 1 : 2; run > 0; run--) {
        const real = sim.answerWire(req);
        if (real instanceof Promise || real.status !== 200) throw new Error(`${mode}: the simulator did not answer 200 synchronously`);
      }
      return fixed;
    }
  : mode === 'timed' ? (req) => {
      const t0 = process.hrtime.bigint();
      const answer = sim.answerWire(req);
      timedNs += process.hrtime.bigint() - t0;
      if (++timedCount % 20_000 === 0) {
        process.stderr.write(`timed: ${(Number(timedNs) / 1e3 / 20_000).toFixed(2)} µs wall per answerWire (last 20,000 requests)\n`);
        timedNs = 0n;
      }
      return answer;
    }
  : (req) => sim.answerWire(req);
const running = await startServer(Object.assign(Object.create(sim) as Simulator, { answerWire }), { host: '127.0.0.1', port: 0 });
announce(running.url, running.server);
