/** Test-only credentials the simulator accepts by default; never valid anywhere else. */

/** An access key pair (and, for DCS, a project). */
export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Documented defaults. The SKs are at least 16 characters because BCC derives the
 * adminPass AES key from the first 16 characters of the SK.
 */
export const DEFAULT_CREDENTIALS: Readonly<Record<'bcc' | 'dcs', Credential>> = Object.freeze({
  bcc: { accessKeyId: 'sim-bcc-test-ak-0001', secretAccessKey: 'sim-bcc-TEST-ONLY-secret-000001' },
  dcs: { accessKeyId: 'SIMDCSTESTAK0001', secretAccessKey: 'sim-dcs-TEST-ONLY-secret-000001' },
});

/** Builds the AK → SK lookup a verifier needs. */
export function secretLookup(credentials: readonly Credential[]): (ak: string) => string | undefined {
  const map = new Map(credentials.map((c) => [c.accessKeyId, c.secretAccessKey]));
  return (ak) => map.get(ak);
}
