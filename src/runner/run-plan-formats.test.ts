import { describe, expect, it } from 'vitest';
import { resolvePlan } from './run-plan.ts';

describe('a run plan reads its report formats as merge does (src/config/report-formats.ts)', () => {
  it('--format over the config file over every format; case, spaces and repeats ignored, all = every format', () => {
    expect(resolvePlan({ seed: '1', format: ' JSON, md,json' }, { formats: ['html'] }).formats).toEqual(['json', 'md']);
    expect(resolvePlan({ seed: '1' }, { formats: ['html'] }).formats).toEqual(['html']);
    expect(resolvePlan({ seed: '1', format: 'all' }, {}).formats).toEqual(['json', 'junit', 'md', 'html']);
    expect(resolvePlan({ seed: '1' }, {}).formats).toEqual(['json', 'junit', 'md', 'html']);
  });

  it('a bad list is a usage error naming where it came from', () => {
    expect(() => resolvePlan({ format: 'pdf' }, {})).toThrow(/--format pdf: unknown report format "pdf"/);
    expect(() => resolvePlan({ format: '' }, {})).toThrow(/--format "": no report format given/);
    expect(() => resolvePlan({}, { formats: ['pdf' as 'json'] })).toThrow(/formats in the config file \["pdf"\]: unknown report format "pdf"/);
  });
});
