/**
 * Fixtures for live runs: the real instances a run may use, instead of state setup. A
 * fixture's password comes from an environment variable, never from the config file itself.
 */
import { KitError } from '../errors/kit-error.ts';

/** What a run may do with an instance. */
export type FixturePermission = 'change-password' | 'lockout';

/** A fixture as written in `conformance.config.ts`. */
export interface FixtureConfig {
  service: 'bcc' | 'dcs';
  instanceId: string;
  /** DCS only. */
  projectId?: string;
  /** Name of the environment variable holding the instance's current password. */
  passwordEnv: string;
  allow: FixturePermission[];
}

/** A fixture with its password resolved (held in memory and in the 0600 ledger only). */
export interface Fixture extends Omit<FixtureConfig, 'passwordEnv'> {
  password: string;
}

const FIX = "each fixture: { service: 'bcc' | 'dcs', instanceId, projectId (dcs), passwordEnv: 'ENV_VAR_NAME', allow: ['change-password', 'lockout'] }";

/** Validates the config's fixtures and reads their passwords from the environment. */
export function resolveFixtures(list: unknown, env: NodeJS.ProcessEnv = process.env): Fixture[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new KitError('CONFIG_INVALID', 'fixtures must be a list', FIX);
  const problems: string[] = [];
  const fixtures: Fixture[] = [];
  list.forEach((raw: unknown, i) => {
    const f = raw as Partial<FixtureConfig>;
    if (f.service !== 'bcc' && f.service !== 'dcs') return void problems.push(`fixtures[${i}].service must be "bcc" or "dcs"`);
    if (typeof f.instanceId !== 'string' || !f.instanceId) problems.push(`fixtures[${i}].instanceId must be a non-empty string`);
    if (f.service === 'dcs' && (typeof f.projectId !== 'string' || !f.projectId)) problems.push(`fixtures[${i}].projectId is required for dcs`);
    if (!Array.isArray(f.allow) || f.allow.some((p) => p !== 'change-password' && p !== 'lockout')) problems.push(`fixtures[${i}].allow must list "change-password" and/or "lockout"`);
    if (typeof f.passwordEnv !== 'string' || !/^[A-Z_][A-Z0-9_]*$/.test(f.passwordEnv)) return void problems.push(`fixtures[${i}].passwordEnv must name an environment variable (e.g. BCC_FIXTURE_PASSWORD)`);
    const password = env[f.passwordEnv];
    if (!password) return void problems.push(`fixtures[${i}]: environment variable ${f.passwordEnv} is not set (it must hold the instance's current password)`);
    fixtures.push({ service: f.service, instanceId: f.instanceId!, projectId: f.projectId, allow: f.allow!, password });
  });
  if (problems.length > 0) throw new KitError('CONFIG_INVALID', `Invalid fixtures:\n  ${problems.join('\n  ')}`, FIX);
  return fixtures;
}

/** Key of a fixture in the ledger and in logs. */
export function fixtureKey(f: { service: string; projectId?: string; instanceId: string }): string {
  return f.service === 'dcs' ? `dcs:${f.projectId}/${f.instanceId}` : `bcc:${f.instanceId}`;
}
