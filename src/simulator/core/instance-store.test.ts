import { describe, expect, it } from 'vitest';
import { InstanceStore } from './instance-store.ts';

const dcs = { projectId: 'p', instanceId: 'i', status: 'RUNNING', password: 'Old@Pass1', passwordFree: false, failedAttempts: 2, lockedUntil: null };

describe('InstanceStore', () => {
  it('keys DCS instances by project and instance, and stores copies', () => {
    const store = new InstanceStore();
    const original = { ...dcs };
    store.putDcs(original);
    original.password = 'changed';
    expect(store.getDcs('p', 'i')?.password).toBe('Old@Pass1');
    expect(store.getDcs('other', 'i')).toBeUndefined();
    // No key is made by joining untrusted parts: ('a', 'bc') and ('ab', 'c') are two instances.
    store.putDcs({ ...dcs, projectId: 'a', instanceId: 'bc', password: 'First@Pass1' });
    store.putDcs({ ...dcs, projectId: 'ab', instanceId: 'c', password: 'Second@Pass2' });
    expect(store.getDcs('a', 'bc')?.password).toBe('First@Pass1');
    expect(store.getDcs('ab', 'c')?.password).toBe('Second@Pass2');
  });
  it('clear() forgets every instance of both services, with their counters and locks', () => {
    const store = new InstanceStore();
    store.putBcc({ instanceId: 'i-1', status: 'Running', password: null });
    store.putDcs(dcs);
    store.clear();
    expect(store.bcc.size).toBe(0);
    expect(store.dcsCount).toBe(0);
  });
  it('lists the DCS instances of one project only (none for an unknown project), and counts them over all projects', () => {
    const store = new InstanceStore();
    expect([...store.dcsInProject('p')]).toEqual([]);
    store.putDcs(dcs);
    store.putDcs({ ...dcs, instanceId: 'j' });
    store.putDcs({ ...dcs, projectId: 'q' });
    expect([...store.dcsInProject('p')].map((i) => i.instanceId).sort()).toEqual(['i', 'j']);
    expect([...store.dcsInProject('q')].map((i) => `${i.projectId}/${i.instanceId}`)).toEqual(['q/i']);
    expect([...store.dcsInProject('unknown')]).toEqual([]);
    expect(store.dcsCount).toBe(3);
  });
});
