/** A live-like simulator in this process (no state endpoint, real clock) and a config naming its fixtures. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.ts';
import { startServer, type SimulatorServer } from '../../src/simulator/server.ts';
import { preloadInstances, type PreloadInstance } from '../../src/simulator/preload.ts';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';

/** The fixtures' original passwords (from the environment, as a live run takes them). */
export const ORIGINAL = { bcc: 'Orig1234!', dcs: 'OldPass@123' };

/** Options of {@link liveLike} besides the simulator's. */
export interface LiveLikeOptions extends SimulatorOptions {
  /**
   * One fixture in every status of each service (and a password-free DCS one), so that every
   * check finds the instance it needs; by default one Running fixture per service.
   */
  everyStatus?: boolean;
}

/** A live-like simulator with fixtures, served on loopback. */
export async function liveLike(options: LiveLikeOptions = {}): Promise<{ sim: Simulator; server: SimulatorServer; config: string; env: Record<string, string>; received: () => number }> {
  const { everyStatus = false, ...simOptions } = options;
  const sim = createSimulator({ stateEndpoint: false, clock: 'real', ...simOptions });
  const instances: PreloadInstance[] = [
    { service: 'bcc', instanceId: 'i-live-1', status: 'Running', password: ORIGINAL.bcc },
    { service: 'dcs', projectId: 'proj-live', instanceId: 'dcs-live-1', status: 'RUNNING', password: ORIGINAL.dcs },
  ];
  if (everyStatus) {
    for (const status of sim.contracts.bcc.allStatuses) instances.push({ service: 'bcc', instanceId: `i-live-${status.toLowerCase()}`, status, password: ORIGINAL.bcc });
    for (const status of sim.contracts.dcs.allStatuses) {
      instances.push({ service: 'dcs', projectId: 'proj-live', instanceId: `dcs-live-${status.toLowerCase()}`, status, password: ORIGINAL.dcs });
      instances.push({ service: 'dcs', projectId: 'proj-live', instanceId: `dcs-live-free-${status.toLowerCase()}`, status, password: ORIGINAL.dcs, passwordFree: true });
    }
  }
  preloadInstances(sim, instances);
  const server = await startServer(sim);
  const dir = mkdtempSync(join(tmpdir(), 'live-config-'));
  const config = join(dir, 'conformance.config.mjs');
  writeFileSync(config, `export default ${JSON.stringify({
    fixtures: instances.map((i) => ({
      service: i.service,
      instanceId: i.instanceId,
      ...(i.projectId ? { projectId: i.projectId } : {}),
      passwordEnv: i.service === 'bcc' ? 'LIVE_BCC_PASSWORD' : 'LIVE_DCS_PASSWORD',
      allow: i.service === 'dcs' ? ['change-password', 'lockout'] : ['change-password'],
    })),
    allowHosts: [],
    restoreWaitSeconds: 60,
  })};\n`);
  const env = {
    BCE_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.bcc.accessKeyId, BCE_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.bcc.secretAccessKey,
    CLOUD_SDK_AK: DEFAULT_CREDENTIALS.dcs.accessKeyId, CLOUD_SDK_SK: DEFAULT_CREDENTIALS.dcs.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'proj-live',
    LIVE_BCC_PASSWORD: ORIGINAL.bcc, LIVE_DCS_PASSWORD: ORIGINAL.dcs,
  };
  // Every request that reaches the simulator is counted (kept or dropped from the log): the plan's accuracy is counted from there.
  return { sim, server, config, env, received: () => sim.recorder.total };
}
