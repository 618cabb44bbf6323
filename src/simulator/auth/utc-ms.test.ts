import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { utcMs } from './utc-ms.ts';

/** The path it replaced: Date.UTC, with the years 0–99 set explicitly. */
const viaDate = (y: number, mo: number, d: number, h: number, mi: number, s: number): number => {
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return y < 100 ? new Date(ms).setUTCFullYear(y, mo - 1, d) : ms;
};

describe('utcMs equals Date for valid UTC times', () => {
  it('for any year 0–9999 and any valid day of it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.nat(23), fc.nat(59), fc.nat(59), (y, mo, d, h, mi, s) => {
        const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
        const days = mo === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
        const day = Math.min(d, days);
        expect(utcMs(y, mo, day, h, mi, s)).toBe(viaDate(y, mo, day, h, mi, s));
      }),
      { numRuns: 5000 },
    );
  });
  it('at the edges: the epoch, year 0, leap days, 9999-12-31T23:59:59', () => {
    const times: Array<[number, number, number, number, number, number]> = [[1970, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0], [0, 2, 29, 12, 0, 0], [1900, 3, 1, 0, 0, 0], [2000, 2, 29, 23, 59, 59], [9999, 12, 31, 23, 59, 59], [99, 12, 31, 0, 0, 0]];
    for (const t of times) expect(utcMs(...t)).toBe(viaDate(...t));
  });
});
