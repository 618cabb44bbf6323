/**
 * X-Sdk-Date is a UTC time `YYYYMMDDTHHMMSSZ` (API gateway signing guide); an impossible calendar
 * time is no time at all and answers the gateway's timestamp error (APIGW.0303), like a date too
 * far off. Over the API an impossible date is usually also far off, so the suites cannot single
 * out the calendar check; here the server's clock is set next to what the date would roll over
 * to (30 February → 1 March), so only the calendar check can refuse it.
 */
import { describe, expect, it } from 'vitest';
import { verifySdkHmac } from './hmac-verifier.ts';
import type { WireRequest } from './wire-request.ts';
import { shippedFacts } from '../../contract/shipped-facts.ts';
/** The spec's tolerance for clock skew either way. */
const DCS_AUTH = { maxSkewSeconds: shippedFacts('dcs').auth.maxClockSkewSeconds! };

const lookup = (ak: string): string | undefined => (ak === 'AccessKey' ? 'SecretKey' : undefined);

function request(sdkDate: string): WireRequest {
  const headers = new Headers({
    Host: '127.0.0.1:18080',
    'X-Sdk-Date': sdkDate,
    // The date is judged before the signature, so the signature need not verify.
    Authorization: `SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
  });
  return { method: 'PUT', rawPath: '/v2/p/instances/i/password', rawQuery: '', headers, body: new Uint8Array() };
}

describe('verifySdkHmac on impossible X-Sdk-Date values', () => {
  it.each([
    ['20240230T000000Z', '2024-03-01T00:00:00Z', '30 February'],
    ['20230229T000000Z', '2023-03-01T00:00:00Z', '29 February of a common year'],
    ['20240431T000000Z', '2024-05-01T00:00:00Z', '31 April'],
    ['20240229T240000Z', '2024-03-01T00:00:00Z', 'hour 24'],
    ['20240301T006000Z', '2024-03-01T01:00:00Z', 'minute 60'],
    ['20240301T000060Z', '2024-03-01T00:01:00Z', 'second 60'],
    ['20241301T000000Z', '2025-01-01T00:00:00Z', 'month 13'],
  ])('refuses %s next to %s (%s) as a timestamp error', (sdkDate, now) => {
    const result = verifySdkHmac(request(sdkDate), lookup, new Date(now), DCS_AUTH);
    expect(result.ok ? 'ok' : result.failure).toBe('expired');
  });

  it('reaches the signature check for a real date at the same instant', () => {
    const result = verifySdkHmac(request('20240229T000000Z'), lookup, new Date('2024-02-29T00:00:00Z'), DCS_AUTH);
    expect(result.ok ? 'ok' : result.failure).toBe('mismatch');
  });
});
