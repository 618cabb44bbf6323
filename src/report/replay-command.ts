/**
 * The replay command of a failing rule, built in one place: the report that holds the replay
 * key knows where it is written, the failing check does not.
 */
/** The JSON report's file name in its report directory (the file `conformance replay` reads). */
export const JSON_REPORT_FILE = 'conformance-report.json';

/** Stands for the report file where it is not known (a report built but not written by a run). */
export const UNKNOWN_REPORT_FILE = '<report.json>';

/** `npx conformance replay <file> <rule>`: re-runs exactly the failing case of `rule` from the report in `reportFile`. */
export function replayCommand(reportFile: string, rule: string): string {
  return `npx conformance replay ${reportFile} ${rule}`;
}
