import { describe, expect, it } from 'vitest';
import { KitError } from '../errors/kit-error.ts';
import { parseFormatList } from './report-formats.ts';

const KNOWN = ['json', 'junit', 'md', 'html'] as const;

function usage(fn: () => unknown): KitError {
  try {
    fn();
  } catch (error) {
    if (KitError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseFormatList: one reading of a format list for run, merge and the config file', () => {
  it('ignores case, spaces, empty entries and repeats; "all" is every format', () => {
    expect(parseFormatList(' JSON , md,json, ', KNOWN)).toEqual(['json', 'md']);
    expect(parseFormatList(['HTML', 'json'], KNOWN, 'formats in the config file')).toEqual(['html', 'json']);
    expect(parseFormatList('all', KNOWN)).toEqual([...KNOWN]);
  });

  it('an unknown format is a usage error naming the flag, the bad names and every valid format', () => {
    const e = usage(() => parseFormatList('json,pdf,xml', KNOWN));
    expect(e.code).toBe('USAGE');
    expect(e.message).toContain('--format json,pdf,xml: unknown report format "pdf", "xml"');
    expect(e.fix).toContain('use any of json,junit,md,html');
    expect(e.fix).toContain('--format json,html');
  });

  it('a list from the config file is named as such, never as a flag the user did not give', () => {
    const e = usage(() => parseFormatList(['pdf'], KNOWN, 'formats in the config file'));
    expect(e.message).toContain('formats in the config file ["pdf"]: unknown report format "pdf"');
    expect(e.fix).not.toContain('--format');
    expect(e.fix).toContain("formats: ['json', 'html']");
  });

  it('an empty list is a usage error, not every format', () => {
    expect(usage(() => parseFormatList(' , ', KNOWN)).message).toContain('no report format given');
    expect(usage(() => parseFormatList([], KNOWN, 'formats in the config file')).message).toContain('no report format given');
  });
});
