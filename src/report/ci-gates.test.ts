import { describe, it, expect } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { parseMaxSkip, parseRequireRules } from './ci-gates.ts';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (KitError.is(e) && e.code === 'USAGE') return e.message;
    throw e;
  }
  throw new Error('no error');
};

describe('CI gate values', () => {
  it('--max-skip takes a whole number or a percentage up to 100%', () => {
    expect(parseMaxSkip('5')).toBe('5');
    expect(parseMaxSkip(' 010% ')).toBe('10%');
    expect(parseMaxSkip(0)).toBe('0');
    for (const bad of ['ten', '-1', '1.5', '101%', '%', '']) expect(usage(() => parseMaxSkip(bad)), bad).toMatch(/neither a number of rules nor a percentage[\s\S]*--max-skip 10%/);
  });
  it('--require-rules takes comma-separated rule id globs', () => {
    expect(parseRequireRules('DCS-LOCK-*, BCC-PWD-LENGTH')).toEqual(['DCS-LOCK-*', 'BCC-PWD-LENGTH']);
    expect(parseRequireRules(['X-1'])).toEqual(['X-1']);
    expect(usage(() => parseRequireRules(' , '))).toMatch(/--require-rules is empty/);
    expect(usage(() => parseRequireRules('DCS-[A]'))).toMatch(/not a rule id glob[\s\S]*list-rules/);
  });
});
