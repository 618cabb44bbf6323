import { describe, it, expect } from 'vitest';
import { BoundedCache } from './bounded-cache.ts';

describe('BoundedCache', () => {
  it('keeps at most `capacity` entries, dropping the oldest first', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10); // overwriting does not evict
    expect([cache.size, cache.get('a'), cache.get('b')]).toEqual([2, 10, 2]);
    cache.set('c', 3);
    expect([cache.size, cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([2, undefined, 2, 3]);
  });
});
