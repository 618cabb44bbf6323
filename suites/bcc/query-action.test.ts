/**
 * BCC-AUTH-QUERY-FORMS, the other side (seed page, request structure: the `changePass` action is
 * named in the query of `PUT /v2/instance/{instanceId}`). The same PUT without that action, or
 * with another one, is not a password change: whatever the target answers, the stored password
 * stays as it was. (Which status it answers, no document says; a 5xx is judged by BCC-NO-5XX.)
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { expectPassword } from '../harness/expectations.ts';
import { FIXED_PASSWORD, allowedStatus, changeUrl, encryptedBody, signedRaw } from './bcc-kit.ts';

// No real action names (e.g. resize, stop): on a live target those would act on the instance.
const OTHER_QUERIES = ['', 'changePassword', 'noSuchAction', 'changePass_'];

ruleCheck('BCC-AUTH-QUERY-FORMS', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'a PUT that does not name the changePass action changes nothing', OTHER_QUERIES, async (query) => {
    const instance = await rc.bccInstance(allowedStatus);
    const label = query === '' ? 'PUT without a query' : `PUT ?${query}`;
    await rc.send(label, await signedRaw(rc, changeUrl(rc, instance.instanceId, query), encryptedBody(rc, FIXED_PASSWORD)));
    await expectPassword(rc, 'bcc', instance, instance.password, `the old password is kept: ${label} is not the changePass action (seed page, request structure)`);
  }, { describe: (q) => (q === '' ? '(no query)' : `?${q}`) });
});
