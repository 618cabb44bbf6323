#!/usr/bin/env node
// @ts-check
/**
 * Prints the score, the counts per status (overall and per file) and every survivor and uncovered
 * mutant of a mutation run, so reports/mutation/survivors.md can be refreshed after a run:
 *
 *   node mutation/summary.mjs                                   # reports/mutation/mutation.json
 *   node mutation/summary.mjs path/to/mutation.json
 *   node mutation/summary.mjs reports/mutation/progress.jsonl   # a run still going
 *   node mutation/summary.mjs --json                            # the same, machine-readable
 *   node mutation/summary.mjs --ignored                         # also every ignore reason, with its mutants
 *
 * Score = (killed + timeout) / valid mutants, valid = killed + timeout + survived + no coverage
 * (Stryker's own definition: ignored, compile and runtime errors do not count).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const listIgnored = args.includes('--ignored');
const file = args.find((a) => !a.startsWith('--')) ?? 'reports/mutation/mutation.json';

/** @typedef {{ id: string; file: string; line: number; column: number; mutator: string; replacement: string; status: string; reason?: string; tests?: number }} Row */

/** @returns {Row[]} */
function load(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`mutation/summary.mjs: cannot read ${path} (${/** @type {Error} */ (err).message}); run \`npm run mutation\` first or pass the report's path`);
  }
  const short = (name) => relative(process.cwd(), name).replace(/\\/g, '/');
  if (path.endsWith('.jsonl')) {
    // progress-log reporter: one tested mutant a line (ignored ones included).
    return text.split('\n').filter((l) => l.trim() !== '').map((l) => {
      const m = JSON.parse(l);
      return { id: String(m.id), file: short(m.fileName), line: m.line, column: m.column, mutator: m.mutatorName, replacement: m.replacement ?? '', status: m.status, reason: m.statusReason, tests: m.testsCompleted };
    });
  }
  const report = JSON.parse(text);
  if (!report || typeof report.files !== 'object') throw new Error(`mutation/summary.mjs: ${path} is not a Stryker JSON report (no "files"); pass reports/mutation/mutation.json`);
  return Object.entries(report.files).flatMap(([name, f]) =>
    /** @type {any[]} */ (f.mutants).map((m) => ({ id: String(m.id), file: short(name), line: m.location.start.line, column: m.location.start.column, mutator: m.mutatorName, replacement: m.replacement ?? '', status: m.status, reason: m.statusReason, tests: m.testsCompleted })),
  );
}

const rows = load(file);
if (rows.length === 0) throw new Error(`mutation/summary.mjs: ${file} holds no mutants; is the run finished?`);

/** @param {Row[]} list */
function counts(list) {
  const by = (s) => list.filter((r) => r.status === s).length;
  const c = { mutants: list.length, ignored: by('Ignored'), killed: by('Killed'), timeout: by('Timeout'), survived: by('Survived'), noCoverage: by('NoCoverage'), compileError: by('CompileError'), runtimeError: by('RuntimeError'), pending: by('Pending') };
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  const covered = valid - c.noCoverage;
  return { ...c, valid, score: valid === 0 ? null : (100 * (c.killed + c.timeout)) / valid, scoreCovered: covered === 0 ? null : (100 * (c.killed + c.timeout)) / covered };
}

const files = [...new Set(rows.map((r) => r.file))].sort();
const undetected = rows.filter((r) => r.status === 'Survived' || r.status === 'NoCoverage').sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
const summary = { report: file, total: counts(rows), files: Object.fromEntries(files.map((f) => [f, counts(rows.filter((r) => r.file === f))])), undetected };

if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const pct = (n) => (n === null ? 'n/a' : `${n.toFixed(1)} %`);
  const t = summary.total;
  console.log(`${file}: mutation score ${pct(t.score)} (${t.killed} killed + ${t.timeout} timed out of ${t.valid} valid; ${pct(t.scoreCovered)} of covered)`);
  console.log(`${t.mutants} mutants: ${t.ignored} ignored, ${t.killed} killed, ${t.timeout} timed out, ${t.survived} survived, ${t.noCoverage} without coverage` + (t.compileError + t.runtimeError + t.pending > 0 ? `, ${t.compileError} compile errors, ${t.runtimeError} runtime errors, ${t.pending} pending` : ''));
  console.log('\nper file: score, killed+timeout / valid, survived, no coverage, ignored');
  for (const [f, c] of Object.entries(summary.files)) console.log(`  ${f.padEnd(48)} ${pct(c.score).padStart(8)}  ${String(c.killed + c.timeout).padStart(4)}/${String(c.valid).padEnd(4)} S ${String(c.survived).padStart(3)}  NC ${String(c.noCoverage).padStart(3)}  I ${String(c.ignored).padStart(3)}`);
  console.log(`\nsurvivors and uncovered (${undetected.length}): file:line:column #id mutator → replacement [tests run]`);
  for (const r of undetected) {
    const repl = r.replacement.replace(/\s+/g, ' ');
    console.log(`  ${r.status === 'NoCoverage' ? 'NC' : 'S '} ${r.file}:${r.line}:${r.column} #${r.id} ${r.mutator} → ${repl.length > 90 ? `${repl.slice(0, 87)}...` : repl}${r.tests !== undefined ? ` [${r.tests}]` : ''}`);
  }
  if (listIgnored) {
    // Grouped by file and reason: the disable comments' reasons and the ignorers' (issue 13: each is listed).
    const ignored = rows.filter((r) => r.status === 'Ignored');
    console.log(`\nignored (${ignored.length}), by file and reason: mutants as line:column #id mutator`);
    for (const f of files) {
      const inFile = ignored.filter((r) => r.file === f);
      if (inFile.length === 0) continue;
      console.log(`  ${f}`);
      for (const reason of [...new Set(inFile.map((r) => r.reason ?? '(no reason)'))]) {
        const these = inFile.filter((r) => (r.reason ?? '(no reason)') === reason);
        const where = these.map((r) => `${r.line}:${r.column} #${r.id} ${r.mutator}`);
        console.log(`    ${these.length} × ${reason}\n      ${where.length > 12 ? `${where.slice(0, 12).join(', ')}, … (${where.length - 12} more)` : where.join(', ')}`);
      }
    }
  }
}
