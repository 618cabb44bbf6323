/** The report writers by format name, and writing the chosen ones to a directory. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConformanceReport } from '../src/report/report-model.ts';
import type { ReportWriter } from './reporter.ts';
import { REPORT_FORMATS, parseFormatList, type ReportFormat } from '../src/report/report-formats.ts';
import { htmlReport } from './html-report.ts';
import { jsonReport } from './json-report.ts';
import { junitReport } from './junit-report.ts';
import { markdownReport } from './markdown-report.ts';

/** The writer interface, re-exported for callers of the registry. */
export type { ReportWriter } from './reporter.ts';

/** A format name `--format` accepts. */
export type { ReportFormat } from '../src/report/report-formats.ts';

/** Every writer, by format name. */
export const REPORT_WRITERS: Readonly<Record<ReportFormat, ReportWriter>> = {
  json: jsonReport,
  junit: junitReport,
  md: markdownReport,
  html: htmlReport,
};

const FORMAT_NAMES: readonly ReportFormat[] = REPORT_FORMATS;

/**
 * Parses a comma-separated format list (`"json,html"`, case and spaces ignored, duplicates
 * dropped); `"all"` means every format. An empty list or an unknown name is a usage error
 * (a KitError, exit 2) naming `--format` and the formats there are.
 */
export function parseFormats(csv: string): ReportFormat[] {
  return parseFormatList(csv, FORMAT_NAMES);
}

/** Renders the report in each format and writes the files into `dir` (created if missing); returns their paths in `formats` order. */
export async function writeReports(report: ConformanceReport, dir: string, formats: readonly ReportFormat[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of new Set(formats)) {
    const writer = REPORT_WRITERS[format];
    const path = join(dir, writer.fileName);
    await writeFile(path, writer.render(report), 'utf8');
    paths.push(path);
  }
  return paths;
}
