import { describe, expect, it } from 'vitest';
import { IN_PROCESS_ORIGIN } from '../targets/simulator-target.ts';
import { curlForServe, SERVE_NOTE, SERVE_ORIGIN } from './serve-curl.ts';

describe('curlForServe', () => {
  it('points an embedded-simulator curl at `conformance serve` and says so above it', () => {
    const curl = `curl -sS -X PUT '${IN_PROCESS_ORIGIN}/v2/p1/instances/i1/password' \\\n  -H "authorization: $AUTHORIZATION"`;
    const out = curlForServe(curl);
    expect(out.split('\n')[0]).toBe(SERVE_NOTE);
    expect(out).toContain(`'${SERVE_ORIGIN}/v2/p1/instances/i1/password'`);
    expect(out).not.toContain(IN_PROCESS_ORIGIN);
    expect(SERVE_NOTE).toMatch(/npx conformance serve/);
  });

  it('leaves a curl for a real URL alone', () => {
    const curl = "curl -sS -X PUT 'https://dcs.example/v2/p/instances/i/password'";
    expect(curlForServe(curl)).toBe(curl);
  });
});
