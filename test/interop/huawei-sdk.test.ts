/**
 * Interop with the official Huawei SDK core (`@huaweicloud/huaweicloud-sdk-core` 3.1.x) against
 * the simulator over HTTP. No DCS package exists on npm, so the request options are built the
 * way a generated `DcsClient.updatePassword` would build them and sent through `HcClient`.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HcClient, type HttpRequestOptions } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { DefaultHttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { DEFAULT_CREDENTIALS } from '../../src/auth/default-credentials.ts';
import { startSimHarness, type SimHarness } from './sim-http.ts';
// The adapter's silent logger: DefaultHttpClient logs every non-2xx answer to stdout otherwise.
import { quietLogger } from '../../src/clients/adapters/huawei-dcs-core.ts';

/** `UpdatePasswordResponse` of the DCS API (numbers arrive as strings). */
interface UpdatePasswordResponse extends SdkResponse {
  result?: string;
  retry_times_left?: string;
  lock_time?: string;
  lock_time_left?: string;
  message?: string;
}

const { accessKeyId: ak, secretAccessKey: sk } = DEFAULT_CREDENTIALS.dcs;
const PROJECT = 'p1';
const OLD = 'OldPass@123';
const NEW = 'NewPass@456';

// `ClientBuilder.build()` would compute a default User-Agent that writes
// ~/.huaweicloud/application_id. Building HcClient + DefaultHttpClient directly (as below)
// never reaches that code; the last test proves the home directory was left alone.
const appIdDir = join(homedir(), '.huaweicloud');
const appIdDirBefore = existsSync(appIdDir) ? statSync(appIdDir).mtimeMs : null;

let h: SimHarness;
beforeAll(async () => {
  h = await startSimHarness();
});
afterAll(async () => {
  await h?.srv.close();
});

function dcsClient(secret = sk): HcClient {
  const http = new DefaultHttpClient({ headers: { 'User-Agent': 'pwchange-conformance-interop' }, logger: quietLogger }, [h.srv.url]);
  // projectId fills `{project_id}` and adds the X-Project-Id header the signature covers.
  const credentials = new BasicCredentials().withAk(ak).withSk(secret).withProjectId(PROJECT);
  return new HcClient(http).withCredential(credentials).withEndpoints([h.srv.url]);
}

/** The options a generated `updatePassword` passes to `HcClient.sendRequest`. HcClient
 * substitutes `{instance_id}` from pathParams, the credentials substitute `{project_id}`, and
 * a JSON contentType becomes the signed `content-type: application/json` header. */
function updatePassword(client: HcClient, instanceId: string, oldPassword: string, newPassword: string): Promise<UpdatePasswordResponse> {
  const options: HttpRequestOptions = {
    method: 'PUT',
    url: '/v2/{project_id}/instances/{instance_id}/password',
    contentType: 'application/json;charset=UTF-8',
    queryParams: {},
    pathParams: { instance_id: instanceId },
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    data: { old_password: oldPassword, new_password: newPassword },
  };
  return client.sendRequest<UpdatePasswordResponse>(options);
}

async function dcsInstance(instanceId: string, status = 'RUNNING'): Promise<void> {
  await h.setup('dcs instance', { projectId: PROJECT, instanceId, status, password: OLD });
}

const inspect = (instanceId: string) => h.inspect({ service: 'dcs', instanceId, projectId: PROJECT });

describe('Huawei @huaweicloud/huaweicloud-sdk-core HcClient against the simulator over HTTP', () => {
  it('(a) a signed PUT .../password answers 200 result "success" and stores the new password', async () => {
    await dcsInstance('inst-ok');
    const res = await updatePassword(dcsClient(), 'inst-ok', OLD, NEW);
    // HcClient returns the parsed body with the status added as `httpStatusCode`.
    expect(res).toMatchObject({ httpStatusCode: 200, result: 'success', retry_times_left: '5' });
    expect(await inspect('inst-ok')).toMatchObject({ status: 'RUNNING', password: NEW, failedAttempts: 0 });

    const ex = h.lastExchange(`/v2/${PROJECT}/instances/inst-ok/password`);
    expect(ex, 'the simulator recorded no exchange for the DCS password path').toBeDefined();
    expect(ex!.request.method).toBe('PUT');
    expect(ex!.request.headers['x-project-id']).toBe(PROJECT);
    expect(ex!.request.headers.authorization).toMatch(new RegExp(`^SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=\\S*x-project-id\\S*, Signature=<redacted>$`));
    expect(ex!.findings).toContainEqual({ rule: 'DCS-CLIENT-SIGNATURE', ok: true, detail: `signed by ${ak}` });
    // The official SDK core breaks no client-side rule.
    expect(ex!.findings.filter((f) => !f.ok)).toEqual([]);
    expect(ex!.findings.map((f) => f.rule).sort()).toEqual(['DCS-CLIENT-BODY', 'DCS-CLIENT-HEADERS', 'DCS-CLIENT-ROUTE', 'DCS-CLIENT-SIGNATURE']);
  });

  it('(b) a wrong old password resolves (200) with result "passwordFailed" and retry_times_left "4"', async () => {
    await dcsInstance('inst-wrong');
    const res = await updatePassword(dcsClient(), 'inst-wrong', 'Wrong@12345', NEW);
    expect(res).toMatchObject({ httpStatusCode: 200, result: 'passwordFailed', retry_times_left: '4' });
    expect(await inspect('inst-wrong')).toMatchObject({ password: OLD, failedAttempts: 1 });
  });

  it('(c) a non-RUNNING instance raises ClientRequestException 400 DCS.4049', async () => {
    await dcsInstance('inst-restarting', 'RESTARTING');
    const error = await updatePassword(dcsClient(), 'inst-restarting', OLD, NEW).then(
      (res) => expect.fail(`expected a ClientRequestException, got ${JSON.stringify(res)}`),
      (e: unknown) => e,
    );
    // ExceptionUtil maps 4xx to ClientRequestException and reads error_code / error_msg.
    expect(error).toBeInstanceOf(ClientRequestException);
    expect(error).toMatchObject({ httpStatusCode: 400, errorCode: 'DCS.4049', errorMsg: expect.stringContaining('not running') });
    expect(await inspect('inst-restarting')).toMatchObject({ status: 'RESTARTING', password: OLD });
  });

  it('(d) a wrong SK raises ClientRequestException 401 APIGW.0301', async () => {
    await dcsInstance('inst-badsk');
    const error = await updatePassword(dcsClient('sim-dcs-WRONG-secret-key-000001'), 'inst-badsk', OLD, NEW).then(
      (res) => expect.fail(`expected a ClientRequestException, got ${JSON.stringify(res)}`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientRequestException);
    expect(error).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
    expect(await inspect('inst-badsk')).toMatchObject({ password: OLD, failedAttempts: 0 });
    const ex = h.lastExchange(`/v2/${PROJECT}/instances/inst-badsk/password`);
    expect(ex!.findings).toContainEqual(expect.objectContaining({ rule: 'DCS-CLIENT-SIGNATURE', ok: false }));
  });

  it('wrote nothing under ~/.huaweicloud', () => {
    expect(existsSync(appIdDir) ? statSync(appIdDir).mtimeMs : null).toBe(appIdDirBefore);
  });
});
