/** The simulator over HTTP (node:http), for SDKs and other processes to call. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from './simulator.ts';

/** A listening simulator server. */
export interface SimulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface ServeOptions {
  /** Port to listen on; 0 (default) lets the OS pick. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
}

function headersOf(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // A header value Fetch refuses (e.g. a control character) is left out; the signature
      // check then fails with a clear detail instead of the server crashing.
    }
  }
  return headers;
}

/** Reads the body up to `limit` bytes; beyond that it drains the rest and flags `oversize`. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Uint8Array; oversize: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let oversize = Number(req.headers['content-length'] ?? 0) > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) oversize = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: oversize ? new Uint8Array() : Buffer.concat(chunks), oversize }));
    req.on('error', reject);
  });
}

async function serve(simulator: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const { body, oversize } = await readBody(req, simulator.maxBodyBytes);
  const answer = await simulator.handleWire({
    method: req.method ?? 'GET',
    rawPath: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers: headersOf(req),
    body,
    oversize,
    remoteAddress: req.socket.remoteAddress,
  });
  if (answer.drop) {
    req.socket.destroy();
    return;
  }
  res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  res.end(answer.body);
}

/** Starts the simulator on loopback (by default) and resolves once it listens. */
export function startServer(simulator: Simulator, options: ServeOptions = {}): Promise<SimulatorServer> {
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    serve(simulator, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"simulator adapter failure"}');
    });
  });
  // A malformed request line or header must get a 400, not a reset connection.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port, address } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve({
        url: `http://${host}:${port}`,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
