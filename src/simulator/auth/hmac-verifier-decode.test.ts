/**
 * A broken percent-escape in the path or query (API gateway signing guide: the canonical URI and
 * query are built from decoded parts) is a malformed request, not a crash. The simulator's router
 * refuses such a path before the verifier sees it, so the suites cannot reach this branch.
 */
import { describe, expect, it } from 'vitest';
import { verifySdkHmac } from './hmac-verifier.ts';
import type { WireRequest } from './wire-request.ts';
import { shippedFacts } from '../../contract/shipped-facts.ts';
/** The spec's tolerance for clock skew either way. */
const DCS_AUTH = { maxSkewSeconds: shippedFacts('dcs').auth.maxClockSkewSeconds! };

const lookup = (ak: string): string | undefined => (ak === 'AccessKey' ? 'SecretKey' : undefined);
const NOW = new Date('2024-01-01T00:02:00Z');

function request(over: Partial<WireRequest>): WireRequest {
  const headers = new Headers({
    Host: '127.0.0.1:18080',
    'X-Sdk-Date': '20240101T000000Z',
    Authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
  });
  return { method: 'PUT', rawPath: '/v2/p/instances/i/password', rawQuery: '', headers, body: new Uint8Array(), ...over };
}

describe('verifySdkHmac on undecodable escapes', () => {
  it.each([
    ['a path', { rawPath: '/v2/p/instances/i%zz/password' }],
    ['a truncated path escape', { rawPath: '/v2/p/instances/i%2/password' }],
    ['a query', { rawQuery: 'a=%zz' }],
  ])('reports %s with a broken escape as malformed', (_what, over) => {
    const result = verifySdkHmac(request(over), lookup, NOW, DCS_AUTH);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.failure).toBe('malformed');
  });
});
