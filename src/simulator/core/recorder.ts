/** Records every exchange, secrets redacted, so the kit can judge what a client sent. */
import type { Finding } from './sim-types.ts';

/** One request/response pair as recorded. */
export interface RecordedExchange {
  seq: number;
  at: string;
  service: string;
  operation: string;
  request: { method: string; path: string; query: string; headers: Record<string, string>; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
  findings: Finding[];
}

/** A bounded in-memory log of exchanges (oldest dropped first). */
export class Recorder {
  private readonly log: RecordedExchange[] = [];
  private seq = 0;

  constructor(private readonly capacity = 10_000, public enabled = true) {}

  record(entry: Omit<RecordedExchange, 'seq'>): void {
    if (!this.enabled) return;
    this.log.push({ ...entry, seq: ++this.seq });
    if (this.log.length > this.capacity) this.log.shift();
  }

  /** Exchanges recorded so far, oldest first. */
  exchanges(): readonly RecordedExchange[] {
    return this.log;
  }

  clear(): void {
    this.log.length = 0;
  }
}
