import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { KitError } from '../errors/kit-error.ts';
import { httpKind, type HttpTargetSettings } from '../targets/http-kind.ts';
import { resolvePlan } from './run-plan.ts';

const URL_TARGET = { target: 'http://127.0.0.1:8080', stateUrl: 'http://127.0.0.1:8080/__conformance/state', seed: '1' };
const session = { id: 's1', origin: 'http://127.0.0.1:41000', endUrl: '/__conformance/sessions/s1' };

// A URL target signs with credentials from the environment: the simulator's test-only ones here.
const ENV = { BCE_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.bcc.accessKeyId, BCE_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.bcc.secretAccessKey, CLOUD_SDK_AK: DEFAULT_CREDENTIALS.dcs.accessKeyId, CLOUD_SDK_SK: DEFAULT_CREDENTIALS.dcs.secretAccessKey, CLOUD_SDK_PROJECT_ID: 'conformance-project' };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
beforeAll(() => void Object.assign(process.env, ENV));
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** What a worker gets once `prepare` opened its sessions. */
const withSessions = (t: HttpTargetSettings): HttpTargetSettings => ({ ...t, sessions: [session] });

describe('--checks-in-flight (checks a worker has in flight against its isolated session)', () => {
  it('sets the number for a URL target, from the flag over the config, and the worker uses it only against a session', () => {
    const byFlag = resolvePlan({ ...URL_TARGET, checksInFlight: '1' }, { checksInFlight: 3 }).settings.target as HttpTargetSettings;
    expect(byFlag.checksInFlight).toBe(1);
    expect(httpKind.checksInFlight!(withSessions(byFlag))).toBe(1);
    const byConfig = resolvePlan(URL_TARGET, { checksInFlight: 3 }).settings.target as HttpTargetSettings;
    expect(httpKind.checksInFlight!(withSessions(byConfig))).toBe(3);
    const unset = resolvePlan(URL_TARGET, {}).settings.target as HttpTargetSettings;
    expect(unset.checksInFlight).toBeUndefined();
    expect(httpKind.checksInFlight!(withSessions(unset))).toBe(4);
    // A shared server (no sessions) gets one check at a time whatever was asked.
    expect(httpKind.checksInFlight!(byConfig)).toBe(1);
  });

  it('refuses a number that is not a whole number from 1 to 16, saying how to fix it', () => {
    for (const [value, message] of [['0', /--checks-in-flight 0 is not a whole number ≥ 1/], ['2.5', /not a whole number/], ['four', /not a whole number/], ['17', /--checks-in-flight 17 is more than 16/]] as const) {
      const error = (() => {
        try {
          resolvePlan({ ...URL_TARGET, checksInFlight: value }, {});
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(KitError.is(error) && error.code, String(value)).toBe('USAGE');
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses it where it cannot apply: the embedded simulator, a client, a live run', () => {
    expect(() => resolvePlan({ seed: '1', checksInFlight: '2' }, {})).toThrow(/--checks-in-flight is for a URL target whose server offers isolated sessions/);
    expect(() => resolvePlan({ seed: '1', client: 'examples/my-adapter-template.ts', checksInFlight: '2' }, {})).toThrow(/--checks-in-flight is for a URL target/);
    expect(() => resolvePlan({ ...URL_TARGET, live: true, checksInFlight: '2' }, {})).toThrow(/--checks-in-flight does not apply to a live run/);
  });
});
