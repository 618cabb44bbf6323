/** `npm test` runs every suite worker at the one seed seed-setup.ts printed (replayable with CONFORMANCE_SEED). */
import { describe, expect, inject, it } from 'vitest';
import { ruleSelected, runSettings } from './settings.ts';

describe('run settings of a plain vitest run', () => {
  it('use the seed the global setup printed, and CONFORMANCE_SEED when it is set', () => {
    const printed = inject('conformanceSeed');
    expect(Number.isInteger(printed)).toBe(true);
    expect(runSettings().seed).toBe(printed);
    if (process.env.CONFORMANCE_SEED) expect(printed).toBe(Number(process.env.CONFORMANCE_SEED));
  });

  it('select rules by glob, case-insensitively', () => {
    expect(ruleSelected('DCS-LOCK-ATOMIC', ['DCS-LOCK-*'])).toBe(true);
    expect(ruleSelected('BCC-PWD-LENGTH', ['dcs-*', 'bcc-pwd-l*'])).toBe(true);
    expect(ruleSelected('BCC-PWD-LENGTH', ['DCS-*'])).toBe(false);
    expect(ruleSelected('ANY', [])).toBe(true);
  });
});
