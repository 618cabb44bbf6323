/**
 * `@huaweicloud/huaweicloud-sdk-core` HcClient sending DCS `updatePassword` the way a generated
 * `DcsClient` would (no DCS package is on npm). HcClient + DefaultHttpClient are built directly
 * with a fixed User-Agent, never through ClientBuilder, so nothing is written to ~/.huaweicloud.
 */
import { HcClient, type HttpRequestOptions } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js';
import { DefaultHttpClient } from '@huaweicloud/huaweicloud-sdk-core/http/DefaultHttpClient.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { ClientRequestException } from '@huaweicloud/huaweicloud-sdk-core/exception/ClientRequestException.js';
import { ServerResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServerResponseException.js';
import { ServiceResponseException } from '@huaweicloud/huaweicloud-sdk-core/exception/ServiceResponseException.js';
import { LogLevel, type Logger } from '@huaweicloud/huaweicloud-sdk-core/logger/index.js';
import type { SdkResponse } from '@huaweicloud/huaweicloud-sdk-core/SdkResponse.js';
import { requiredFact, shippedFacts } from '../../contract/shipped-facts.ts';
import { defineAdapter, type AdapterContext, type ChangePasswordOutcome } from '../client.ts';

/** `UpdatePasswordResponse` of the DCS API: the spec's `lockout.fields` (numbers arrive as strings). */
type UpdatePasswordResponse = SdkResponse & { readonly [field: string]: unknown };

/** The 200 body's fields and the request's password fields, as the spec names them. */
const dcsFacts = (): { bodyFields: string[]; newField: string; oldField: string } => {
  const facts = shippedFacts('dcs');
  const [newField, oldField] = facts.passwordPolicy.fields as [string, string];
  return { bodyFields: Object.values(requiredFact(facts.lockout, 'dcs', '/lockout').fields), newField, oldField };
};

/** DefaultHttpClient logs every non-2xx answer (with the request config) to stdout; keep it quiet. */
export const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

/** An HcClient for the context's endpoint; the project id fills `{project_id}` and X-Project-Id. */
function dcsClient(context: AdapterContext, projectId: string): HcClient {
  const http = new DefaultHttpClient({ headers: { 'User-Agent': 'pwchange-conformance-adapter' }, logger: quietLogger }, [context.endpoint]);
  const { accessKeyId, secretAccessKey } = context.credentials;
  const credentials = new BasicCredentials().withAk(accessKeyId).withSk(secretAccessKey).withProjectId(projectId);
  return new HcClient(http).withCredential(credentials).withEndpoints([context.endpoint]);
}

/** Maps what HcClient threw: API errors (4xx/5xx) → `error`; anything else → `exception`. */
function thrownOutcome(error: unknown): ChangePasswordOutcome {
  if (error instanceof ClientRequestException || error instanceof ServerResponseException) {
    const outcome: ChangePasswordOutcome = { kind: 'error', status: Number(error.httpStatusCode) };
    if (error.errorCode !== undefined) outcome.code = error.errorCode;
    if (error.errorMsg !== undefined) outcome.message = error.errorMsg;
    return outcome;
  }
  // A network failure arrives as a bare ServiceResponseException without a status.
  if (error instanceof ServiceResponseException) return { kind: 'exception', name: 'ServiceResponseException', message: error.errorMsg ?? error.message };
  if (error instanceof Error) return { kind: 'exception', name: error.name, message: error.message };
  return { kind: 'exception', name: typeof error, message: String(error) };
}

/** `PUT /v2/{project_id}/instances/{instance_id}/password` through `HcClient.sendRequest`. */
export default defineAdapter({
  name: '@huaweicloud/huaweicloud-sdk-core HcClient',
  services: ['dcs'],
  async changePassword(input, context): Promise<ChangePasswordOutcome> {
    if (input.service !== 'dcs') return { kind: 'not-implemented', message: `this adapter only calls dcs, not ${input.service}` };
    const { bodyFields, newField, oldField } = dcsFacts();
    const options: HttpRequestOptions = {
      method: 'PUT',
      url: shippedFacts('dcs').operations.changePassword.path,
      contentType: 'application/json;charset=UTF-8',
      queryParams: {},
      pathParams: { instance_id: input.instanceId },
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      data: { [oldField]: input.oldPassword, [newField]: input.newPassword },
    };
    try {
      const response = await dcsClient(context, input.projectId).sendRequest<UpdatePasswordResponse>(options);
      const body: Record<string, string> = {};
      for (const field of bodyFields) if (response[field] !== undefined) body[field] = String(response[field]);
      return { kind: 'success', status: Number(response.httpStatusCode), body };
    } catch (error) {
      return thrownOutcome(error);
    }
  },
});
