/** The builtin adapters driving the official SDKs against the judging simulator (clientTarget). */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientTarget } from '../../targets/client-target.ts';
import type { Target } from '../../targets/target.ts';
import type { ClientAdapter } from '../client.ts';
import { BUILTIN_ADAPTERS } from './index.ts';

const BCC_RULES = ['BCC-CLIENT-BODY', 'BCC-CLIENT-ENCRYPTION', 'BCC-CLIENT-HEADERS', 'BCC-CLIENT-ROUTE', 'BCC-CLIENT-SIGNATURE'];
const DCS_RULES = ['DCS-CLIENT-BODY', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-ROUTE', 'DCS-CLIENT-SIGNATURE'];
const OLD = 'OldPass@123';
const NEW = 'NewPass@456';

/** Loads a builtin and wraps it in a client target; the caller closes it. */
async function targetFor(name: string): Promise<{ adapter: ClientAdapter; target: Target }> {
  const adapter = await BUILTIN_ADAPTERS[name]!();
  return { adapter, target: await clientTarget(adapter) };
}

/** Asserts the findings since the last call cover exactly `rules`, all passing. */
async function expectAllOk(target: Target, rules: string[]): Promise<void> {
  const findings = await target.takeClientFindings!();
  expect(findings.filter((f) => !f.ok)).toEqual([]);
  expect(findings.map((f) => f.rule).sort()).toEqual(rules);
}

/** A loopback URL nothing listens on (a port just released). */
async function deadEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('baidu-unimplemented: BccClient.changeInstanceAdminPassword', () => {
  let t: Target;
  beforeAll(async () => void ({ target: t } = await targetFor('baidu-unimplemented')));
  afterAll(async () => t?.close());

  it('surfaces the SDK stub as not-implemented and sends nothing', async () => {
    await t.state!.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
    const { outcome } = await t.changePassword({ service: 'bcc', instanceId: 'i-1', password: 'Abc12345!' });
    expect(outcome).toEqual({ kind: 'not-implemented', message: 'unimplemented method' });
    expect(await t.state!.inspect({ service: 'bcc', instanceId: 'i-1' })).toMatchObject({ password: 'Orig1234!' });
    expect(await t.takeClientFindings!()).toEqual([]);
  });
});

describe('baidu-send-request: BceBaseClient.sendRequest', () => {
  let adapter: ClientAdapter;
  let t: Target;
  beforeAll(async () => void ({ adapter, target: t } = await targetFor('baidu-send-request')));
  afterAll(async () => t?.close());

  it('changes the password (success, stored) and breaks no client rule', async () => {
    await t.state!.setupBccInstance({ instanceId: 'i-1', status: 'Running', adminPass: 'Orig1234!' });
    const { outcome } = await t.changePassword({ service: 'bcc', instanceId: 'i-1', password: 'Abc12345!' });
    expect(outcome).toEqual({ kind: 'success', body: {} });
    expect(await t.state!.inspect({ service: 'bcc', instanceId: 'i-1' })).toMatchObject({ status: 'Running', password: 'Abc12345!' });
    await expectAllOk(t, BCC_RULES);
  });

  it('a Starting instance: error 409 Instance.PasswordOperationForbidden, password kept', async () => {
    await t.state!.setupBccInstance({ instanceId: 'i-starting', status: 'Starting', adminPass: 'Orig1234!' });
    const { outcome } = await t.changePassword({ service: 'bcc', instanceId: 'i-starting', password: 'Abc12345!' });
    expect(outcome).toMatchObject({ kind: 'error', status: 409, code: 'Instance.PasswordOperationForbidden', message: expect.stringContaining('Running or Stopped') });
    expect(await t.state!.inspect({ service: 'bcc', instanceId: 'i-starting' })).toMatchObject({ password: 'Orig1234!' });
    // The client-rule oracle judges the request as sent, whatever the server then answers: the
    // encryption is judged too, though the status is refused before the simulator decrypts.
    await expectAllOk(t, BCC_RULES);
  });

  it('a refused connection is an exception, not an API error', async () => {
    const outcome = await adapter.changePassword({ service: 'bcc', instanceId: 'i-1', password: 'Abc12345!' }, { endpoint: await deadEndpoint(), credentials: t.credentials.bcc });
    expect(outcome).toMatchObject({ kind: 'exception', message: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('huawei-core: HcClient', () => {
  let adapter: ClientAdapter;
  let t: Target;
  beforeAll(async () => void ({ adapter, target: t } = await targetFor('huawei-core')));
  afterAll(async () => t?.close());
  const change = (instanceId: string, oldPassword = OLD) => t.changePassword({ service: 'dcs', projectId: 'p1', instanceId, oldPassword, newPassword: NEW });
  const inspect = (instanceId: string) => t.state!.inspect({ service: 'dcs', projectId: 'p1', instanceId });

  it('changes the password: success 200 with result "success"', async () => {
    await t.state!.setupDcsInstance({ projectId: 'p1', instanceId: 'inst-1', status: 'RUNNING', password: OLD });
    const { outcome } = await change('inst-1');
    expect(outcome).toMatchObject({ kind: 'success', status: 200, body: { result: 'success', retry_times_left: '5' } });
    expect(await inspect('inst-1')).toMatchObject({ status: 'RUNNING', password: NEW, failedAttempts: 0 });
    await expectAllOk(t, DCS_RULES);
  });

  it('a wrong old password: success 200 with result "passwordFailed"', async () => {
    await t.state!.setupDcsInstance({ projectId: 'p1', instanceId: 'inst-2', status: 'RUNNING', password: OLD });
    const { outcome } = await change('inst-2', 'Wrong@12345');
    expect(outcome).toMatchObject({ kind: 'success', status: 200, body: { result: 'passwordFailed', retry_times_left: '4' } });
    expect(await inspect('inst-2')).toMatchObject({ password: OLD, failedAttempts: 1 });
    await expectAllOk(t, DCS_RULES);
  });

  it('a RESTARTING instance: error 400 DCS.4049', async () => {
    await t.state!.setupDcsInstance({ projectId: 'p1', instanceId: 'inst-3', status: 'RESTARTING', password: OLD });
    const { outcome } = await change('inst-3');
    expect(outcome).toMatchObject({ kind: 'error', status: 400, code: 'DCS.4049', message: expect.stringContaining('not running') });
    expect(await inspect('inst-3')).toMatchObject({ status: 'RESTARTING', password: OLD });
    await expectAllOk(t, DCS_RULES);
  });

  it('a refused connection is an exception, not an API error', async () => {
    const outcome = await adapter.changePassword(
      { service: 'dcs', projectId: 'p1', instanceId: 'inst-1', oldPassword: OLD, newPassword: NEW },
      { endpoint: await deadEndpoint(), credentials: { ...t.credentials.dcs, projectId: 'p1' } },
    );
    expect(outcome).toMatchObject({ kind: 'exception' });
  });
});
