import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { findRetypedFacts, scannedFiles, type Finding } from './retyped-facts.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

/**
 * Where a listed literal is not a retyped fact, each with the reason. An entry that no longer
 * matches fails the test, so the list only shrinks.
 */
const ALLOWED: ReadonlyArray<{ file: string; contains: string; because: string }> = [
  { file: 'src/report/report-formats.ts', contains: "['json', 'junit'", because: 'the one place the format list is named' },
  { file: 'reporters/html-parts/script.ts', contains: '1800);', because: "a button's 1.8 s feedback delay in the page's script, not the signature window" },
  { file: 'src/simulator/faults.ts', contains: "result: 'passwordFailed'", because: "a planted fault's patch: the value a faulty target puts where the spec has an error, as data" },
  { file: 'src/simulator/silent-places.ts', contains: "evidence: 'passwordFailed'", because: 'the text the simulator prints as evidence of its own choice at a silent place' },
  { file: 'suites/dcs/lockout-commands.ts', contains: "? 'locked' : 'passwordFailed'", because: "the names of the DCS-A1 readings, typed by LockoutFacts['fifthAttemptResult'] (the schema's enum)" },
];

const allowed = (f: Finding): boolean => ALLOWED.some((a) => a.file === f.file && f.text.includes(a.contains));

describe('every fact is read once: no retyped literal in src/, suites/, reporters/', () => {
  const findings = findRetypedFacts(scannedFiles(ROOT));

  it('finds none outside the allowed places', () => {
    const bad = findings.filter((f) => !allowed(f)).map((f) => `${f.file}:${f.line}: \`${f.text.slice(0, 120)}\` — read ${f.fact}`);
    expect(bad, `retyped facts:\n${bad.join('\n')}`).toEqual([]);
  });

  it('every allowed place still holds its literal (the list only shrinks)', () => {
    const stale = ALLOWED.filter((a) => !findings.some((f) => f.file === a.file && f.text.includes(a.contains))).map((a) => `${a.file}: ${a.contains}`);
    expect(stale, 'remove these entries from ALLOWED').toEqual([]);
  });

  it('fails on a planted literal, naming the file and the fact to read', () => {
    const planted = [
      { file: 'src/simulator/auth/planted.ts', text: '/** 15 minutes, see the spec. */\nconst MAX_SKEW_MS = 15 * 60 * 1000;\n' },
      { file: 'src/requests/planted.ts', text: "const url = `${base}/v2/instance/${id}`; // the route\nconst expiry = options.expirationSeconds ?? 1800;\n" },
      { file: 'src/runner/planted.ts', text: 'const minutes = Math.ceil((dcs?.durationSeconds ?? 300) / 60);\n' },
      { file: 'reporters/planted.ts', text: "if (r === 'passwordFailed') kind = 'wrong';\nconst FORMATS = ['json', 'junit', 'md', 'html'];\n" },
      { file: 'src/clients/planted.ts', text: 'const body = { old_password: a, new_password: b };\n' },
      // Comments may cite a fact; only code counts.
      { file: 'src/ok.ts', text: '// SDKs send 1800 and skew is 15 * 60 s\n/* the route /v2/instance/{id} */\nconst url = "http://127.0.0.1:8080";\n' },
    ];
    const found = findRetypedFacts(planted).map((f) => `${f.file}:${f.line} ${f.fact.split(':')[0]}`);
    expect(found).toEqual([
      'src/simulator/auth/planted.ts:2 the clock-skew tolerance',
      'src/requests/planted.ts:1 the BCC route',
      'src/requests/planted.ts:2 the BCC signature window',
      'src/runner/planted.ts:1 the lockout duration',
      "reporters/planted.ts:1 the lockout's result names",
      'reporters/planted.ts:2 the report formats',
      'src/clients/planted.ts:1 the DCS body fields',
    ]);
  });
});
