/**
 * `@baiducloud/sdk` as shipped: `BccClient.changeInstanceAdminPassword` is `abstractMethod`,
 * which throws `unimplemented method` synchronously; the kit reports that as not-implemented.
 */
import { defineAdapter, type ChangePasswordOutcome } from '../client.ts';
import { baiduOutcome, bccClientFor, exceptionOutcome, type BceResponse } from './baidu-sdk.ts';

const UNIMPLEMENTED = /unimplemented method/i;

/** Calls the SDK's own `changeInstanceAdminPassword` (plaintext in; the SDK should encrypt). */
export default defineAdapter({
  name: '@baiducloud/sdk BccClient.changeInstanceAdminPassword',
  services: ['bcc'],
  async changePassword(input, context): Promise<ChangePasswordOutcome> {
    if (input.service !== 'bcc') return { kind: 'not-implemented', message: `this adapter only calls bcc, not ${input.service}` };
    let call: PromiseLike<BceResponse>;
    try {
      call = bccClientFor(context).changeInstanceAdminPassword(input.instanceId, input.password);
    } catch (error) {
      if (error instanceof Error && UNIMPLEMENTED.test(error.message)) return { kind: 'not-implemented', message: error.message };
      return exceptionOutcome(error);
    }
    // Should a later SDK version implement it, its answer is mapped like any other call.
    return baiduOutcome(call);
  },
});
