/** The JSON report: the model as-is, pretty-printed; described by `report.schema.json`. */
import type { ReportWriter } from './reporter.ts';

/** Writes `conformance-report.json` (2-space indented, trailing newline). */
export const jsonReport: ReportWriter = {
  name: 'json',
  fileName: 'conformance-report.json',
  render: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
