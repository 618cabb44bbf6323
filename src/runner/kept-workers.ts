/**
 * A vitest pool whose suite worker threads outlive a run, for a {@link SuiteSession} that runs
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
 * A thread of vitest's own `threads` pool, once started, with what it has been told: `set up`
 * (it answered vitest's "start" message) and `dead` (it exited or erred, so is never kept).
 */
interface Thread {
  readonly inner: ThreadsPoolWorker;
  setUp: boolean;
  dead: boolean;
}

/** Opens a pool that keeps its worker threads between runs until {@link KeptThreads.close}. */
export function keptThreads(): KeptThreads {
  const idle: Thread[] = [];
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
      idle.length = 0;
      await Promise.all(threads.map((t) => (t.dead ? undefined : t.inner.stop().catch(() => undefined))));
    },
  };
}

/**
 * One runner's worker. vitest's protocol per runner is start → run… → stop; the thread answers
 * "start" once in its life and "stop" never (its teardown would close the module runner): a kept
 * thread taken up again answers "started" here, and a "stop" is answered "stopped" here before
 * the thread goes back to the idle list. A runner stopped without a "stop" message (vitest's
 * forced stop, after a failed or cancelled task) really ends its thread.
 */
class KeptWorker implements PoolWorker {
  readonly name = KEPT_THREADS;
  private thread: Thread | undefined;
  private readonly listeners: Array<[string, Listener]> = [];
  private stopAnswered = false;

  constructor(
    private readonly options: PoolOptions,
    private readonly idle: Thread[],
    private readonly all: Set<Thread>,
    private readonly onStart: () => void,
  ) {}

  async start(): Promise<void> {
    let thread = this.idle.pop();
    if (!thread) {
      thread = { inner: new ThreadsPoolWorker(this.options), setUp: false, dead: false };
      await thread.inner.start();
      this.all.add(thread);
      this.onStart();
      const died = (): void => void (thread!.dead = true);
      thread.inner.on('exit', died);
      thread.inner.on('error', died);
    }
    this.thread = thread;
  }

  async stop(): Promise<void> {
    const thread = this.thread;
    if (!thread) return;
    this.thread = undefined;
    for (const [event, listener] of this.listeners.splice(0)) thread.inner.off(event, listener);
    if (this.stopAnswered && !thread.dead && this.all.has(thread)) {
      this.idle.push(thread);
      return;
    }
    this.all.delete(thread);
    if (!thread.dead) await thread.inner.stop();
  }

  send(message: WorkerRequest): void {
    const thread = this.current();
    if (message.type === 'start' && thread.setUp) return this.answer({ type: 'started', __vitest_worker_response__: true });
    if (message.type === 'stop') {
      this.stopAnswered = true;
      return this.answer({ type: 'stopped', __vitest_worker_response__: true });
    }
    if (message.type === 'start') thread.setUp = true;
    thread.inner.send(message);
  }

  on(event: string, listener: Listener): void {
    this.listeners.push([event, listener]);
    this.current().inner.on(event, listener);
  }

  off(event: string, listener: Listener): void {
    const i = this.listeners.findIndex(([e, l]) => e === event && l === listener);
    if (i !== -1) this.listeners.splice(i, 1);
    this.thread?.inner.off(event, listener);
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  /** Hands `response` to this runner's message listeners, as if the thread had sent it. */
  private answer(response: { type: string; __vitest_worker_response__: true }): void {
    const listeners = this.listeners.filter(([e]) => e === 'message').map(([, l]) => l);
    queueMicrotask(() => listeners.forEach((l) => l(response)));
  }

  private current(): Thread {
    if (!this.thread) throw new Error('kept-workers: a message was sent to a runner that has not started; this is a bug in src/runner/kept-workers.ts');
    return this.thread;
  }
}
