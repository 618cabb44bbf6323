import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { BoundedCache, rememberLast } from './bounded-cache.ts';

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

  it('answers as a plain map with the same eviction rule would (its last-entry shortcut included)', () => {
    const op = fc.record({ set: fc.boolean(), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.nat(9) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.array(op, { maxLength: 40 }), (capacity, ops) => {
        const cache = new BoundedCache<number>(capacity);
        const model = new Map<string, number>();
        for (const { set, key: name, value } of ops) {
          // A new string each time, as each request's header text is.
          const key = [...name].join('');
          if (set) {
            if (model.size >= capacity && !model.has(key)) model.delete(model.keys().next().value!);
            model.set(key, value);
            cache.set(key, value);
          } else {
            expect(cache.get(key)).toBe(model.get(key));
          }
          expect(cache.size).toBe(model.size);
        }
      }),
    );
  });
});

describe('rememberLast', () => {
  it('answers as the function itself over any sequence of calls, repeated keys and undefined results included', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', 'ab', ''), { maxLength: 20 }), (keys) => {
        const fn = (key: string): number | undefined => (key === 'b' ? undefined : key.length * 7);
        const calls: string[] = [];
        const remembered = rememberLast((key) => {
          calls.push(key);
          return fn(key);
        });
        // New strings each time, as each request's fields are.
        for (const key of keys) expect(remembered([...key].join(''))).toBe(fn(key));
        // Only a change of key calls through.
        expect(calls.length).toBe(keys.filter((k, i) => i === 0 || keys[i - 1] !== k).length);
      }),
    );
  });
});
