/**
 * One running client program: its stdout as a queue of lines, its exit, and its stderr appended
 * (secrets scrubbed) to a log file. The process client above it knows the protocol; this
 * module only knows processes and lines.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** What waiting for a line produced. */
export type LineEvent = { kind: 'line'; line: string } | { kind: 'exit'; code: number | null; signal: string | null } | { kind: 'timeout' };

/** Options of {@link LineChannel}. */
export interface LineChannelOptions {
  command: string;
  cwd?: string;
  /** stderr goes here (appended); none = discarded. */
  logFile?: string;
  /** Replaced by `<redacted>` in the log (credentials, the passwords of the case in flight). */
  secrets: () => readonly string[];
}

/** A child process started through the shell, read line by line. */
export class LineChannel {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiter?: (event: LineEvent) => void;
  private exitEvent?: LineEvent & { kind: 'exit' };
  /** The last stderr lines (scrubbed), for messages about a client that died. */
  readonly stderrTail: string[] = [];

  constructor(private readonly options: LineChannelOptions) {
    // Detached: the shell and the program form a process group that `kill` stops together.
    this.child = spawn(options.command, { cwd: options.cwd, shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.log(`--- ${new Date().toISOString()} started pid ${this.child.pid ?? '?'}: ${options.command}`);
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => this.deliver({ kind: 'line', line }));
    createInterface({ input: this.child.stderr, crlfDelay: Infinity }).on('line', (line) => {
      const clean = this.scrub(line);
      this.stderrTail.push(clean);
      if (this.stderrTail.length > 5) this.stderrTail.shift();
      this.log(clean);
    });
    this.child.stdin.on('error', () => {}); // EPIPE when the program exits first; the exit event reports it
    this.child.on('error', (error) => this.finish(null, `spawn error: ${error.message}`));
    this.child.on('close', (code, signal) => this.finish(code, signal));
  }

  /** True until the program has exited. */
  get alive(): boolean {
    return this.exitEvent === undefined;
  }

  /** Lines the program wrote that nobody asked for yet (removed). */
  drain(): string[] {
    return this.lines.splice(0);
  }

  /** Writes one line to the program's stdin. */
  send(line: string): void {
    if (this.alive) this.child.stdin.write(`${line}\n`);
  }

  /** The next stdout line, the exit, or a timeout, whichever comes first. */
  next(timeoutMs: number): Promise<LineEvent> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve({ kind: 'line', line: queued });
    if (this.exitEvent) return Promise.resolve(this.exitEvent);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ kind: 'timeout' });
      }, timeoutMs);
      this.waiter = (event) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(event);
      };
    });
  }

  /** Closes stdin (the documented way to ask for an exit), then kills the group after `graceMs`. */
  async stop(graceMs = 2_000): Promise<void> {
    if (!this.alive) return;
    this.child.stdin.end();
    const exited = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    const timer = setTimeout(() => this.kill(), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Kills the program's process group at once. */
  kill(): void {
    if (!this.alive || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  private deliver(event: LineEvent): void {
    if (this.waiter) this.waiter(event);
    else if (event.kind === 'line') this.lines.push(event.line);
  }

  private finish(code: number | null, signal: string | null): void {
    if (this.exitEvent) return;
    this.exitEvent = { kind: 'exit', code, signal };
    this.log(`--- ${new Date().toISOString()} exited (${signal ?? `code ${code}`})`);
    // Lines already queued are still read first; the exit is seen after them.
    if (this.waiter && this.lines.length === 0) this.waiter(this.exitEvent);
  }

  private scrub(line: string): string {
    let out = line;
    for (const s of this.options.secrets()) if (s.length >= 4) out = out.split(s).join('<redacted>');
    return out;
  }

  private log(line: string): void {
    if (this.options.logFile) appendFileSync(this.options.logFile, `${line}\n`);
  }
}
