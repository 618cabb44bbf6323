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
    expect(InstanceStore.dcsKey('a', 'bc')).not.toBe(InstanceStore.dcsKey('ab', 'c'));
  });
  it('clear() forgets every instance of both services, with their counters and locks', () => {
    const store = new InstanceStore();
    store.putBcc({ instanceId: 'i-1', status: 'Running', password: null });
    store.putDcs(dcs);
    store.clear();
    expect(store.bcc.size).toBe(0);
    expect(store.dcs.size).toBe(0);
  });
});
