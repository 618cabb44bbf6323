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

const SECRET_FIELDS = /("(?:adminPass|old_password|new_password|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** Replaces password fields in a JSON-ish body with a marker, even when the body is not valid JSON. */
export function redactBody(body: string): string {
  return body.replace(SECRET_FIELDS, '$1"<redacted>"');
}

/** Keeps the scheme and access key of an Authorization value; drops the signature. */
export function redactAuthorization(value: string): string {
  if (value.startsWith('bce-auth-v1/')) {
    const parts = value.split('/');
    return `${parts.slice(0, 5).join('/')}/<signature redacted>`;
  }
  return value.replace(/Signature=[^,\s]*/i, 'Signature=<redacted>');
}

/** Redacts secrets from a header map (Authorization signature, security tokens). */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers);
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') out[lower] = redactAuthorization(value);
    else if (lower.includes('token') || lower.includes('secret')) out[lower] = '<redacted>';
    else out[lower] = value;
  }
  return out;
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
