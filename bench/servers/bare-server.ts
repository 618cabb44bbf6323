/**
 * Baseline: a bare node:http server that reads the body, JSON.parses it and answers a fixed
 * `{"ok":true}`. It is the ceiling a node:http-based simulator could reach on this machine.
 * Run directly: `node --import tsx bench/servers/bare-server.ts` (prints its URL as a JSON line).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce } from './print-url.ts';

const OK = '{"ok":true}';
const OK_LENGTH = String(Buffer.byteLength(OK));

// Same keep-alive timeout as src/simulator/server.ts, so the transport settings match.
const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json', 'content-length': '12' });
      res.end('{"ok":false}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': OK_LENGTH });
    res.end(OK);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  announce(`http://127.0.0.1:${port}`, server);
});
