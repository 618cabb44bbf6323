/**
 * Percent-decoding of untrusted wire components that cannot throw. `decodeURIComponent` throws
 * `URIError` on a broken escape and on escapes that are not UTF-8 (`%FF`, a lone `%C3`); on the
 * request path of a server that turns a client's bytes into a 500 (issue 12, defect 1).
 */
import { percentDecode, PercentDecodeError } from '../auth/uri-encoding.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text a `%XX`-escaped component stands for, or `undefined` when an escape is broken or
 * the bytes are not UTF-8. Never lossy: two different byte sequences never decode to the same
 * text (a replacement character would make `%FE` and `%FF` the same instance id).
 */
export function decodeComponent(raw: string): string | undefined {
  if (!raw.includes('%')) return raw;
  let bytes: Buffer;
  try {
    bytes = percentDecode(raw);
  } catch (error) {
    if (error instanceof PercentDecodeError) return undefined;
    throw error;
  }
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}
