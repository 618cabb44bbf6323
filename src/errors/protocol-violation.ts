/**
 * A client program (`--client-cmd`) wrote a line that breaks the JSON-lines client protocol
 * (docs/client-protocol.md). Never a rule failure: the case is a transport fault of the client
 * and the program is restarted.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** A line that breaks the protocol: what is wrong, the quoted line, and how to fix it. */
export class ProtocolViolation extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.ProtocolViolation';
  /** True for any ProtocolViolation, even one from a second copy of this package. */
  static override readonly is = brandGuard<ProtocolViolation>(ProtocolViolation.brand);
  override readonly name = 'ProtocolViolation';
  readonly code = 'CLIENT_PROTOCOL_VIOLATION';

  constructor(
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${problem}\n  → ${fix}`);
  }
}
