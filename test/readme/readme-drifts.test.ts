/**
 * What the READMEs say next to their fault demos is what the kit does: each command is read
 * from the README text itself (so an edit of the text is an edit of the test), run with a
 * temporary report dir, and judged by the exit status and the rules the text names.
 * (Issue 15: `serve --fault accept-ampersand` was offered as "a faulty server for your own
 * tools" though `pact verify` passes it; the plaintext adapter was said to fail one rule.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonReport, reportDir, ROOT, serve } from '../cli/cli-harness.ts';
import { conformanceArgs, readmeCommand } from './readme-lines.ts';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const EXAMPLES = readFileSync(join(ROOT, 'examples/README.md'), 'utf8');
const BCC_ENV = { BCE_ACCESS_KEY_ID: 'sim-bcc-test-ak-0001', BCE_SECRET_ACCESS_KEY: 'sim-bcc-TEST-ONLY-secret-000001' };

const failing = (dir: string): string[] => readJsonReport(dir).rules.filter((r) => r.verdict === 'fail').map((r) => r.id).sort();

describe('README: seeing a rule fail', () => {
  it('`run --fault lock-after-4 --service dcs` exits 1 with DCS-LOCK-THRESHOLD failing', async () => {
    const line = readmeCommand('README.md', '--fault lock-after-4');
    expect([line.exit, line.rules]).toEqual([1, ['DCS-LOCK-THRESHOLD']]);
    const dir = reportDir();
    const r = await cli([...conformanceArgs(line), '--report-dir', dir, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(failing(dir)).toContain('DCS-LOCK-THRESHOLD');
  }, 180_000);

  it('`serve --fault accept-ampersand`: run against it fails BCC-PWD-SYMBOLS, and pact verify passes it, as the text says', async () => {
    const args = conformanceArgs(readmeCommand('README.md', '--fault accept-ampersand'));
    expect(README).toMatch(/BCC-PWD-SYMBOLS fails/);
    expect(README).toMatch(/`conformance pact verify` does not catch it/);
    const server = await serve(args.slice(1));
    try {
      const dir = reportDir();
      const r = await cli(['run', '--target', server.url, '--state-url', `${server.url}/__conformance/state`, '--service', 'bcc', '--rules', 'BCC-PWD-SYMBOLS', '--seed', '3', '--report-dir', dir, '--format', 'json'], BCC_ENV);
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(failing(dir)).toEqual(['BCC-PWD-SYMBOLS']);
      const pacts = mkdtempSync(join(tmpdir(), 'readme-pacts-'));
      const exported = await cli(['pact', 'export', '--service', 'bcc', '--out', pacts], { PACT_DO_NOT_TRACK: 'true' });
      expect(exported.code, exported.stderr).toBe(0);
      const verified = await cli(['pact', 'verify', '--provider-url', server.url, '--state-url', `${server.url}/__conformance/state`, join(pacts, 'pwchange-conformance-baidu-bcc.json')], { ...BCC_ENV, PACT_DO_NOT_TRACK: 'true' });
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    } finally {
      await server.stop();
    }
  }, 240_000);
});

describe('examples/README: the faulty plaintext adapter', () => {
  it('fails BCC-CLIENT-ENCRYPTION alone among the client rules (exit 1), as the Running section says', async () => {
    const line = readmeCommand('examples/README.md', 'faulty-plaintext-adapter.ts');
    expect([line.exit, line.rules]).toEqual([1, ['BCC-CLIENT-ENCRYPTION']]);
    const args = conformanceArgs(line);
    const dir = reportDir();
    const r = await cli([...args, '--seed', '3', '--report-dir', dir, '--format', 'json']);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(failing(dir)).toEqual(['BCC-CLIENT-ENCRYPTION']);
  }, 180_000);

  it('in a full BCC run also fails the rules whose valid change it breaks, as the table says', async () => {
    const row = EXAMPLES.split('\n').find((l) => l.includes('faulty-plaintext-adapter.ts') && l.startsWith('|'))!;
    const dir = reportDir();
    const r = await cli(['run', '--client', './examples/faulty-plaintext-adapter.ts', '--service', 'bcc', '--rules', 'BCC-CLIENT-*,BCC-PWD-ACCEPT-VALID,BCC-STATUS-ALLOWED', '--seed', '3', '--report-dir', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    for (const id of failing(dir)) expect(row).toContain(id);
    expect(failing(dir)).toEqual(['BCC-CLIENT-ENCRYPTION', 'BCC-PWD-ACCEPT-VALID', 'BCC-STATUS-ALLOWED']);
  }, 180_000);
});
