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

/**
 * In-memory instance store; every update is synchronous, so each request's update is atomic.
 * DCS instances sit in one map per project: a composite string key of two client-chosen parts
 * can alias (`p` + `x\0i` and `p\0x` + `i`, issue 12 defect 5) whatever the separator.
 */
export class InstanceStore {
  readonly bcc = new Map<string, BccInstance>();
  private readonly dcsProjects = new Map<string, Map<string, DcsInstance>>();

  putBcc(instance: BccInstance): void {
    this.bcc.set(instance.instanceId, { ...instance });
  }

  putDcs(instance: DcsInstance): void {
    let project = this.dcsProjects.get(instance.projectId);
    if (project === undefined) this.dcsProjects.set(instance.projectId, (project = new Map()));
    project.set(instance.instanceId, { ...instance });
  }

  getDcs(projectId: string, instanceId: string): DcsInstance | undefined {
    return this.dcsProjects.get(projectId)?.get(instanceId);
  }

  /** The DCS instances of one project. */
  dcsInProject(projectId: string): IterableIterator<DcsInstance> {
    return (this.dcsProjects.get(projectId) ?? new Map<string, DcsInstance>()).values();
  }

  /** Number of DCS instances over all projects. */
  get dcsCount(): number {
    let n = 0;
    for (const project of this.dcsProjects.values()) n += project.size;
    return n;
  }

  /** Forgets every instance, counter and lock. */
  clear(): void {
    this.bcc.clear();
    this.dcsProjects.clear();
  }
}
