/**
 * The kit as a user gets it: `npm pack` (which builds dist/), the tarball installed into a fresh
 * project in the temp dir — no path back to this repository's sources — and the CLI run from
 * there: --version, the main job, a config file in a CommonJS project, a client adapter copied
 * from the shipped template, a builtin adapter whose SDK is missing, and `serve` as a target.
 * One pack and one install for the whole file (about a minute on a busy machine).
 */
import { conformanceArgs, readmeCommand } from '../readme/readme-lines.ts';
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runNode, type CliResult } from '../cli/cli-harness.ts';
import type { ConformanceReport } from '../../src/report/report-model.ts';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The test-only DCS credentials `serve` prints and accepts (src/auth/default-credentials.ts). */
const SERVE_CREDENTIALS = { CLOUD_SDK_AK: 'SIMDCSTESTAK0001', CLOUD_SDK_SK: 'sim-dcs-TEST-ONLY-secret-000001', CLOUD_SDK_PROJECT_ID: 'conformance-project' };

let work: string;
let project: string;
let tarball: string;
let entries: string[];

/** Runs the installed `conformance` bin in the project; never throws on a non-zero exit. */
function conformance(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runNode([join(project, 'node_modules/.bin/conformance'), ...args], project, env, 300_000);
}

const readJsonReport = (dir: string): ConformanceReport => JSON.parse(readFileSync(join(project, dir, 'conformance-report.json'), 'utf8')) as ConformanceReport;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'conformance-pack-'));
  // `npm pack` runs `prepack` (scripts/build.mjs): the tarball always holds a fresh build.
  const packed = await run(NPM, ['pack', '--json', '--pack-destination', work], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 });
  const info = (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>)[0]!;
  tarball = join(work, info.filename);
  entries = info.files.map((f) => f.path);
  project = join(work, 'project');
  mkdirSync(project);
  // A CommonJS project (no "type": "module"), as `npm init -y` makes it.
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', version: '1.0.0', private: true }, null, 2));
  // The README's install line, with the tarball in place of the registry name.
  const install = readmeCommand('README.md', 'npm install --save-dev pwchange-conformance');
  expect(install.argv).toEqual(['npm', 'install', '--save-dev', 'pwchange-conformance']);
  await run(NPM, ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, maxBuffer: 32 * 1024 * 1024 });
}, 600_000);

afterAll(async () => {
  // The project's node_modules is ~130 MB: removing it takes a while on a busy disk.
  if (work) await rm(work, { recursive: true, force: true });
}, 120_000);

