import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcessClient, type ProcessClient } from './process-client.ts';
import { KitError } from '../../errors/kit-error.ts';
import { TransportFault } from '../../errors/transport-fault.ts';
import type { ChangePasswordInput } from '../client.ts';

const FAKE = fileURLToPath(new URL('./fixtures/fake-client.mjs', import.meta.url));
const command = (mode: string): string => `"${process.execPath}" "${FAKE}" ${mode}`;
const context = { endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'ak', secretAccessKey: 'sk-VERY-SECRET-0001' } };
const input = (password: string): ChangePasswordInput => ({ service: 'bcc', instanceId: 'i-1', password });

let started: ProcessClient[] = [];
afterEach(async () => {
  await Promise.all(started.map((c) => c.close()));
  started = [];
});

async function start(mode: string, extra: { caseTimeoutMs?: number; maxRestarts?: number } = {}) {
  const logFile = join(mkdtempSync(join(tmpdir(), 'client-log-')), 'client-stderr.log');
  const client = await startProcessClient({ command: command(mode), logFile, helloTimeoutMs: 10_000, secrets: ['sk-VERY-SECRET-0001'], ...extra });
  started.push(client);
  return { client, logFile };
}

/** The fault thrown for a case, or a failure when the case was answered. */
async function faultOf(promise: Promise<unknown>): Promise<TransportFault> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(TransportFault.is(error), `expected a TransportFault, got ${String(error)}`).toBe(true);
  return error as TransportFault;
}

describe('process client', () => {
  it('reads the hello, asks one case per line and maps answers to outcomes', async () => {
    const { client, logFile } = await start('ok');
    expect(client.name).toBe('fake ok');
    expect(await client.changePassword(input('Secret-pw-1'), context)).toEqual({ kind: 'success', status: 200, body: { echo: 'bcc' } });
    expect(await client.changePassword({ service: 'dcs', projectId: 'p', instanceId: 'd', oldPassword: 'Old-pw-123', newPassword: 'New-pw-456' }, context)).toMatchObject({ kind: 'success' });
    expect(client.events).toEqual([]);
    await client.close();
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('case c1 with secret <redacted>');
    expect(log).not.toContain('sk-VERY-SECRET-0001');
  });

  it('answers not-implemented for a service the hello does not list, without asking', async () => {
    const { client } = await start('bcc-only');
    expect(await client.changePassword({ service: 'dcs', projectId: 'p', instanceId: 'd', oldPassword: 'a', newPassword: 'b' }, context)).toEqual({ kind: 'not-implemented', message: "the client's hello lists services bcc, not dcs" });
  });

  it('a garbage line is a fault naming the case and quoting the line (password redacted), then a restart', async () => {
    const { client } = await start('garbage');
    await client.changePassword(input('Secret-pw-1'), context);
    const fault = await faultOf(client.changePassword(input('Secret-pw-2'), context));
    expect(fault.message).toContain('case c2 (bcc changePassword of instance "i-1")');
    expect(fault.message).toContain('is not JSON: "DEBUG sending <redacted>"');
    expect(fault.message).toContain('send logs to stderr');
    expect(fault.message).not.toContain('Secret-pw-2');
    expect(client.restarts).toBe(1);
    expect(await client.changePassword(input('Secret-pw-3'), context)).toMatchObject({ kind: 'success' });
  });

  it('a case without an answer times out, the client is restarted and the next case is asked', async () => {
    const { client } = await start('silent', { caseTimeoutMs: 300 });
    await client.changePassword(input('Secret-pw-1'), context);
    const fault = await faultOf(client.changePassword(input('Secret-pw-2'), context));
    expect(fault.kind).toBe('timeout');
    expect(fault.message).toMatch(/did not answer case c2 .* within 300 ms \(raise it with --client-timeout\)/);
    expect(client.events[0]).toMatch(/^client restarted \(1 of at most 3\): no answer to case c2/);
    expect(await client.changePassword(input('Secret-pw-3'), context)).toMatchObject({ kind: 'success' });
  });

  it('a client that exits mid-run is reported with its last stderr line and restarted', async () => {
    const { client } = await start('dies');
    await client.changePassword(input('Secret-pw-1'), context);
    const fault = await faultOf(client.changePassword(input('Secret-pw-2'), context));
    expect(fault.message).toContain('exited (code 3) while answering case c2');
    expect(fault.message).toContain('fatal: out of cheese');
    expect(await client.changePassword(input('Secret-pw-3'), context)).toMatchObject({ kind: 'success' });
    expect(client.restarts).toBe(1);
    expect(client.events.join('\n')).toMatch(/client exited \(code 3\) while answering case c2[\s\S]*client restarted \(1 of at most 3\)/);
  });

  it('stops asking after too many restarts, and says so', async () => {
    const { client } = await start('dies', { maxRestarts: 1 });
    await client.changePassword(input('a-pw-0001'), context);
    await faultOf(client.changePassword(input('a-pw-0002'), context)); // dies
    await client.changePassword(input('a-pw-0003'), context); // restarted: case 1 of the new process
    await faultOf(client.changePassword(input('a-pw-0004'), context)); // dies again
    const fault = await faultOf(client.changePassword(input('a-pw-0005'), context));
    expect(fault.message).toMatch(/not asked case c5 .*restarted 1 times and is no longer asked/);
  });

  it.each([
    ['no-hello', /first line is not JSON: "Starting client v1\.0\.\.\."[\s\S]*print the hello line first/],
    ['v2', /speaks protocol 2, this kit speaks 1/],
  ])('a client whose hello is wrong (%s) is a configuration error', async (mode, message) => {
    const error = await start(mode).then(() => undefined, (e: unknown) => e);
    expect(KitError.is(error)).toBe(true);
    expect((error as KitError).message).toMatch(message);
  });

  it('a command that does not exist is a configuration error saying so', async () => {
    const error = await startProcessClient({ command: 'no-such-client-program-xyz', helloTimeoutMs: 10_000 }).then(() => undefined, (e: unknown) => e);
    expect(KitError.is(error)).toBe(true);
    expect((error as KitError).message).toMatch(/could not be started: the client exited \(code 127 \(command not found\)\) before its hello line/);
  });
});
