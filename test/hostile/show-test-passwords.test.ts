/** `run --show-test-passwords`: the embedded simulator's test passwords may be quoted; never a URL target's. */
import { describe, it, expect } from 'vitest';
import { cli, readJsonReport, reportDir } from '../cli/cli-harness.ts';

describe('--show-test-passwords', () => {
  it('is refused against a URL target, before anything is sent', async () => {
    const r = await cli(['run', '--target', 'http://127.0.0.1:9', '--show-test-passwords']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--show-test-passwords works against the embedded simulator only/);
  }, 60_000);

  it('quotes the passwords of a failing case against the embedded simulator; without it they are described', async () => {
    const args = ['run', '--rules', 'BCC-PWD-SYMBOLS', '--fault', 'accept-ampersand', '--seed', '7', '--format', 'json'];
    const shown = reportDir();
    expect((await cli([...args, '--show-test-passwords', '--report-dir', shown])).code).toBe(1);
    const described = reportDir();
    expect((await cli([...args, '--report-dir', described])).code).toBe(1);
    const summary = (dir: string) => readJsonReport(dir).rules.find((r) => r.id === 'BCC-PWD-SYMBOLS')!.counterexample!.summary;
    expect(summary(shown)).toMatch(/"[^"]*&[^"]*" \(\d+ chars: /);
    expect(summary(described)).toMatch(/\d+ chars: /);
    expect(summary(described)).not.toContain('&');
  }, 120_000);
});
