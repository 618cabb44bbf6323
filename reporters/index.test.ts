import { describe, it, expect, afterEach } from 'vitest';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_WRITERS, parseFormats, writeReports } from './index.ts';
import { sampleReport } from './fixtures/sample-report.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('report writer registry', () => {
  it('registers the four writers under their names and file names', () => {
    expect(Object.fromEntries(Object.entries(REPORT_WRITERS).map(([k, w]) => [k, [w.name, w.fileName]]))).toEqual({
      json: ['json', 'conformance-report.json'],
      junit: ['junit', 'conformance-report.junit.xml'],
      md: ['md', 'conformance-report.md'],
      html: ['html', 'conformance-report.html'],
    });
  });

  it('writes every format into a new nested directory and returns the paths in order', async () => {
    const root = await mkdtemp(join(tmpdir(), 'reporters-'));
    dirs.push(root);
    const dir = join(root, 'a', 'b');
    const paths = await writeReports(sampleReport, dir, ['html', 'json', 'junit', 'md']);
    expect(paths).toEqual(['conformance-report.html', 'conformance-report.json', 'conformance-report.junit.xml', 'conformance-report.md'].map((f) => join(dir, f)));
    expect((await readdir(dir)).sort()).toEqual(['conformance-report.html', 'conformance-report.json', 'conformance-report.junit.xml', 'conformance-report.md']);
    for (const writer of Object.values(REPORT_WRITERS)) {
      expect(await readFile(join(dir, writer.fileName), 'utf8')).toBe(writer.render(sampleReport));
    }
  });

  it('writes only the chosen formats, once each', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reporters-'));
    dirs.push(dir);
    expect(await writeReports(sampleReport, dir, ['md', 'md'])).toEqual([join(dir, 'conformance-report.md')]);
    expect(await readdir(dir)).toEqual(['conformance-report.md']);
  });

  it('parses format lists, ignoring case, spaces and duplicates; "all" means every format', () => {
    expect(parseFormats('json,html')).toEqual(['json', 'html']);
    expect(parseFormats(' JSON , md,json ')).toEqual(['json', 'md']);
    expect(parseFormats('all')).toEqual(['json', 'junit', 'md', 'html']);
  });

  it('rejects unknown or missing formats with a fix hint', () => {
    expect(() => parseFormats('json,pdf,xml')).toThrow(/unknown report format "pdf", "xml"\n  → use any of json,junit,md,html/);
    expect(() => parseFormats(' , ')).toThrow(/no report format given\n  → use any of json,junit,md,html/);
  });
});
