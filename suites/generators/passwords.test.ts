import { describe, it, expect } from 'vitest';
import { cycled, show, showBreaking } from './passwords.ts';
import { cycledPassword } from '../../src/contract/cycled-password.ts';

describe('show', () => {
  it('describes a password by length and kinds of character, never quoting it', () => {
    expect(show('abc1!xyz9()q')).toBe('12 chars: lower, digit, symbol');
    expect(showBreaking('Abc12345&', 'BCC-PWD-SYMBOLS')).toBe('9 chars: lower, upper, digit, symbol; breaks BCC-PWD-SYMBOLS');
    expect(show('a b\tc中😀')).toBe('7 chars: lower, space, control, non-ASCII');
    expect(show('')).toBe('0 chars');
    for (const pw of ['Abc12345!', 'OldPass@123']) expect(show(pw)).not.toContain(pw.slice(0, 3));
  });
});

describe('cycled', () => {
  it('is the kit\'s one cycling implementation (src/contract/cycled-password.ts, shared with the Pact cases), not a copy', () => {
    expect(cycled).toBe(cycledPassword);
  });
});
