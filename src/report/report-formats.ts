/**
 * The report formats, named once: `--format` and a config's `formats` accept these names, every
 * run writes all of them by default, and `reporters/index.ts` registers one writer per name (a
 * `Record` over this list, so a missing writer does not compile).
 */

/** Every report format, in the order reports are written. */
export const REPORT_FORMATS = ['json', 'junit', 'md', 'html'] as const;

/** A report format name. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];
