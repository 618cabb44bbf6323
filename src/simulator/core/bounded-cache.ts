/**
 * A small memo for values derived from request fields (signing keys, AES deciphers, parsed
 * signed-header lists). Bounded because the inputs come from clients: once full, the oldest
 * entry goes. Never use it to remember a verdict about a request, only pure derivations.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();
  /**
   * The entry found or stored last: a client repeats the same key on request after request, and
   * comparing a new key string with it is cheaper than hashing the new string for the map (each
   * request's strings are new, so their hashes are never cached).
   */
  private lastKey: string | undefined;
  private lastValue: V | undefined;

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    if (key === this.lastKey) return this.lastValue;
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.lastKey = key;
      this.lastValue = value;
    }
    return value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
    // The evicted entry may have been the last one; the new one takes its place.
    this.lastKey = key;
    this.lastValue = value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A pure string function that remembers its last argument and result: a client repeats the same
 * access key (or timestamp) request after request, and comparing the new string with the last
 * one is cheaper than hashing it for a map lookup or parsing it again. Built on a one-entry
 * {@link BoundedCache}, so the mutation run's always-missing caches turn it off too.
 */
export function rememberLast<T>(fn: (key: string) => T): (key: string) => T {
  const last = new BoundedCache<{ value: T }>(1);
  return (key) => {
    let hit = last.get(key);
    // Stryker disable next-line ConditionalExpression: equivalent, a memo cache (always missing in the mutation run, mutation/no-caches.setup.ts)
    if (hit === undefined) {
      hit = { value: fn(key) };
      last.set(key, hit);
    }
    return hit.value;
  };
}
