/**
 * The target could not be reached at all (refused, reset, timed out, DNS): a transport fault,
 * never a verdict. The CLI exits 3 when every request fails this way.
 */
import { BrandedError, brandGuard } from './branded-error.ts';

/** How a request failed to reach its target. */
export type TransportFaultKind = 'refused' | 'reset' | 'timeout' | 'dns' | 'dropped' | 'other';

const FIX: Readonly<Record<TransportFaultKind, string>> = {
  refused: 'check the target URL and port, and that the server is listening',
  reset: 'the target closed the connection mid-request: check its logs, and any proxy between',
  timeout: 'the target did not answer in time: check it is up, or raise `transport.timeoutMs` in conformance.config.ts',
  dns: 'the host name does not resolve: check the target URL',
  dropped: 'the request was dropped before an answer came: check the target and the network',
  other: 'the request could not be sent: see the cause, and check the target URL',
};

/** The target could not be reached: a transport fault, never a verdict. */
export class TransportFault extends BrandedError {
  static override readonly brand: string = 'pwchange-conformance.TransportFault';
  /** True for any TransportFault, even one from a second copy of this package. */
  static override readonly is = brandGuard<TransportFault>(TransportFault.brand);
  override readonly name = 'TransportFault';

  constructor(
    readonly kind: TransportFaultKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** `TRANSPORT_REFUSED`, `TRANSPORT_TIMEOUT`, … one per {@link TransportFaultKind}. */
  get code(): string {
    return `TRANSPORT_${this.kind.toUpperCase()}`;
  }

  /** What to check for this kind of fault. */
  get fix(): string {
    return FIX[this.kind];
  }
}
