/**
 * What the client sent, as evidence beside a failed client-side finding. For a signature
 * mismatch the simulator's finding already holds its canonical request and string to sign;
 * this adds the request line and the headers the client signed and sent (signature redacted),
 * so an SDK author can diff the two without a debugger.
 */
import type { RecordedExchange } from './exchange.ts';

/** The part of a recorded request the evidence shows (the body never). */
type SentView = { request: Pick<RecordedExchange['request'], 'method' | 'path' | 'query' | 'headers'> };

/** Headers worth showing beside a finding (the signed ones and the body's type). */
const SHOWN = ['authorization', 'host', 'x-bce-date', 'x-sdk-date', 'x-project-id', 'content-type', 'content-length', 'x-sdk-content-sha256'];

/** One line: `PUT /path?query with authorization: …; x-sdk-date: …` (already redacted by the recorder). */
export function clientSent(exchange: SentView): string {
  const { method, path, query, headers } = exchange.request;
  const shown = SHOWN.filter((name) => headers[name] !== undefined).map((name) => `${name}: ${headers[name]}`);
  return `${method} ${path}${query ? `?${query}` : ''} with ${shown.join('; ') || 'none of the signed headers'}`;
}

/** The finding's detail, plus what the client sent when the finding failed. */
export function withEvidence(finding: { rule: string; ok: boolean; detail: string }, exchange: SentView): { rule: string; ok: boolean; detail: string } {
  if (finding.ok) return finding;
  return { ...finding, detail: `${finding.detail} — the client sent: ${clientSent(exchange)}` };
}
