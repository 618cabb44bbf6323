/**
 * `@baiducloud/sdk` driven through the generic `BceBaseClient.sendRequest` (inherited by
 * `BccClient`): the SDK signs the request; the adapter builds the changePass call itself.
 */
import { encryptAdminPass } from '../../auth/password-cipher.ts';
import { defineAdapter, type ChangePasswordOutcome } from '../client.ts';
import { baiduOutcome, bccClientFor, exceptionOutcome } from './baidu-sdk.ts';

/** `PUT /v2/instance/{id}?changePass=` with `adminPass` encrypted under the SK. */
export default defineAdapter({
  name: '@baiducloud/sdk BceBaseClient.sendRequest',
  services: ['bcc'],
  async changePassword(input, context): Promise<ChangePasswordOutcome> {
    if (input.service !== 'bcc') return { kind: 'not-implemented', message: `this adapter only calls bcc, not ${input.service}` };
    try {
      const body = JSON.stringify({ adminPass: encryptAdminPass(input.password, context.credentials.secretAccessKey) });
      const resource = `/v2/instance/${encodeURIComponent(input.instanceId)}`;
      // `{changePass: ''}` is serialised as `changePass=`, the JS/Python wire form.
      return await baiduOutcome(bccClientFor(context).sendRequest('PUT', resource, { params: { changePass: '' }, body }));
    } catch (error) {
      return exceptionOutcome(error);
    }
  },
});