describe('the packed tarball', () => {
  // 300 kB until round 5 of issue 17 (2026-11-29) added ~9 kB of code: the simulator's AES-128 in
  // JavaScript, the HTTP transport's dispatch path, the checkout-build logic in bin/.
  it('is under 320 kB, holds no test files, fixtures or benchmarks, and has a LICENSE', () => {
    expect(statSync(tarball).size).toBeLessThan(320 * 1024);
    expect(entries.filter((p) => /\.test\.|\/fixtures\/|^bench\//.test(p))).toEqual([]);
    // The build renames the suites' files *.rule.js; only the services' rules are rule files (the
    // generators' own unit test is not shipped).
    expect(entries.filter((p) => p.endsWith('.rule.js') && !/^dist\/suites\/(bcc|dcs)\//.test(p))).toEqual([]);
    expect(entries).toContain('LICENSE');
    expect(entries).toContain('dist/src/cli/main.js');
    expect(entries).toContain('dist/src/index.d.ts');
    expect(entries.some((p) => /^dist\/suites\/dcs\/.+\.rule\.js$/.test(p))).toBe(true);
    expect(entries.some((p) => p.startsWith('src/'))).toBe(false);
  });

  it('is publishable: not private, exports and bin point at built files that exist', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/pwchange-conformance/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    expect(manifest.engines).toEqual({ node: expect.any(String) });
    const targets = Object.values(manifest.exports as Record<string, string | Record<string, string>>).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    for (const target of targets) {
      expect(target.endsWith('.ts') && !target.endsWith('.d.ts'), `${target} is TypeScript`).toBe(false);
      expect(existsSync(join(project, 'node_modules/pwchange-conformance', target)), target).toBe(true);
    }
    expect(Object.keys(manifest.peerDependenciesMeta as object).sort()).toEqual(['@baiducloud/sdk', '@huaweicloud/huaweicloud-sdk-core', 'uuid']);
  });
});

describe('installed into a fresh project', () => {
  it('--version prints the package version', async () => {
    const r = await conformance(conformanceArgs(readmeCommand('README.md', 'npx conformance --version')));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('list-rules answers from the build\'s validation record, and an edited spec is validated in full again', async () => {
    const specs = join(project, 'node_modules/pwchange-conformance/dist/specs');
    expect(existsSync(join(specs, 'dcs.openapi.yaml.validated.json'))).toBe(true);
    const listed = await conformance(['list-rules', '--service', 'dcs']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^DCS-PWD-LENGTH\s+MUST/m);
    const spec = join(specs, 'dcs.openapi.yaml');
    const original = readFileSync(spec, 'utf8');
    try {
      // A level the x-conformance schema does not allow: only full validation can catch it.
      writeFileSync(spec, original.replace(/level: MUST/, 'level: MAYBE'));
      const r = await conformance(['list-rules', '--service', 'dcs']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/dcs\.openapi\.yaml/);
      expect(r.stderr).toMatch(/MUST/);
    } finally {
      writeFileSync(spec, original);
    }
  });

  it('imports pwchange-conformance/config, /client and its alias /adapter from plain Node, CommonJS and ESM', async () => {
    const cjs = await run(process.execPath, ['-e', "const k = require('pwchange-conformance/client'); const a = require('pwchange-conformance/adapter'); const c = require('pwchange-conformance/config'); console.log(typeof k.defineAdapter, a.defineAdapter === k.defineAdapter, typeof c.defineConfig)"], { cwd: project });
    expect(cjs.stdout.trim()).toBe('function true function');
    const esm = await run(process.execPath, ['--input-type=module', '-e', "const { defineConfig } = await import('pwchange-conformance/config'); console.log(typeof defineConfig)"], { cwd: project });
    expect(esm.stdout.trim()).toBe('function');
  });

  it('run: the main job against the embedded simulator judges rules of both services and exits 0', async () => {
    const r = await conformance(['run', '--seed', '7', '--rules', 'BCC-PWD-*,DCS-PWD-*,DCS-LOCK-*', '--format', 'json,md', '--report-dir', 'out-main']);
    expect(r.stderr).not.toMatch(/ERR_|Error:/);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = readJsonReport('out-main');
    expect(report.runStatus).toBe('complete');
    expect(report.summary.pass).toBeGreaterThan(5);
    expect(report.summary.fail).toBe(0);
    expect(new Set(report.rules.filter((x) => x.verdict === 'pass').map((x) => x.id.split('-')[0]))).toEqual(new Set(['BCC', 'DCS']));
    expect(existsSync(join(project, 'out-main/conformance-report.md'))).toBe(true);
  }, 300_000);

  it('run: a planted fault fails its rule from the installed package too (exit 1)', async () => {
    const r = await conformance(['run', '--seed', '7', '--service', 'dcs', '--rules', 'DCS-PWD-LENGTH', '--fault', 'dcs-accepts-65-chars', '--format', 'json', '--report-dir', 'out-fault']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(readJsonReport('out-fault').rules.find((x) => x.id === 'DCS-PWD-LENGTH')?.verdict).toBe('fail');
  }, 300_000);

  it('loads the README\'s conformance.config.ts in a CommonJS project (no "type": "module")', async () => {
    writeFileSync(
      join(project, 'conformance.config.ts'),
      ["import { defineConfig } from 'pwchange-conformance/config';", 'export default defineConfig({', "  services: ['dcs'],", "  rules: ['DCS-PWD-LENGTH'],", '  seed: 3,', "  reportDir: 'out-config',", "  formats: ['json'],", '});', ''].join('\n'),
    );
    try {
      const r = await conformance(['run']);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const report = readJsonReport('out-config');
      expect(report.rules.map((x) => x.id)).toEqual(['DCS-PWD-LENGTH']);
      expect(report.seed).toBe(3);
    } finally {
      rmSync(join(project, 'conformance.config.ts'));
    }
  }, 300_000);

  it('runs a client adapter copied from the shipped template (it imports pwchange-conformance/client)', async () => {
    const template = join(project, 'node_modules/pwchange-conformance/examples/my-adapter-template.ts');
    expect(readFileSync(template, 'utf8')).toContain("from 'pwchange-conformance/client'");
    copyFileSync(template, join(project, 'my-adapter.ts'));
    const r = await conformance(['run', '--client', './my-adapter.ts', '--service', 'dcs', '--rules', 'DCS-CLIENT-*', '--seed', '5', '--format', 'json', '--report-dir', 'out-client']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const report = readJsonReport('out-client');
    expect(report.rules.length).toBeGreaterThan(0);
    expect(report.rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(0);
    expect(report.rules.filter((x) => x.verdict === 'fail')).toEqual([]);
  }, 300_000);

  it('a builtin adapter whose SDK is not installed is a usage error naming the package to install (exit 2)', async () => {
    const r = await conformance(['run', '--client', 'huawei-core', '--service', 'dcs', '--report-dir', 'out-sdk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/@huaweicloud\/huaweicloud-sdk-core/);
    expect(r.stderr).toMatch(/npm install --save-dev @huaweicloud\/huaweicloud-sdk-core uuid/);
    expect(r.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|\n\s+at /);
  });

  it('serve answers as a target for run --target/--state-url', async () => {
    const child = spawn(process.execPath, [join(project, 'node_modules/.bin/conformance'), 'serve', '--port', '0'], { cwd: project, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) done(m[1]!);
        });
        child.on('close', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
      });
      const r = await conformance(['run', '--target', url, '--state-url', `${url}/__conformance/state`, '--service', 'dcs', '--rules', 'DCS-PWD-LENGTH,DCS-AUTH-*', '--seed', '9', '--format', 'json', '--report-dir', 'out-serve'], SERVE_CREDENTIALS);
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(readJsonReport('out-serve').rules.filter((x) => x.verdict === 'pass').length).toBeGreaterThan(1);
    } finally {
      child.kill('SIGTERM');
    }
  }, 300_000);
});
