/**
 * BCC-AUTH-MALFORMED, the version tag (bce-auth-v1 specification: the Authorization string is
 * `bce-auth-v1/{accessKeyId}/{timestamp}/{expirationSeconds}/{signedHeaders}/{signature}`).
 * The focused check rewrites the tag of a v1-signed header, so its signature no longer matches
 * either and a target that ignores the tag still refuses it. Here the header under another tag is
 * signed consistently with that tag in the signing-key input, exactly as v1 would be: only a
 * target that reads the tag refuses it.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { expectPassword, expectRejected } from '../harness/expectations.ts';
import { bceCanonicalRequest, bceDefaultSignedHeaders, bceSignature, bceSigningKey } from '../../src/auth/bce-auth-v1.ts';
import { parseRawQuery, percentDecode } from '../../src/auth/uri-encode.ts';
import { FIXED_PASSWORD, allowedStatus, buildChange } from './bcc-kit.ts';

/** Version tags that are not bce-auth-v1. */
const OTHER_TAGS = ['bce-auth-v2', 'bce-auth-v9', 'bce-auth-v1x'];

ruleCheck('BCC-AUTH-MALFORMED', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  const { secretAccessKey } = rc.target.credentials.bcc;
  await examples(rc, 'another version tag, signed consistently with it', OTHER_TAGS, async (tag) => {
    const instance = await rc.bccInstance(allowedStatus);
    const v1 = await buildChange(rc, { instanceId: instance.instanceId, password: FIXED_PASSWORD });
    const fields = (v1.headers.get('authorization') ?? '').split('/');
    if (fields.length !== 6) throw new Error(`suite bug: the kit's signer made "${fields.join('/')}", not six fields`);
    const [, accessKeyId, timestamp, expiration, list] = fields as [string, string, string, string, string, string];
    const prefix = `${tag}/${accessKeyId}/${timestamp}/${expiration}`;
    const url = new URL(v1.url);
    const canonical = bceCanonicalRequest({
      method: v1.method,
      path: percentDecode(url.pathname),
      query: parseRawQuery(url.search),
      headers: v1.headers,
      signedHeaders: list === '' ? bceDefaultSignedHeaders(v1.headers) : list.split(';'),
    });
    const headers = new Headers(v1.headers);
    headers.set('authorization', `${prefix}/${list}/${bceSignature(bceSigningKey(secretAccessKey, prefix), canonical)}`);
    const label = `Authorization tagged ${tag}, signed with that tag`;
    expectRejected(rc, await rc.send(label, { ...v1, headers }), 'auth-malformed', rc.rule, label);
    await expectPassword(rc, 'bcc', instance, instance.password, 'the old password is kept');
  });
});
