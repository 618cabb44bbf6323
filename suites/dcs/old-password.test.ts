/**
 * DCS-LOCK-WRONG-OLD for an old password that differs only in letter case. The seed page's
 * password rules count upper- and lowercase letters as different character types, so a
 * case-changed password is a different, wrong password: it must not change anything.
 */
import { ruleCheck } from '../harness/rule-check.ts';
import { examples } from '../harness/property.ts';
import { describeOutcome, expectPassword } from '../harness/expectations.ts';
import { running, succeeded } from './dcs-kit.ts';

const swapCase = (s: string): string => Array.from(s).map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');

ruleCheck('DCS-LOCK-WRONG-OLD', { needs: ['setupState'] }, async (rc) => {
  const olds = ['OldPass@123', 'abcDEF12#x', 'Zz9!Zz9!Zz'];
  await examples(rc, 'the old password in another letter case', olds, async (old) => {
    const instance = await rc.dcsInstance(running, old);
    const variants = [swapCase(old), old.toLowerCase(), old.toUpperCase()].filter((v, i, all) => v !== old && all.indexOf(v) === i);
    for (const variant of variants) {
      const sent = await rc.change('the old password in another letter case', { service: 'dcs', projectId: instance.projectId, instanceId: instance.instanceId, oldPassword: variant, newPassword: 'NewPass@456' });
      rc.check(!succeeded(sent.outcome), `${describeOutcome(sent.outcome)} for the old password with its letter case changed`, 'not success: a password in another letter case is a different password (seed page, old_password row; letter case counts as a character type)');
      await expectPassword(rc, 'dcs', instance, old, 'a wrong old password changes nothing');
    }
  });
});
