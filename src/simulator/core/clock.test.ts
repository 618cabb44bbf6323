import { describe, expect, it } from 'vitest';
import { MAX_VIRTUAL_TIME_MS, realClock, virtualClock } from './clock.ts';

describe('virtualClock', () => {
  it('starts where told and moves only when advanced, by exactly the seconds given', () => {
    const clock = virtualClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.kind).toBe('virtual');
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(299);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:04:59.000Z');
    clock.advance(0);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:04:59.000Z');
  });
  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses to advance by %s and keeps its time', (seconds) => {
    const clock = virtualClock(new Date(0));
    expect(() => clock.advance(seconds)).toThrow(/advanceSeconds must be a non-negative number/);
    expect(clock.now().getTime()).toBe(0);
  });
  it('moves up to its last instant, never past it (now() stays a valid date), and says how to fix it', () => {
    const clock = virtualClock(new Date(MAX_VIRTUAL_TIME_MS - 10_000));
    expect(() => clock.advance(11)).toThrow(/would move virtual time past 9999-12-31T23:59:59.000Z; advance by less/);
    expect(clock.now().getTime()).toBe(MAX_VIRTUAL_TIME_MS - 10_000);
    clock.advance(10);
    expect(clock.now().getTime()).toBe(MAX_VIRTUAL_TIME_MS);
    expect(() => clock.advance(0.001)).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });
});

describe('realClock (live-like mode)', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const clock = realClock();
    const now = clock.now().getTime();
    expect(clock.kind).toBe('real');
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
  it('cannot be advanced, and says why', () => {
    expect(() => realClock().advance(1)).toThrow(/real clock \(live-like mode\); time cannot be advanced/);
  });
});
