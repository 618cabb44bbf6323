/**
 * The report formats, named once: `--format` and a config's `formats` accept these names, every
 * run writes all of them by default, and `reporters/index.ts` registers one writer per name (a
 * `Record` over this list, so a missing writer does not compile). A list of them is read the same
 * way wherever one is given ({@link parseFormatList}): case, spaces and repeats are ignored, `all`
 * means every format, anything else is a usage error naming where the list came from.
 */
import { KitError } from '../errors/kit-error.ts';

/** Every report format, in the order reports are written. */
export const REPORT_FORMATS = ['json', 'junit', 'md', 'html'] as const;

/** A report format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Where a format list came from, as the user wrote it: the flag, or the config file's key. */
export type FormatSource = '--format' | 'formats in the config file';

/**
 * Parses `value` (`"json,html"`, or the config file's array) against the `known` format names;
 * returns the chosen formats without repeats, in the order given.
 */
export function parseFormatList<F extends string>(value: string | readonly string[], known: readonly F[], source: FormatSource = '--format'): F[] {
  const given = (typeof value === 'string' ? value.split(',') : [...value]).map((s) => String(s).trim()).filter(Boolean);
  const names = given.map((s) => s.toLowerCase());
  const example = source === '--format' ? '--format json,html' : "formats: ['json', 'html']";
  const fix = `use any of ${known.join(',')}${source === '--format' ? ', comma-separated' : ''}, or all; e.g. ${example}`;
  const shown = typeof value !== 'string' || value.trim() === '' || /\s/.test(value) ? JSON.stringify(value) : value;
  if (names.length === 0) throw new KitError('USAGE', `${source} ${shown}: no report format given`, fix);
  if (names.includes('all')) return [...known];
  const isKnown = (n: string): n is F => (known as readonly string[]).includes(n);
  const unknown = given.filter((n) => !isKnown(n.toLowerCase()));
  if (unknown.length > 0) throw new KitError('USAGE', `${source} ${shown}: unknown report format ${unknown.map((u) => JSON.stringify(u)).join(', ')}`, fix);
  return [...new Set(names.filter(isKnown))];
}
