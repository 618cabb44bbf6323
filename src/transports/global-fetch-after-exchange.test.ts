/**
 * The npm undici the HTTP transport loads must leave the process's global `fetch` working, even
 * when the transport's raw `exchange` is the first HTTP of the process (found in issue 17 round 4:
 * Node's own fetch then failed with "undefined == true"). Checked in a fresh process, since this
 * test process has used Fetch already.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/exchange-then-fetch.ts', import.meta.url));

describe('global fetch after the HTTP transport', () => {
  it('still works when the process first spoke through exchange()', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(out.trim().split('\n')).toEqual(['exchange 200', 'fetch 200']);
  });
});
