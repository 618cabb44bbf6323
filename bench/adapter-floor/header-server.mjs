// node:http only: `bare` answers like bench/servers/bare-server.ts, `simheaders` with the simulator's header set (content-type with charset, date, request id).
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
const mode = process.argv[2];
const OK = mode === 'simheaders' ? '{}' : '{"ok":true}';
const server = createServer({ keepAliveTimeout: 5000, requireHostHeader: mode !== 'simheaders-nohost' }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (mode === 'bare') res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(OK.length) });
    else res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8', date: new Date().toUTCString(), 'x-bce-request-id': randomUUID(), 'content-length': OK.length });
    res.end(OK);
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('SIGTERM', () => process.exit(0));
