/** The JSON report: the model as-is, pretty-printed; described by `report.schema.json`. */
import type { ReportWriter } from './reporter.ts';
import { JSON_REPORT_FILE } from '../src/report/replay-command.ts';

/** Writes `conformance-report.json` (2-space indented, trailing newline). */
export const jsonReport: ReportWriter = {
  name: 'json',
  // The file the replay commands in the report name.
  fileName: JSON_REPORT_FILE,
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
