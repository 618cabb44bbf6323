/**
 * The bce-auth-v1 timestamp (facts.md §1: UTC `yyyy-mm-ddThh:mm:ssZ`) must be a real calendar
 * time. Over the API a bad date and an expired one are both a 4xx, so the suites cannot tell
 * these apart; here the verifier runs at the signed time itself, where only the date's validity
 * decides. Signed with the kit's own signer (src/auth), proven against the published vectors.
 */
import { describe, expect, it } from 'vitest';
import { signBceRequest } from '../../auth/bce-auth-v1.ts';
import { verifyBceAuth } from './bce-verifier.ts';
import type { WireRequest } from './wire-request.ts';
import { shippedFacts } from '../../contract/shipped-facts.ts';
/** The spec's tolerance for a timestamp ahead of server time. */
const BCC_AUTH = { maxFutureSkewSeconds: shippedFacts('bcc').auth.maxFutureSkewSeconds! };

const AK = 'a'.repeat(32);
const SK = 'b'.repeat(32);
const lookup = (ak: string): string | undefined => (ak === AK ? SK : undefined);

/** A changePass request signed with the given timestamp text, as the wire carries it. */
async function signedAt(timestamp: string): Promise<WireRequest> {
  const request = new Request('http://bcc.bj.baidubce.com/v2/instance/i-1?changePass', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: '{"adminPass":"e666873d294d9ec590980d8265bfd44e"}',
  });
  const signed = await signBceRequest(request, { accessKeyId: AK, secretAccessKey: SK }, { timestamp });
  const url = new URL(signed.url);
  return { method: signed.method, rawPath: url.pathname, rawQuery: url.search.slice(1), headers: signed.headers, body: new Uint8Array(await signed.arrayBuffer()) };
}

/** Verifies at the signed instant (or at `now`), so expiry never decides. */
async function verdict(timestamp: string, now: Date): Promise<string> {
  const result = verifyBceAuth(await signedAt(timestamp), lookup, now, BCC_AUTH);
  return result.ok ? 'ok' : result.failure;
}

describe('bce-auth-v1 timestamp validity', () => {
  it.each([
    ['2024-02-29T12:00:00Z', 'a leap day (divisible by 4)'],
    ['2000-02-29T12:00:00Z', 'a leap day of a year divisible by 400'],
    ['2023-12-31T23:59:59Z', 'the last second of a year'],
    ['2023-04-30T00:00:00Z', 'the 30th of a 30-day month'],
    ['2023-01-31T00:00:00Z', 'the 31st of a 31-day month'],
  ])('accepts %s (%s)', async (timestamp) => {
    expect(await verdict(timestamp, new Date(timestamp))).toBe('ok');
  });

  it.each([
    ['2023-02-29T12:00:00Z', 'no leap day in a year not divisible by 4'],
    ['1900-02-29T12:00:00Z', 'no leap day in a century year not divisible by 400'],
    ['2023-04-31T00:00:00Z', 'April has 30 days'],
    ['2023-06-31T00:00:00Z', 'June has 30 days'],
    ['2023-09-31T00:00:00Z', 'September has 30 days'],
    ['2023-11-31T00:00:00Z', 'November has 30 days'],
    ['2023-13-01T00:00:00Z', 'no month 13'],
    ['2023-00-10T00:00:00Z', 'no month 0'],
    ['2023-01-00T00:00:00Z', 'no day 0'],
    ['2023-01-01T24:00:00Z', 'no hour 24'],
    ['2023-01-01T00:60:00Z', 'no minute 60'],
    ['2023-01-01T00:00:60Z', 'no second 60'],
    ['2023-01-0xT00:00:00Z', 'a letter among the digits'],
    ['x023-01-01T00:00:00Z', 'a letter in the year'],
    ['2023-01-01Tx0:00:00Z', 'a letter in the hour'],
    ['2023-01-01T00:x0:00Z', 'a letter in the minutes'],
    ['2023-01-01T00:00:x0Z', 'a letter in the seconds'],
    ['2023-01-1/T00:00:00Z', 'a character just below "0" among the digits (it also splits the header)'],
    ['2023-01-1.T00:00:00Z', 'a character below "0" among the digits'],
    ['2023-01-1:T00:00:00Z', 'a character just above "9" among the digits'],
    ['2023/01-01T00:00:00Z', 'a slash instead of the first dash'],
    ['2023-01/01T00:00:00Z', 'a slash instead of the second dash'],
    ['2023.01-01T00:00:00Z', 'a dot instead of the first dash (a slash would also split the header)'],
    ['2023-01.01T00:00:00Z', 'a dot instead of the second dash'],
    ['2023-01-01T00-00:00Z', 'a dash instead of the first colon'],
    ['2023-01-01T00:00-00Z', 'a dash instead of the second colon'],
    ['2023-01-01T00:00:00ZZ', 'a character after the Z'],
    ['2023-01-01 00:00:00Z', 'a space instead of T'],
    ['2023-01-01T00:00:00+', 'no Z'],
  ])('refuses %s as malformed (%s)', async (timestamp) => {
    expect(await verdict(timestamp, new Date('2023-06-01T00:00:00Z'))).toBe('malformed');
  });

  it('reads a year below 100 as that year, not 19xx', async () => {
    const at = new Date(Date.UTC(2000, 0, 1));
    at.setUTCFullYear(50, 0, 1);
    // Signed for the year 50 and verified then: valid. Read as 1950 it would lie far ahead.
    expect(await verdict('0050-01-01T00:00:00Z', at)).toBe('ok');
    // Verified in 1950 instead: the year-50 signature expired long ago.
    expect(await verdict('0050-01-01T00:00:00Z', new Date(Date.UTC(1950, 0, 1)))).toBe('expired');
  });
});
