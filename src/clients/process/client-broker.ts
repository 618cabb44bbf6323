/**
 * Shares one client process among the suite workers. The run's main process owns the client
 * (so it starts once per run, and the main process sees every restart); it serves it on a
 * loopback port, and each worker's adapter is a thin HTTP caller of that port.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransportFault } from '../../errors/transport-fault.ts';
import type { AdapterContext, ChangePasswordInput, ClientAdapter, ChangePasswordOutcome } from '../client.ts';

/** The adapter spec prefix that names a broker (`--client` never takes it from a user). */
export const BROKER_SPEC_PREFIX = 'process-broker:';

type Reply = { outcome: ChangePasswordOutcome } | { fault: { kind: TransportFault['kind']; message: string } } | { error: string };

/** Serves `adapter` on 127.0.0.1 (any free port); returns the adapter spec workers load. */
export async function startClientBroker(adapter: ClientAdapter): Promise<{ spec: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (body: Reply | { name: string; services: string[] }): void => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET') return reply({ name: adapter.name, services: adapter.services });
      let call: { input: ChangePasswordInput; context: AdapterContext };
      try {
        call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof call;
      } catch {
        return reply({ error: 'the broker takes a JSON body {input, context}' });
      }
      const { input, context } = call;
      adapter.changePassword(input, context).then(
        (outcome) => reply({ outcome }),
        (error: unknown) => reply(TransportFault.is(error) ? { fault: { kind: error.kind, message: error.message } } : { error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    spec: `${BROKER_SPEC_PREFIX}http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The worker side: an adapter that asks the broker at `spec`. */
export async function brokerAdapter(spec: string): Promise<ClientAdapter> {
  const url = spec.slice(BROKER_SPEC_PREFIX.length);
  const info = (await (await fetch(url)).json()) as { name: string; services: Array<'bcc' | 'dcs'> };
  return {
    name: info.name,
    services: info.services,
    async changePassword(input, context) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input, context }) });
      const reply = (await res.json()) as Reply;
      if ('outcome' in reply) return reply.outcome;
      if ('fault' in reply) throw new TransportFault(reply.fault.kind, reply.fault.message);
      throw new Error(reply.error);
    },
  };
}
