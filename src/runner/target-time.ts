/** Time spent inside the target (for the kit-overhead figure of `bench/full-run.ts`). */

/** Milliseconds this worker has spent waiting on the embedded simulator's handler. */
export const targetTime = { ms: 0 };

/** Wraps an async function so the time spent in it counts as target time. */
export function timed<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    const start = performance.now();
    try {
      return await fn(...args);
    } finally {
      targetTime.ms += performance.now() - start;
    }
  };
}

/**
 * Wraps a function that answers synchronously or with a promise; the time counts as target
 * time (up to the promise's settling when it returns one).
 */
export function timedSync<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>): (...args: A) => R | Promise<R> {
  return (...args: A) => {
    const start = performance.now();
    let result: R | Promise<R>;
    try {
      result = fn(...args);
    } catch (error) {
      targetTime.ms += performance.now() - start;
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => (targetTime.ms += performance.now() - start));
    targetTime.ms += performance.now() - start;
    return result;
  };
}
