/**
 * BCC-ENC-KEY for ciphertext whose padding is broken. adminPass is AES-128-ECB with PKCS#5/#7
 * padding (facts.md §1, "Password encryption in transit"): a last block whose padding bytes
 * are not all equal to the pad length is malformed ciphertext and must be rejected, changing
 * nothing — even when its last byte alone would strip down to a valid password.
 */
import { createCipheriv } from 'node:crypto';
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectPassword } from '../harness/expectations.ts';
import { BLOCK, allowedStatus, facts, sendChange } from './bcc-kit.ts';

const PASSWORD = 'Abc12345!';

/** Encrypts `bytes` (already a whole number of blocks) without adding padding. */
function encryptRaw(bytes: Buffer, secretAccessKey: string): string {
  const cipher = createCipheriv('aes-128-ecb', Buffer.from(Array.from(secretAccessKey).slice(0, BLOCK).join(''), 'utf8'), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(bytes), cipher.final()]).toString('hex');
}

/** The password followed by `pad`, which must fill the block. */
function padded(pad: number[]): Buffer {
  const bytes = Buffer.concat([Buffer.from(PASSWORD, 'utf8'), Buffer.from(pad)]);
  if (bytes.length % BLOCK !== 0) throw new Error('suite bug: padding must fill the block');
  return bytes;
}

const n = BLOCK - Buffer.byteLength(PASSWORD);
const BROKEN: ReadonlyArray<{ label: string; bytes: Buffer }> = [
  { label: `last byte ${n}, the others zero`, bytes: padded([...Array<number>(n - 1).fill(0), n]) },
  { label: `last byte ${n}, one other differs`, bytes: padded([...Array<number>(n - 2).fill(n), n + 1, n]) },
  { label: 'pad length 0', bytes: padded(Array<number>(n).fill(0)) },
  { label: `pad length ${BLOCK + 1}`, bytes: Buffer.concat([padded(Array<number>(n).fill(n)), Buffer.alloc(BLOCK, BLOCK + 1)]) },
];

ruleCheck('BCC-ENC-KEY', { needs: ['rawRequests', 'setupState'] }, async (rc) => {
  await examples(rc, 'broken PKCS#7 padding', BROKEN, async ({ label, bytes }) => {
    const instance = await rc.bccInstance(allowedStatus);
    const adminPass = encryptRaw(bytes, rc.target.credentials.bcc.secretAccessKey);
    const sent = await sendChange(rc, label, { instanceId: instance.instanceId, password: PASSWORD, rawBody: JSON.stringify({ [facts.encryption!.field]: adminPass }) });
    const o = sent.outcome;
    rc.check(o.kind === 'error' && o.status !== undefined && o.status >= 400 && o.status < 500, describeOutcome(o), 'a 4xx: the ciphertext does not end in valid PKCS#7 padding (facts.md §1)');
    await expectPassword(rc, 'bcc', instance, instance.password, 'malformed ciphertext changes nothing');
  }, { describe: (b) => b.label });
});
