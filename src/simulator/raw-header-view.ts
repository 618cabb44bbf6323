/**
 * A {@link HeaderView} straight over node's `req.rawHeaders` (`[name, value, name, value, …]`).
 *
 * Why not `new Headers(…)`: building one per request cost more than the bare benchmark
 * server's whole request. Why not node's `req.headers`: for a repeated Authorization or Host it
 * keeps only the first line, where Fetch (and so the simulator's other adapters) joins them.
 * A request has a handful of header lines, so a linear scan is cheap.
 *
 * Semantics are Fetch's: names match case-insensitively, and repeated lines are joined with
 * ", " in order. Node's parser has already trimmed the values and refused the characters
 * Fetch refuses.
 */
import type { HeaderView } from './auth/wire-request.ts';

/** ASCII case-insensitive equality of a raw header name with a lower-case one. */
function sameName(raw: string, lower: string): boolean {
  return raw.length === lower.length && (raw === lower || raw.toLowerCase() === lower);
}

export class RawHeaderView implements HeaderView {
  constructor(private readonly raw: readonly string[]) {}

  get(name: string): string | null {
    const lower = name.toLowerCase();
    const raw = this.raw;
    let value: string | null = null;
    for (let i = 0; i < raw.length; i += 2) {
      if (!sameName(raw[i]!, lower)) continue;
      value = value === null ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
    }
    return value;
  }

  /**
   * Each name once, lower-case, with its joined value, in order of first appearance. One pass
   * through a map: comparing each line with every earlier one was quadratic in the header
   * count, which the client chooses (node accepts up to 2,000 lines).
   */
  forEach(callback: (value: string, name: string) => void): void {
    const raw = this.raw;
    const joined = new Map<string, string>();
    for (let i = 0; i < raw.length; i += 2) {
      const lower = raw[i]!.toLowerCase();
      const previous = joined.get(lower);
      joined.set(lower, previous === undefined ? raw[i + 1]! : `${previous}, ${raw[i + 1]!}`);
    }
    joined.forEach(callback);
  }
}
