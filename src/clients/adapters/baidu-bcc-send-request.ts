/**
 * `@baiducloud/sdk` driven through the generic `BceBaseClient.sendRequest` (inherited by
 * `BccClient`): the SDK signs the request; the adapter builds the changePass call itself.
 */
import { encryptAdminPass } from '../../auth/password-cipher.ts';
import { fillPath } from '../../contract/operation-path.ts';
import { requiredFact, shippedFacts } from '../../contract/shipped-facts.ts';
import { defineAdapter, type ChangePasswordOutcome } from '../client.ts';
import { baiduOutcome, bccClientFor, exceptionOutcome } from './baidu-sdk.ts';

/** `PUT /v2/instance/{id}?changePass=` with `adminPass` encrypted under the SK. */
export default defineAdapter({
  name: '@baiducloud/sdk BceBaseClient.sendRequest',
  services: ['bcc'],
  async changePassword(input, context): Promise<ChangePasswordOutcome> {
    if (input.service !== 'bcc') return { kind: 'not-implemented', message: `this adapter only calls bcc, not ${input.service}` };
    try {
      const facts = shippedFacts('bcc');
      const body = JSON.stringify({ [requiredFact(facts.encryption, 'bcc', '/encryption').field]: encryptAdminPass(input.password, context.credentials.secretAccessKey) });
      const change = facts.operations.changePassword;
      const resource = fillPath(change.path, { instanceId: input.instanceId });
      // `{changePass: ''}` is serialised as `changePass=`, the JS/Python wire form.
      return await baiduOutcome(bccClientFor(context).sendRequest(change.method, resource, { params: { [requiredFact(change.query, 'bcc', '/operations/changePassword/query')]: '' }, body }));
    } catch (error) {
      return exceptionOutcome(error);
    }
  },
});
