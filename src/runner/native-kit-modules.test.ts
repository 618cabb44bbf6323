import { describe, expect, it } from 'vitest';
import { KIT_ROOT, NATIVE_KIT_MODULES } from './run-suites.ts';

describe('NATIVE_KIT_MODULES (the installed package imports its own modules natively)', () => {
  const root = KIT_ROOT.replaceAll('\\', '/');
  it('matches every module of the kit except the suite files', () => {
    expect(NATIVE_KIT_MODULES.test(`${root}/src/targets/wire-change.js`)).toBe(true);
    expect(NATIVE_KIT_MODULES.test(`${root}/suites/harness/rule-context.js`)).toBe(true);
    expect(NATIVE_KIT_MODULES.test(`${root}/suites/bcc/bcc-kit.js`)).toBe(true);
    expect(NATIVE_KIT_MODULES.test(`${root}/suites/bcc/auth-rules.rule.js`)).toBe(false);
  });
  it('matches nothing outside the kit root', () => {
    expect(NATIVE_KIT_MODULES.test(`${root}x/src/index.js`)).toBe(false);
    expect(NATIVE_KIT_MODULES.test('/elsewhere/src/targets/wire-change.js')).toBe(false);
  });
});
