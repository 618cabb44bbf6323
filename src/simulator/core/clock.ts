/** The simulator's notion of time: virtual (moved by the state endpoint) or the wall clock. */
export interface Clock {
  now(): Date;
  /** Moves virtual time forward; the real clock refuses. */
  advance(seconds: number): void;
  readonly kind: 'virtual' | 'real';
}

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
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`advanceSeconds must be a non-negative number, got ${seconds}`);
      nowMs += seconds * 1000;
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
