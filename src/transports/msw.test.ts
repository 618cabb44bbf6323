import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createSimulator } from '../simulator/simulator.ts';
import { mswTransport } from './msw.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import { buildDcsChangePassword } from '../requests/dcs-requests.ts';

const sim = createSimulator();
let msw: ReturnType<typeof mswTransport>;

beforeAll(() => {
  msw = mswTransport((request) => sim.handle(request), ['https://dcs.cn-north-4.myhuaweicloud.com']);
});
afterAll(() => msw.close());

describe('msw transport over the simulator\'s Fetch handler', () => {
  it('routes a fetch to the vendor host into the simulator', async () => {
    sim.store.putDcs({ projectId: 'p1', instanceId: 'i1', status: 'RUNNING', password: 'OldPass@123', passwordFree: false, failedAttempts: 0, lockedUntil: null });
    const req = await buildDcsChangePassword({ baseUrl: 'https://dcs.cn-north-4.myhuaweicloud.com', projectId: 'p1', instanceId: 'i1', oldPassword: 'OldPass@123', newPassword: 'NewPass@456', credentials: DEFAULT_CREDENTIALS.dcs });
    const res = await fetch(req);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: string }).result).toBe('success');
    expect(sim.store.getDcs('p1', 'i1')?.password).toBe('NewPass@456');
    expect(sim.recorder.exchanges().at(-1)?.findings).toContainEqual(expect.objectContaining({ rule: 'DCS-CLIENT-SIGNATURE', ok: true }));
  });
});
