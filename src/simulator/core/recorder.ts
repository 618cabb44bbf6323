/** Records every exchange, secrets redacted, so the kit can judge what a client sent. */
import type { RecordedExchange } from '../../report/exchange.ts';

export type { RecordedExchange };


/** Default byte budget of the log: about ten thousand ordinary exchanges. */
export const DEFAULT_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * Longest body text kept per exchange. Clients choose body sizes; without a cap per entry a
 * few large junk bodies would push every useful exchange out of the log (issue 12, defect 6).
 */
export const MAX_RECORDED_BODY = 8 * 1024;

/** Fixed cost per entry besides its strings: objects, arrays, numbers (an estimate). */
const ENTRY_OVERHEAD = 256;

/**
 * A text as kept in the log: cut at {@link MAX_RECORDED_BODY}, saying how much was left out.
 * The kept part is copied: a `slice` of a long string keeps the whole string alive in V8,
 * which made every junk body cost its full size in the log.
 */
export function clipBody(text: string): string {
  if (text.length <= MAX_RECORDED_BODY) return text;
  const kept = Buffer.from(text.slice(0, MAX_RECORDED_BODY), 'utf8').toString('utf8');
  return `${kept}…[${text.length - MAX_RECORDED_BODY} more characters not recorded]`;
}

const utf8 = new TextDecoder();

/**
 * A request body as text for the log, decoding only its first {@link MAX_RECORDED_BODY} bytes
 * (then `redact`, which handles a value cut off at the end), and saying how much was left out.
 */
export function recordedBody(body: Uint8Array, redact: (text: string) => string): string {
  if (body.length <= MAX_RECORDED_BODY) return redact(utf8.decode(body));
  return `${redact(utf8.decode(body.subarray(0, MAX_RECORDED_BODY)))}…[${body.length - MAX_RECORDED_BODY} more bytes not recorded]`;
}

function stringBytes(record: Record<string, string>): number {
  let n = 0;
  for (const key in record) n += key.length + record[key]!.length;
  return n;
}

/**
 * Approximate memory of an entry: two bytes per UTF-16 code unit of every string (the worst
 * case for V8), plus a fixed overhead. An estimate, but one that grows with what clients send.
 */
function sizeOf(e: Omit<RecordedExchange, 'seq'>): number {
  let chars = e.at.length + e.service.length + e.operation.length;
  chars += e.request.method.length + e.request.path.length + e.request.query.length + e.request.body.length + stringBytes(e.request.headers);
  chars += e.response.body.length + stringBytes(e.response.headers);
  for (const f of e.findings) chars += f.rule.length + f.detail.length;
  return 2 * chars + ENTRY_OVERHEAD;
}

/** An in-memory log of exchanges, bounded in bytes: the oldest go first, and are counted. */
export class Recorder {
  private log: RecordedExchange[] = [];
  private sizes: number[] = [];
  /** Index of the oldest live entry (entries before it are dropped; compacted now and then). */
  private head = 0;
  private seq = 0;
  private used = 0;
  private droppedCount = 0;

  constructor(private readonly maxBytes = DEFAULT_RECORD_BYTES, public enabled = true) {}

  record(entry: Omit<RecordedExchange, 'seq'>): void {
    if (!this.enabled) return;
    const size = sizeOf(entry);
    this.log.push({ ...entry, seq: ++this.seq });
    this.sizes.push(size);
    this.used += size;
    while (this.used > this.maxBytes && this.head < this.log.length) {
      this.used -= this.sizes[this.head]!;
      this.head++;
      this.droppedCount++;
    }
    // Compact once the dropped prefix is as long as what is left: amortised O(1) per entry.
    if (this.head > 1024 && this.head * 2 > this.log.length) {
      this.log = this.log.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
  }

  /** Exchanges recorded so far and still kept, oldest first. */
  exchanges(): readonly RecordedExchange[] {
    return this.head === 0 ? this.log : this.log.slice(this.head);
  }

  /** Estimated bytes held by the kept exchanges (at most the budget). */
  get bytes(): number {
    return this.used;
  }

  /** Exchanges dropped to stay within the budget since the last {@link clear}. */
  get dropped(): number {
    return this.droppedCount;
  }

  /** Exchanges recorded since the last {@link clear}, kept or dropped. */
  get total(): number {
    return this.exchanges().length + this.droppedCount;
  }

  clear(): void {
    this.log = [];
    this.sizes = [];
    this.head = 0;
    this.used = 0;
    this.droppedCount = 0;
  }
}
