import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJs, type JsBuild } from '../../bench/lib/build-js.ts';
import { signedChangePassRequest } from '../../bench/simulator-throughput.ts';

// The throughput benchmark runs its servers from this build; a build that silently fell back to
// CommonJS, kept `.ts` specifiers or lost the specs would measure nothing (or fail only at run time).
describe('bench/lib/build-js', () => {
  let build: JsBuild;
  // Compiling the sources takes 5–12 s on a loaded 2-core machine: vitest's 10 s hook default
  // failed this file in a full `npm test` (2026-11-29, load 15–18) without any test running.
  beforeAll(() => {
    build = buildJs();
  }, 120_000);
  afterAll(() => build?.remove());

  it('emits ES modules with .js specifiers, as dist/ has them', () => {
    const server = readFileSync(build.fileFor('src/simulator/server.ts'), 'utf8');
    expect(server).toMatch(/^import .* from "\.\/raw-header-view\.js";$/m);
    expect(server).not.toMatch(/from "[^"]+\.ts"/);
    expect(server).not.toMatch(/exports\.|require\(/);
  });

  it('gives a simulator that finds its specs and verifies a signed changePass', async () => {
    const { createSimulator } = (await import(build.fileFor('src/simulator/simulator.ts'))) as typeof import('../../src/simulator/simulator.ts');
    const sim = createSimulator({ record: false });
    sim.store.putBcc({ instanceId: 'i-bench', status: 'Running', password: 'Orig1234!' });
    const raw = await signedChangePassRequest('http://127.0.0.1:1');
    const request = (authorization: string): Request =>
      new Request(`http://127.0.0.1:1${raw.path}`, { method: raw.method, headers: { ...raw.headers, authorization }, body: raw.body });
    expect((await sim.handle(request(raw.headers.authorization!))).status).toBe(200);
    const forged = `${raw.headers.authorization!.slice(0, -1)}${raw.headers.authorization!.endsWith('0') ? '1' : '0'}`;
    expect((await sim.handle(request(forged))).status).toBeGreaterThanOrEqual(400);
  });
});
