/**
 * The reporter extension point: one {@link ReportWriter} per output format. Writers are pure
 * (report in, text out); `index.ts` registers them and writes the files.
 */
import type { ConformanceReport } from '../src/report/report-model.ts';
import type { ReportFormat } from '../src/report/report-formats.ts';

/** Renders a {@link ConformanceReport} into one file format; pure and synchronous. */
export interface ReportWriter {
  /** Format name, as accepted by `--format` (`json,junit,md,html`). */
  name: ReportFormat;
  /** File name the writer's output is saved under, e.g. `conformance-report.json`. */
  fileName: string;
  /** Renders the whole report; must not throw on any report that validates against the schema. */
  render(report: ConformanceReport): string;
}
