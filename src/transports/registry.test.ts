import { describe, expect, it } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { TRANSPORTS, createTransport, type TransportName } from './registry.ts';

describe('the transport registry', () => {
  it('names every transport with a one-line description', () => {
    expect(Object.keys(TRANSPORTS).sort()).toEqual(['http', 'in-process', 'msw']);
    for (const [name, entry] of Object.entries(TRANSPORTS)) expect(entry.description, name).toMatch(/^\S.{20,160}$/);
  });

  it('builds a transport by name over a Fetch handler', async () => {
    const t = await createTransport('in-process', { handler: async (r) => new Response(`${r.method} ${new URL(r.url).pathname}`, { status: 202 }) });
    const answer = await t.send(new Request('http://x.in-process/a/b', { method: 'DELETE' }));
    expect([answer.status, await answer.text()]).toEqual([202, 'DELETE /a/b']);
    await t.close();
  });

  it('refuses an unknown name with the known ones as the fix', async () => {
    const error = await createTransport('carrier-pigeon' as TransportName, {} as never).catch((e: unknown) => e);
    expect(KitError.is(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/Unknown transport "carrier-pigeon"[\s\S]*http, in-process, msw/);
  });
});
