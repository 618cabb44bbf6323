import { describe, expect, it } from 'vitest';
import { cycledPassword } from '../contract/cycled-password.ts';
import { serviceCases, validPassword } from './cases.ts';

describe('the Pact cases take their passwords from the kit\'s one cycling implementation', () => {
  for (const service of ['bcc', 'dcs'] as const) {
    it(`${service}: the valid password and the length cases are cycledPassword's`, () => {
      const { contract, cases } = serviceCases(service);
      const policy = contract.facts.passwordPolicy;
      const valid = cycledPassword(policy.classes, Math.min(policy.minLength + 2, policy.maxLength));
      expect(validPassword(policy)).toBe(valid);
      expect(validPassword(policy, 2)).toBe(cycledPassword(policy.classes, valid.length, 2));
      const sent = cases.map((c) => (c.service === 'bcc' ? c.password : c.newPassword));
      expect(sent).toContain(valid);
      expect(sent).toContain(cycledPassword(policy.classes, policy.minLength - 1));
      expect(sent).toContain(cycledPassword(policy.classes, policy.maxLength + 1));
    });
  }
});
