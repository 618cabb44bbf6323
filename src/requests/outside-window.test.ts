import { describe, it, expect } from 'vitest';
import { shippedFacts } from '../contract/shipped-facts.ts';
import { outsideWindowMs } from './outside-window.ts';

describe('outsideWindowMs', () => {
  it('is twice the widest window the spec states', () => {
    const bcc = shippedFacts('bcc').auth;
    const dcs = shippedFacts('dcs').auth;
    expect(outsideWindowMs(bcc)).toBe(2 * Math.max(bcc.defaultExpirationSeconds!, bcc.maxFutureSkewSeconds!) * 1000);
    expect(outsideWindowMs(dcs)).toBe(2 * dcs.maxClockSkewSeconds! * 1000);
    expect(outsideWindowMs({ ...dcs, maxClockSkewSeconds: 60 })).toBe(120_000);
  });
  it('names the spec key to add when no window is stated', () => {
    const { maxClockSkewSeconds: _skew, ...none } = shippedFacts('dcs').auth;
    expect(() => outsideWindowMs(none)).toThrow('the spec states no time window for SDK-HMAC-SHA256');
  });
});
