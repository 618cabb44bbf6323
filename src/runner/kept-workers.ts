/**
 * A vitest pool whose suite worker threads outlive a run, for a `SuiteSession` that runs
 * suite files again and again (src/runner/run-suites.ts). vitest's pool ends a worker as soon as
 * its run's queue is empty, so every run of a session started a new thread that loaded the kit,
 * its specs and the simulator again (about a second of CPU each; the kit's fault catalogue makes
 * ~46 such runs). These workers are told nothing of the end of a run: the thread, its module
 * cache and its test runtime wait for the session's next run, exactly as vitest keeps a worker
 * for the next file of one run (`isolate: false`), which re-imports each test file it is given.
 */
import { ThreadsPoolWorker, type PoolOptions, type PoolWorker, type WorkerRequest } from 'vitest/node';

type Listener = (arg: unknown) => void;

/** The vitest pool ({@link KeptThreads.pool}) and the threads it keeps; {@link KeptThreads.close} ends them. */
export interface KeptThreads {
  /** What vitest's `pool` option takes. */
  readonly pool: { readonly name: string; createPoolWorker: (options: PoolOptions) => PoolWorker };
  /** Threads started so far (a kept thread taken up again does not count). */
  readonly started: () => number;
  /** Ends every kept thread; call after `vitest.close()`. */
  close(): Promise<void>;
}

/** The pool's name (vitest matches a task's pool to a runner by it). */
export const KEPT_THREADS = 'conformance-kept-threads';

/**
 * A thread of vitest's own `threads` pool, set up by vitest's "start" message for pool id
 * `poolId` (its `VITEST_POOL_ID`, which `sessions-client.ts` maps to a session of the server, so
 * no two threads running at once may share it); `dead` once it exited or erred (never kept).
 */
interface Thread {
  readonly inner: ThreadsPoolWorker;
  readonly poolId: number;
  dead: boolean;
}

/** Opens a pool that keeps its worker threads between runs until {@link KeptThreads.close}. */
export function keptThreads(): KeptThreads {
  const idle = new Map<number, Thread>();
  const all = new Set<Thread>();
  let started = 0;
  return {
    pool: {
      name: KEPT_THREADS,
      createPoolWorker: (options) => new KeptWorker(options, idle, all, () => void started++),
    },
    started: () => started,
    async close() {
      const threads = [...all];
      all.clear();
      idle.clear();
      await Promise.all(threads.map((t) => (t.dead ? undefined : t.inner.stop().catch(() => undefined))));
    },
  };
}

/**
 * One runner's worker. vitest's protocol per runner is start → run… → stop; a thread answers
 * "start" once in its life and "stop" never (its teardown would close the module runner). The
 * thread is chosen when vitest's "start" names the runner's pool id: the kept thread of that id
 * answers "started" here, else a new thread is set up. A "stop" is answered "stopped" here and the
 * thread is kept for that pool id. A runner stopped without a "stop" message (vitest's forced
 * stop, after a failed or cancelled task) really ends its thread.
 */
class KeptWorker implements PoolWorker {
  readonly name = KEPT_THREADS;
  private thread: Thread | undefined;
  private readonly listeners: Array<[string, Listener]> = [];
  private stopAnswered = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly idle: Map<number, Thread>,
    private readonly all: Set<Thread>,
    private readonly onStart: () => void,
  ) {}

  /** The thread is chosen by the "start" message ({@link send}), which names the pool id. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    for (const [event, listener] of this.listeners) thread.inner.off(event, listener);
    if (this.stopAnswered && !thread.dead && this.all.has(thread) && !this.idle.has(thread.poolId)) {
      this.idle.set(thread.poolId, thread);
      return;
    }
    this.all.delete(thread);
    if (!thread.dead) await thread.inner.stop();
  }

  send(message: WorkerRequest): void {
    if (message.type === 'start') {
      const kept = this.idle.get(message.poolId);
      if (kept) {
        this.idle.delete(message.poolId);
        this.attach(kept);
        return this.answer({ type: 'started', __vitest_worker_response__: true });
      }
      this.attach(this.newThread(message.poolId));
    } else if (message.type === 'stop') {
      this.stopAnswered = true;
      return this.answer({ type: 'stopped', __vitest_worker_response__: true });
    }
    this.current().inner.send(message);
  }

  on(event: string, listener: Listener): void {
    this.listeners.push([event, listener]);
    this.thread?.inner.on(event, listener);
  }

  off(event: string, listener: Listener): void {
    const i = this.listeners.findIndex(([e, l]) => e === event && l === listener);
    if (i !== -1) this.listeners.splice(i, 1);
    this.thread?.inner.off(event, listener);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  /** A new thread of vitest's `threads` pool (its `start` creates the thread before it returns). */
  private newThread(poolId: number): Thread {
    const thread: Thread = { inner: new ThreadsPoolWorker(this.options), poolId, dead: false };
    // A thread that cannot be created is dead; sending to it then fails the runner's start.
    thread.inner.start().catch(() => void (thread.dead = true));
    this.all.add(thread);
    this.onStart();
    const died = (): void => void (thread.dead = true);
    thread.inner.on('exit', died);
    thread.inner.on('error', died);
    return thread;
  }

  /** Makes `thread` this runner's: the runner's listeners (added before "start") go onto it. */
  private attach(thread: Thread): void {
    this.thread = thread;
    for (const [event, listener] of this.listeners) thread.inner.on(event, listener);
  }

  /** Hands `response` to this runner's message listeners, as if the thread had sent it. */
  private answer(response: { type: string; __vitest_worker_response__: true }): void {
    const listeners = this.listeners.filter(([e]) => e === 'message').map(([, l]) => l);
    queueMicrotask(() => listeners.forEach((l) => l(response)));
  }

  private current(): Thread {
    if (!this.thread) throw new Error('kept-workers: a message was sent to a runner before vitest\'s "start"; this is a bug in src/runner/kept-workers.ts');
    return this.thread;
  }
}
