import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { RawHeaderView } from './raw-header-view.ts';

/** What Fetch makes of the same header lines: the semantics the view must keep. */
function fetchHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

describe('RawHeaderView', () => {
  it('answers like Fetch Headers: case-insensitive names, repeated lines joined with ", "', () => {
    const raw = ['Host', 'h', 'Authorization', 'one', 'x-a', 'a b', 'authorization', 'two', 'X-Empty', ''];
    const view = new RawHeaderView(raw);
    expect(view.get('authorization')).toBe('one, two');
    expect(view.get('AUTHORIZATION')).toBe('one, two');
    expect(view.get('x-empty')).toBe('');
    expect(view.get('missing')).toBeNull();
    const seen: Array<[string, string]> = [];
    view.forEach((value, name) => seen.push([name, value]));
    expect(seen).toEqual([['host', 'h'], ['authorization', 'one, two'], ['x-a', 'a b'], ['x-empty', '']]);
  });

  it('agrees with Fetch Headers on random header lines', () => {
    const name = fc.constantFrom('Host', 'host', 'Authorization', 'authorization', 'X-Bce-Date', 'x-bce-date', 'Content-Type');
    const value = fc.string({ unit: fc.constantFrom('a', 'B', '1', ' ', ';', '/', '=') }).map((v) => v.trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value), { maxLength: 8 }), (lines) => {
        const raw = lines.flat();
        const view = new RawHeaderView(raw);
        const expected = fetchHeaders(raw);
        for (const n of ['host', 'authorization', 'x-bce-date', 'content-type', 'absent']) expect(view.get(n)).toBe(expected.get(n));
        const names: string[] = [];
        view.forEach((v, n) => {
          names.push(n);
          expect(v).toBe(expected.get(n));
        });
        expect(names.sort()).toEqual([...expected.keys()]);
      }),
    );
  });
});
