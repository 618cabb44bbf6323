/**
 * A small memo for values derived from request fields (signing keys, AES deciphers, parsed
 * signed-header lists). Bounded because the inputs come from clients: once full, the oldest
 * entry goes. Never use it to remember a verdict about a request, only pure derivations.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.capacity && !this.entries.has(key)) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
