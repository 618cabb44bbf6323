/** The simulator's notion of time: virtual (moved by the state endpoint) or the wall clock. */
export interface Clock {
  now(): Date;
  /** Moves virtual time forward; the real clock refuses. */
  advance(seconds: number): void;
  readonly kind: 'virtual' | 'real';
}

/**
 * The latest instant virtual time may reach (9999-12-31T23:59:59Z): far beyond any lockout a
 * test waits out, and well inside what a `Date` can hold, so `now()` is always a valid date.
 */
export const MAX_VIRTUAL_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

/**
 * Virtual time, starting at the wall-clock now and moving **only** when told: a lockout check's
 * "299 s later" is exactly 299 s later however slow the machine is. Signatures are not judged
 * against this clock but against real time (`authNow`), so they verify whatever the lockout clock says.
 */
export function virtualClock(start: Date = new Date()): Clock {
  let nowMs = start.getTime();
  return {
    kind: 'virtual',
    now: () => new Date(nowMs),
    advance(seconds: number) {
      // Checked before anything changes: a refused advance leaves the clock as it was.
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`advanceSeconds must be a non-negative number, got ${seconds}`);
      const next = nowMs + seconds * 1000;
      if (next > MAX_VIRTUAL_TIME_MS) {
        throw new RangeError(`advanceSeconds ${seconds} would move virtual time past ${new Date(MAX_VIRTUAL_TIME_MS).toISOString()}; advance by less (reset does not rewind the clock)`);
      }
      nowMs = next;
    },
  };
}

/** The wall clock; used by the live-like mode where nothing can move time. */
export function realClock(): Clock {
  return {
    kind: 'real',
    now: () => new Date(),
    advance() {
      throw new RangeError('this simulator runs on the real clock (live-like mode); time cannot be advanced');
    },
  };
}
