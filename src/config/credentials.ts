/**
 * Credentials for a run: environment variables (names from each spec's
 * `x-conformance.auth.credentialEnv`) win over the config file; the embedded simulator and
 * client targets use the simulator's documented test credentials.
 */
import type { Contract } from '../contract/contract.ts';
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceConfig, ServiceCredentials } from './define-config.ts';

/** Resolves one service's credentials for a URL target; throws with the variable names to set. */
export function resolveCredentials(contract: Contract, config: ConformanceConfig, env: NodeJS.ProcessEnv = process.env): ServiceCredentials {
  const names = contract.facts.auth.credentialEnv;
  const service = contract.service as 'bcc' | 'dcs';
  const fromFile = config.credentials?.[service];
  const accessKeyId = env[names.accessKeyId] ?? fromFile?.accessKeyId;
  const secretAccessKey = env[names.secretAccessKey] ?? fromFile?.secretAccessKey;
  const projectId = (names.projectId ? env[names.projectId] : undefined) ?? fromFile?.projectId;
  if (!accessKeyId || !secretAccessKey) {
    throw new KitError(
      'CREDENTIALS_MISSING',
      `No ${service.toUpperCase()} credentials for target ${config.target}`,
      `export ${names.accessKeyId} and ${names.secretAccessKey}${names.projectId ? ` (and ${names.projectId})` : ''}, or set credentials.${service} in conformance.config.ts — never on the command line`,
    );
  }
  return projectId ? { accessKeyId, secretAccessKey, projectId } : { accessKeyId, secretAccessKey };
}
