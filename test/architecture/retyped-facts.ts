/**
 * The worst facts that were once typed twice, and where each must be read instead. `facts-once.test.ts`
 * greps src/, suites/ and reporters/ for them (comments aside) and fails naming file, line and fact.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A literal that restates a spec fact, and the fact to read instead. */
export interface RetypedFact {
  pattern: RegExp;
  fact: string;
}

/** The literals; each names the `Contract.facts` (or spec) entry that holds the fact. */
export const RETYPED_FACTS: readonly RetypedFact[] = [
  { pattern: /\b1800\b/, fact: "the BCC signature window: facts.auth.defaultExpirationSeconds (shippedFacts('bcc') where no contract is at hand)" },
  { pattern: /\b15\s*\*\s*60\b/, fact: 'the clock-skew tolerance: facts.auth.maxClockSkewSeconds (DCS) / facts.auth.maxFutureSkewSeconds (BCC)' },
  { pattern: /\b(?:20\s*\*\s*60_?000|2\s*\*\s*3600_?000)\b/, fact: 'how far a stale or future date lies: outsideWindowMs(facts.auth) (src/requests/outside-window.ts)' },
  { pattern: /\/v2\/instance\//, fact: 'the BCC route: facts.operations.changePassword.path (fillPath / staticPrefix in src/contract/operation-path.ts)' },
  { pattern: /\/instances\/\$\{|\/password`/, fact: 'the DCS route: facts.operations.changePassword.path (fillPath in src/contract/operation-path.ts)' },
  { pattern: /\?\?\s*300\b/, fact: 'the lockout duration: facts.lockout.durationSeconds' },
  { pattern: /['"`]passwordFailed['"`]/, fact: "the lockout's result names: facts.lockout.results (or the LockoutFacts['fifthAttemptResult'] type)" },
  { pattern: /['"`]json['"`],\s*['"`]junit['"`]/, fact: 'the report formats: REPORT_FORMATS (src/report/report-formats.ts)' },
  { pattern: /['"](?:old|new)_password['"]|\b(?:old|new)_password\??\s*:|\.(?:old|new)_password\b/, fact: "the DCS body fields: facts.passwordPolicy.fields (new, then old)" },
  { pattern: /\\\\d\{4\}-\\\\d\{2\}-\\\\d\{2\}T|\\\\d\{8\}T\\\\d\{6\}Z/, fact: "the signing date patterns: the header parameters of the spec's change operation (src/pact/header-patterns.ts)" },
];

/** A retyped fact found in a file. */
export interface Finding {
  file: string;
  line: number;
  text: string;
  fact: string;
}

/** The code of a file with comments blanked (line numbers kept): a comment may cite a fact. */
export function stripComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:\\])\/\/.*$/gm, '$1');
}

/** Every retyped fact in the given files. */
export function findRetypedFacts(files: ReadonlyArray<{ file: string; text: string }>): Finding[] {
  const findings: Finding[] = [];
  for (const { file, text } of files) {
    stripComments(text).split('\n').forEach((line, i) => {
      for (const { pattern, fact } of RETYPED_FACTS) {
        if (pattern.test(line)) findings.push({ file, line: i + 1, text: line.trim(), fact });
      }
    });
  }
  return findings;
}

/**
 * The files that must read facts: the kit's code, the rules, the renderers. Not the unit tests
 * beside src/ and reporters/ code, which pin the documented values to check the code that reads
 * them, and not reporters/fixtures (a sample report: what a target answered, as data).
 */
export function scannedFiles(root: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(root, path);
      if (entry.isDirectory()) {
        if (entry.name !== 'fixtures' && entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|mts|mjs)$/.test(entry.name) && !(rel.match(/^(src|reporters)\//) && /\.test\.ts$/.test(entry.name))) {
        out.push({ file: rel, text: readFileSync(path, 'utf8') });
      }
    }
  };
  for (const top of ['src', 'suites', 'reporters']) walk(join(root, top));
  return out;
}
