/**
 * One raw HTTP/1.1 exchange over a TCP socket: the bytes are sent as given, so tests can send
 * what no HTTP client would (bad method tokens, both Content-Length and Transfer-Encoding,
 * bytes that are not UTF-8). The answer is parsed just enough to judge it.
 */
import { connect } from 'node:net';

/** A parsed answer; `status` 0 when the server closed without a status line. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connect to the complete answer. */
  ms: number;
}

/** Index of the end of the head (`\r\n\r\n`), or -1. */
function headEnd(data: Buffer): number {
  return data.indexOf('\r\n\r\n');
}

function parse(data: Buffer, ms: number): RawAnswer | undefined {
  let end = headEnd(data);
  // Interim answers (100 Continue) come before the real one: skip them.
  while (end >= 0 && /^HTTP\/1\.[01] 1\d\d/.test(data.subarray(0, 12).toString('latin1'))) {
    data = data.subarray(end + 4);
    end = headEnd(data);
  }
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? NaN);
  const body = data.subarray(end + 4);
  if (Number.isFinite(length) && body.length < length) return undefined;
  return { status, headers, body: body.subarray(0, Number.isFinite(length) ? length : body.length).toString('utf8'), ms };
}

/**
 * Sends `bytes` (in `chunks` pieces, `gapMs` apart, for slow senders) and resolves with the
 * first complete answer, or rejects after `timeoutMs` (a hang).
 */
export function rawExchange(port: number, bytes: Uint8Array, options: { timeoutMs?: number; chunks?: number; gapMs?: number } = {}): Promise<RawAnswer> {
  const { timeoutMs = 5_000, chunks = 1, gapMs = 0 } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let data = Buffer.alloc(0);
    let settled = false;
    const socket = connect(port, '127.0.0.1');
    const finish = (error: Error | undefined, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(answer!);
    };
    const timer = setTimeout(() => finish(new Error(`no complete answer within ${timeoutMs} ms (a hang); got ${JSON.stringify(data.toString('latin1').slice(0, 200))}`)), timeoutMs);
    socket.on('connect', async () => {
      const size = Math.ceil(bytes.length / chunks) || 1;
      for (let at = 0; at < bytes.length && !settled; at += size) {
        socket.write(bytes.subarray(at, at + size));
        if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      }
    });
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const answer = parse(data, performance.now() - started);
      if (answer) finish(undefined, answer);
    });
    socket.on('error', (error) => {
      // A reset after a complete answer is fine; before one, it is what the test judges.
      const answer = parse(data, performance.now() - started);
      if (answer) finish(undefined, answer);
      else finish(error);
    });
    socket.on('close', () => {
      const answer = parse(data, performance.now() - started);
      finish(undefined, answer ?? { status: 0, headers: {}, body: data.toString('latin1'), ms: performance.now() - started });
    });
  });
}

/** Builds request bytes from a head (lines without CRLF) and a body. */
export function requestBytes(lines: readonly string[], body: Uint8Array | string = ''): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body)]);
}
