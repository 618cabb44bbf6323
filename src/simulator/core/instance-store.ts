/** The simulator's state: instances of both services, their passwords and lockout counters. */

/** A BCC instance. */
export interface BccInstance {
  instanceId: string;
  status: string;
  password: string | null;
}

/** A DCS instance, with its lockout state. */
export interface DcsInstance {
  projectId: string;
  instanceId: string;
  status: string;
  password: string;
  passwordFree: boolean;
  /** Consecutive wrong old passwords since the last success or lock expiry. */
  failedAttempts: number;
  /** Epoch ms when the lock ends; null when not locked. */
  lockedUntil: number | null;
}

/** In-memory instance store; every update is synchronous, so each request's update is atomic. */
export class InstanceStore {
  readonly bcc = new Map<string, BccInstance>();
  readonly dcs = new Map<string, DcsInstance>();

  /** Key of a DCS instance. */
  static dcsKey(projectId: string, instanceId: string): string {
    return `${projectId}\u0000${instanceId}`;
  }

  putBcc(instance: BccInstance): void {
    this.bcc.set(instance.instanceId, { ...instance });
  }

  putDcs(instance: DcsInstance): void {
    this.dcs.set(InstanceStore.dcsKey(instance.projectId, instance.instanceId), { ...instance });
  }

  getDcs(projectId: string, instanceId: string): DcsInstance | undefined {
    return this.dcs.get(InstanceStore.dcsKey(projectId, instanceId));
  }

  /** Forgets every instance, counter and lock. */
  clear(): void {
    this.bcc.clear();
    this.dcs.clear();
  }
}
