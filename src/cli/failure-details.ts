/**
 * The terminal's account of each failing rule, under the table: the full reason wrapped to
 * the terminal width (never cut), received vs documented, where the evidence is and the
 * replay command. The table itself keeps one line per rule.
 */
import type { ConformanceReport } from '../report/report-model.ts';

/** Wraps `text` at word boundaries to `width` columns, indenting every line; a word longer than a line is kept whole. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(indent + line);
  }
  return lines;
}

/** One block per failing rule; `files` are the report files the run wrote (absolute paths). */
export function renderFailures(report: ConformanceReport, files: readonly string[], width: number): string[] {
  const failed = report.rules.filter((r) => r.verdict === 'fail');
  if (failed.length === 0) return [];
  const html = files.find((f) => f.endsWith('.html'));
  const json = files.find((f) => f.endsWith('.json'));
  const lines = ['', `failing rules (${failed.length}):`];
  for (const rule of failed) {
    lines.push(`  ✗ ${rule.id} (${rule.level}) ${rule.title}`);
    lines.push(...wrap(rule.reason, width, '      '));
    if (rule.counterexample) {
      lines.push(...wrap(`received: ${rule.counterexample.received}`, width, '      '));
      lines.push(...wrap(`documented: ${rule.counterexample.documented}`, width, '      '));
    }
    const evidence = [html ? `${html} (rule ${rule.id}: transcript and curl)` : undefined, json].filter(Boolean);
    lines.push(...wrap(`evidence: ${evidence.length ? evidence.join(', ') : 'no report file was written (--format)'}`, width, '      '));
    lines.push(`      replay: ${rule.replay?.command ?? `npx conformance run --rules ${rule.id} --seed ${report.seed} (no shrunk case was recorded)`}`);
  }
  return lines;
}
