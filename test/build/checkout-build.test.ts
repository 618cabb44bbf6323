/**
 * A checkout runs a compiled build of its sources (bin/conformance.js, scripts/checkout-build/):
 * built once, shared by runs starting at once, and never in the way — a checkout that cannot build
 * runs its sources through tsx and says why on one stderr line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutBuild, prune } from '../../scripts/checkout-build/cache.mjs';
import { buildKey, readInputs } from '../../scripts/checkout-build/inputs.mjs';
import { buildLayout } from '../../scripts/checkout-build/layout.mjs';
import { loadTypeScript } from '../../scripts/checkout-build/transpile.mjs';
import { runNode, type CliResult } from '../cli/cli-harness.ts';
import { checkoutCopy, type CheckoutCopy } from '../../bench/lib/checkout-copy.ts';

const FALLBACK = /^conformance: running the TypeScript sources through tsx \(slower, more memory\) because no compiled build could be made: (.+) \(CONFORMANCE_FROM_SOURCE=1 skips the build\)$/m;
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** `conformance ...args` in the copy, with the module URLs it loaded (test/cli/fixtures/record-loads.mjs). */
async function cliIn(copy: CheckoutCopy, args: string[], env: Record<string, string> = {}): Promise<CliResult & { loads: string[] }> {
  const loads = join(copy.root, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const hook = new URL('../cli/fixtures/record-loads.mjs', import.meta.url).href;
  const result = await runNode(['--import', hook, join(copy.root, 'bin/conformance.js'), ...args], copy.root, { RECORD_LOADS: loads, CONFORMANCE_FROM_SOURCE: '', ...env }, 120_000);
  return { ...result, loads: existsSync(loads) ? readFileSync(loads, 'utf8').split('\n').filter(Boolean) : [] };
}

/** The builds in a cache folder, and whatever else is there (locks, temporary folders). */
function cacheEntries(cacheDir: string): { builds: string[]; other: string[] } {
  const names = existsSync(cacheDir) ? readdirSync(cacheDir) : [];
  return { builds: names.filter((n) => /^[0-9a-f]{64}$/.test(n)), other: names.filter((n) => !/^[0-9a-f]{64}$/.test(n)) };
}

describe('a checkout with no build yet', () => {
  let copy: CheckoutCopy;
  beforeAll(() => {
    copy = checkoutCopy();
  });
  afterAll(() => copy?.remove());

  it('builds once for runs starting at once, and every run uses that build', async () => {
    const runs = await Promise.all([0, 1, 2].map(() => cliIn(copy, ['list-rules'])));
    const { builds, other } = cacheEntries(copy.cacheDir);
    expect(builds).toEqual([buildKey(copy.root)]);
    expect(other, 'no lock or temporary folder left behind').toEqual([]);
    const build = join(copy.cacheDir, builds[0]!);
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(runs[0]!.stdout);
      expect(run.stdout).toMatch(/^BCC-AUTH-REQUIRED /m);
      expect(run.loads.some((u) => u.endsWith(`/${builds[0]}/src/cli/main.js`))).toBe(true);
      expect(run.loads.filter((u) => u.startsWith(`file://${copy.root}/src/`)), 'no source module').toEqual([]);
    }
    // Laid out as the package's dist/: suites renamed *.rule.js, the specs with their validation records, package.json on top.
    expect(existsSync(join(build, 'suites/bcc/auth-rules.rule.js'))).toBe(true);
    expect(readdirSync(join(build, 'suites/bcc')).filter((f) => f.includes('.test.'))).toEqual([]);
    for (const spec of ['bcc', 'dcs']) expect(existsSync(join(build, `specs/${spec}.openapi.yaml.validated.json`))).toBe(true);
    expect(JSON.parse(readFileSync(join(build, 'package.json'), 'utf8'))).toMatchObject({ name: 'pwchange-conformance', version: VERSION });
  }, 180_000);

  it('runs its sources through tsx with CONFORMANCE_FROM_SOURCE=1, and refuses other values', async () => {
    const tsx = await cliIn(copy, ['--version'], { CONFORMANCE_FROM_SOURCE: '1' });
    expect(tsx.stderr).toBe('');
    expect(tsx.stdout.trim()).toBe(VERSION);
    expect(tsx.loads).toContain(`file://${copy.root}/src/cli/main.ts`);
    expect(tsx.loads.filter((u) => u.includes('/.cache/pwchange-conformance/build/'))).toEqual([]);
    const bad = await cliIn(copy, ['--version'], { CONFORMANCE_FROM_SOURCE: 'yes' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/CONFORMANCE_FROM_SOURCE must be 1 .* or 0 or unset .*, not "yes"/);
  }, 120_000);
});

describe('a checkout that cannot build runs its sources through tsx and says why', () => {
  it('a syntax error in a source being edited', async () => {
    const copy = checkoutCopy();
    try {
      // A module --version does not load: the run itself still works through tsx.
      writeFileSync(join(copy.root, 'src/simulator/core/clock.ts'), `${readFileSync(join(copy.root, 'src/simulator/core/clock.ts'), 'utf8')}\nexport const broken = ;\n`);
      const run = await cliIn(copy, ['--version']);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(VERSION);
      expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(FALLBACK.exec(run.stderr)?.[1]).toMatch(/^cannot compile src\/simulator\/core\/clock\.ts: line \d+: Expression expected\.; fix it$/);
      expect(run.loads).toContain(`file://${copy.root}/src/cli/main.ts`);
      expect(cacheEntries(copy.cacheDir)).toEqual({ builds: [], other: [] });
    } finally {
      copy.remove();
    }
  }, 120_000);

  it('no TypeScript installed', async () => {
    const copy = checkoutCopy(['typescript']);
    try {
      const run = await cliIn(copy, ['--version']);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(VERSION);
      expect(FALLBACK.exec(run.stderr)?.[1]).toMatch(/TypeScript is not installed .*; run npm ci/);
    } finally {
      copy.remove();
    }
  }, 120_000);

  it('a node_modules where the cache cannot be written', async () => {
    const copy = checkoutCopy();
    try {
      writeFileSync(join(copy.root, 'node_modules/.cache'), 'not a folder'); // fails for root too, unlike chmod
      const run = await cliIn(copy, ['--version']);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(VERSION);
      expect(FALLBACK.exec(run.stderr)?.[1]).toMatch(/^cannot create node_modules\/\.cache\/pwchange-conformance\/build \((ENOTDIR|EEXIST)\); make node_modules writable$/);
    } finally {
      copy.remove();
    }
  }, 120_000);
});

describe('the build cache', () => {
  let copy: CheckoutCopy;
  beforeAll(() => {
    copy = checkoutCopy();
  });
  afterAll(() => copy?.remove());

  it('takes over a lock left by a build that died, and a second caller waits for the first one\'s build', async () => {
    const cacheDir = join(copy.root, 'node_modules/.cache/lock-test');
    mkdirSync(cacheDir, { recursive: true });
    const key = buildKey(copy.root);
    const lock = join(cacheDir, `${key}.lock`);
    writeFileSync(lock, '999999');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lock, old, old);
    const waits: string[] = [];
    const [first, second] = await Promise.all([checkoutBuild(copy.root, { cacheDir }), checkoutBuild(copy.root, { cacheDir, log: (l) => waits.push(l) })]);
    expect(first).toMatchObject({ dir: join(cacheDir, key), key, built: true });
    expect(second).toMatchObject({ dir: join(cacheDir, key), key, built: false });
    expect(waits).toEqual([`waiting for another run's build of ${key.slice(0, 12)}`]);
    expect(cacheEntries(cacheDir)).toEqual({ builds: [key], other: [] });
    expect(await checkoutBuild(copy.root, { cacheDir })).toMatchObject({ key, built: false });
  }, 120_000);

  it('builds the sources as they were keyed, not as they are edited meanwhile', async () => {
    const snapshot = readInputs(copy.root);
    const edited = ['src/kit-version.ts', 'specs/dcs.openapi.yaml', 'tsconfig.build.json'];
    const before = new Map(edited.map((rel) => [rel, readFileSync(join(copy.root, rel), 'utf8')]));
    const out = join(copy.root, 'node_modules/.cache/snapshot-test');
    try {
      writeFileSync(join(copy.root, 'src/kit-version.ts'), `${before.get('src/kit-version.ts')}\nexport const EDITED_MEANWHILE = 1;\n`);
      writeFileSync(join(copy.root, 'specs/dcs.openapi.yaml'), `${before.get('specs/dcs.openapi.yaml')}\n# edited meanwhile\n`);
      writeFileSync(join(copy.root, 'tsconfig.build.json'), before.get('tsconfig.build.json')!.replace('"declaration": true', '"declaration": true, "target": "ES2015"'));
      expect(buildKey(copy.root)).not.toBe(snapshot.key);
      buildLayout(await loadTypeScript(), copy.root, snapshot, out);
      expect(readFileSync(join(out, 'src/kit-version.js'), 'utf8')).not.toContain('EDITED_MEANWHILE');
      expect(readFileSync(join(out, 'specs/dcs.openapi.yaml'), 'utf8')).toBe(before.get('specs/dcs.openapi.yaml'));
      expect(readFileSync(join(out, 'src/runner/run-suites.js'), 'utf8')).toContain(' ?? '); // ES2022 as keyed: ES2015 would rewrite `??`
    } finally {
      for (const [rel, text] of before) writeFileSync(join(copy.root, rel), text);
    }
    expect(buildKey(copy.root)).toBe(snapshot.key);
  }, 120_000);

  it('removes builds unused for an hour beyond the most recently used, and leftovers of dead builds', () => {
    const cacheDir = join(copy.root, 'node_modules/.cache/prune-test');
    const now = Date.now();
    const make = (name: string, ageMinutes: number): void => {
      mkdirSync(join(cacheDir, name, 'src'), { recursive: true });
      const at = new Date(now - ageMinutes * 60_000);
      utimesSync(join(cacheDir, name), at, at);
    };
    const key = (n: number): string => n.toString(16).padStart(64, '0');
    make(key(0), 500); // the current build: kept whatever its age
    [1, 2, 3].forEach((n) => make(key(n), 120 + n)); // the three most recently used others: kept, however old
    make(key(4), 200); // beyond them and unused for an hour: removed
    make('.tmp-abc-1', 30); // a dead build's leftovers: removed
    make('.tmp-abc-2', 1); // a build going on now: kept
    const removed = prune(cacheDir, key(0), now);
    expect(removed).toEqual([key(4)]);
    expect(readdirSync(cacheDir).sort()).toEqual(['.tmp-abc-2', key(0), key(1), key(2), key(3)].sort());
    // Beyond the kept ones but used within the hour (a run may still be going): kept.
    [6, 7, 8].forEach((n) => make(key(n), n));
    make(key(9), 50);
    expect(prune(cacheDir, key(0), now).sort()).toEqual([key(1), key(2), key(3)]);
    expect(readdirSync(cacheDir).sort()).toEqual(['.tmp-abc-2', key(0), key(6), key(7), key(8), key(9)].sort());
  });
});
