/** The simulator's notion of time: virtual (moved by the state endpoint) or the wall clock. */
export interface Clock {
  now(): Date;
  /** Moves virtual time forward; the real clock refuses. */
  advance(seconds: number): void;
  readonly kind: 'virtual' | 'real';
}

/** Virtual time starting at the wall-clock now (so signatures made with real dates verify). */
export function virtualClock(start: Date = new Date()): Clock {
  let offsetMs = start.getTime() - Date.now();
  return {
    kind: 'virtual',
    // Virtual time still flows with the wall clock; `advance` only adds to it, so a
    // client's freshly signed date stays inside the skew window after a reset.
    now: () => new Date(Date.now() + offsetMs),
    advance(seconds: number) {
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`advanceSeconds must be a non-negative number, got ${seconds}`);
      offsetMs += seconds * 1000;
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
