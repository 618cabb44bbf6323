/** Builds (once per worker) the target the run settings name. */
import { loadAdapter } from '../clients/load-adapter.ts';
import { clientTarget } from '../targets/client-target.ts';
import { httpTarget } from '../targets/http-target.ts';
import { simulatorTarget } from '../targets/simulator-target.ts';
import type { Target } from '../targets/target.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import type { RunSettings } from './settings.ts';
import { createSimulator } from '../simulator/simulator.ts';
import { timed, timedSync } from './target-time.ts';
import { liveTarget } from '../targets/live-target.ts';
import { documentedContract } from '../contract/documented.ts';

let current: { key: string; target: Promise<Target> } | undefined;

/** The target for these settings; the same promise for every rule in a worker. */
export function runTarget(settings: RunSettings): Promise<Target> {
  const key = JSON.stringify(settings.target);
  if (current?.key === key) return current.target;
  void current?.target.then((t) => t.close());
  const t = settings.target;
  let target: Promise<Target>;
  if (t.kind === 'simulator') {
    // No exchange log: only a client target reads it (client-target.ts); the suites keep their own
    // transcripts. Recording judged and redacted every request (issue 17 profile); answers are the same.
    const simulator = createSimulator({ variants: t.variants, faults: t.faults, profile: t.profile, factPatches: t.factPatches, behaviour: t.behaviour as never, record: false });
    // The in-process transport goes through `handle`, the state client through `answerWire`
    // (which `handle` calls internally, not through this property: no time counts twice).
    simulator.handle = timed(simulator.handle);
    simulator.answerWire = timedSync(simulator.answerWire);
    target = Promise.resolve(simulatorTarget({}, simulator));
  } else if (t.kind === 'http') {
    const credentials = {
      bcc: settings.credentials?.bcc ?? DEFAULT_CREDENTIALS.bcc,
      dcs: settings.credentials?.dcs ?? DEFAULT_CREDENTIALS.dcs,
    };
    target = Promise.resolve(
      t.live && !t.stateUrl
        ? liveTarget({ baseUrl: t.baseUrl, credentials, live: t.live, contracts: { bcc: documentedContract('bcc'), dcs: documentedContract('dcs') }, transport: { timeoutMs: t.timeoutMs } })
        : httpTarget({ baseUrl: t.baseUrl, stateUrl: t.stateUrl, credentials, transport: { timeoutMs: t.timeoutMs } }),
    );
  } else {
    target = loadAdapter(t.adapter).then((adapter) => clientTarget(adapter, { variants: t.variants, faults: t.faults }));
  }
  current = { key, target };
  return target;
}
