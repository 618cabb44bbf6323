/** A live-like simulator in this process (no state endpoint, real clock) and a config naming its fixtures. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../src/simulator/simulator.ts';
import { startServer, type SimulatorServer } from '../../src/simulator/server.ts';
import { preloadInstances } from '../../src/simulator/preload.ts';
import { DEFAULT_CREDENTIALS } from '../../src/simulator/core/credentials.ts';

/** The fixtures' original passwords (from the environment, as a live run takes them). */
export const ORIGINAL = { bcc: 'Orig1234!', dcs: 'OldPass@123' };

/** A live-like simulator with one fixture per service, served on loopback. */
export async function liveLike(options: SimulatorOptions = {}): Promise<{ sim: Simulator; server: SimulatorServer; config: string; env: Record<string, string>; received: () => number }> {
  const sim = createSimulator({ stateEndpoint: false, clock: 'real', ...options });
  preloadInstances(sim, [
    { service: 'bcc', instanceId: 'i-live-1', status: 'Running', password: ORIGINAL.bcc },
    { service: 'dcs', projectId: 'proj-live', instanceId: 'dcs-live-1', status: 'RUNNING', password: ORIGINAL.dcs },
  ]);
  const server = await startServer(sim);
  const dir = mkdtempSync(join(tmpdir(), 'live-config-'));
  const config = join(dir, 'conformance.config.mjs');
  writeFileSync(config, `export default ${JSON.stringify({
    fixtures: [
      { service: 'bcc', instanceId: 'i-live-1', passwordEnv: 'LIVE_BCC_PASSWORD', allow: ['change-password'] },
      { service: 'dcs', projectId: 'proj-live', instanceId: 'dcs-live-1', passwordEnv: 'LIVE_DCS_PASSWORD', allow: ['change-password', 'lockout'] },
    ],
    allowHosts: [],
    restoreWaitSeconds: 60,
  })};\n`);
  const env = {
    BCE_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.bcc.accessKeyId, BCE_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.bcc.secretAccessKey,
    CLOUD_SDK_AK: DEFAULT_CREDENTIALS.dcs.accessKeyId, CLOUD_SDK_SK: DEFAULT_CREDENTIALS.dcs.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'proj-live',
    LIVE_BCC_PASSWORD: ORIGINAL.bcc, LIVE_DCS_PASSWORD: ORIGINAL.dcs,
  };
  // Every request that reaches the simulator is recorded: the plan's accuracy is counted from there.
  return { sim, server, config, env, received: () => sim.recorder.total };
}
