/**
 * A client program in any language as a {@link ClientAdapter}: started once with
 * `--client-cmd`, asked one case at a time over the JSON-lines protocol (client-protocol.ts).
 * A case the client does not answer properly (garbage, silence, exit) is a fault of the client,
 * thrown as a {@link TransportFault} so no rule is judged on it; the client is restarted for
 * the next case, and every such event is kept for the report.
 */
import { KitError } from '../../errors/kit-error.ts';
import { TransportFault } from '../../errors/transport-fault.ts';
import type { AdapterContext, ChangePasswordInput, ClientAdapter, ChangePasswordOutcome } from '../client.ts';
import { caseRequest, caseSecrets, outcomeOf, parseAnswer, parseHello, quoteLine, type Hello } from './client-protocol.ts';
import { ProtocolViolation } from '../../errors/protocol-violation.ts';
import { LineChannel } from './line-channel.ts';

/** Options of {@link startProcessClient}. */
export interface ProcessClientOptions {
  /** The command line, run through the shell, e.g. `python3 examples/python/change_password.py`. */
  command: string;
  cwd?: string;
  /** Where the client's stderr goes (appended, secrets scrubbed). */
  logFile?: string;
  /** Time a case may take before it is abandoned and the client restarted (default 10 s). */
  caseTimeoutMs?: number;
  /** Time the client may take to print its hello line (default 30 s: JVMs start slowly). */
  helloTimeoutMs?: number;
  /** Restarts after which the kit stops asking the client (default 3). */
  maxRestarts?: number;
  /** Secrets scrubbed from the log besides the current case's (the run's secret keys). */
  secrets?: readonly string[];
}

/** A running process client. */
export interface ProcessClient extends ClientAdapter {
  readonly hello: Hello;
  /** Restarts and protocol faults so far, one line each, for the report. */
  readonly events: readonly string[];
  readonly restarts: number;
  /** Closes the client's stdin (it should exit), then kills it after a grace period. */
  close(): Promise<void>;
}

const HOW_TO_RUN = 'check that the command runs from this directory and prints its hello line first (see docs/client-protocol.md)';

/** Starts the client and reads its hello line; a client that cannot start is a {@link KitError} (exit 2). */
export async function startProcessClient(options: ProcessClientOptions): Promise<ProcessClient> {
  const caseTimeoutMs = options.caseTimeoutMs ?? 10_000;
  const helloTimeoutMs = options.helloTimeoutMs ?? 30_000;
  const maxRestarts = options.maxRestarts ?? 3;
  const events: string[] = [];
  // Secrets of the last few cases: stderr lines about a case may arrive after its answer.
  let recent: string[][] = [];
  const secrets = (): string[] => [...(options.secrets ?? []), ...recent.flat()];
  let restarts = 0;
  let caseNo = 0;
  let lastCase = '';

  async function launch(): Promise<{ channel: LineChannel; hello: Hello }> {
    const channel = new LineChannel({ command: options.command, cwd: options.cwd, logFile: options.logFile, secrets });
    const first = await channel.next(helloTimeoutMs);
    const tail = (): string => (channel.stderrTail.length ? `; its last stderr lines: ${channel.stderrTail.map((l) => quoteLine(l)).join(' | ')}` : '');
    if (first.kind === 'timeout') {
      channel.kill();
      throw new ProtocolViolation(`the client printed no hello line within ${helloTimeoutMs} ms${tail()}`, `print the hello line on stdout first and flush it (${HOW_TO_RUN})`);
    }
    if (first.kind === 'exit') {
      const hint = first.code === 127 ? ' (command not found)' : '';
      throw new ProtocolViolation(`the client exited (${first.signal ?? `code ${first.code}`}${hint}) before its hello line${tail()}`, HOW_TO_RUN);
    }
    try {
      return { channel, hello: parseHello(first.line) };
    } catch (error) {
      channel.kill();
      throw error;
    }
  }

  let current: { channel: LineChannel; hello: Hello };
  try {
    current = await launch();
  } catch (error) {
    if (!(error instanceof ProtocolViolation)) throw error;
    const where = options.logFile ? ` (its stderr is in ${options.logFile})` : '';
    throw new KitError('CONFIG_INVALID', `The client command \`${options.command}\` could not be started: ${error.problem}${where}`, error.fix, { cause: error });
  }
  const hello = current.hello;
  let gaveUp: string | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  /** Stops the current process and starts another, counting the restart. */
  async function restart(why: string): Promise<void> {
    current.channel.kill();
    restarts += 1;
    if (restarts > maxRestarts) {
      gaveUp = `the client was restarted ${maxRestarts} times and is no longer asked (last: ${why})`;
      events.push(gaveUp);
      return;
    }
    events.push(`client restarted (${restarts} of at most ${maxRestarts}): ${why}`);
    try {
      current = await launch();
    } catch (error) {
      gaveUp = `the client could not be restarted: ${(error as Error).message.split('\n')[0]}`;
      events.push(gaveUp);
    }
  }

  async function ask(input: ChangePasswordInput, context: AdapterContext): Promise<ChangePasswordOutcome> {
    const id = `c${++caseNo}`;
    const label = `case ${id} (${input.service} changePassword of instance ${JSON.stringify(input.instanceId)})`;
    if (!hello.services.includes(input.service)) return { kind: 'not-implemented', message: `the client's hello lists services ${hello.services.join(', ')}, not ${input.service}` };
    if (gaveUp) throw new TransportFault('other', `client under test not asked ${label}: ${gaveUp}`);
    if (!current.channel.alive) await restart(`it had exited after ${lastCase || 'its hello line'}`);
    if (gaveUp) throw new TransportFault('other', `client under test not asked ${label}: ${gaveUp}`);
    const stray = current.channel.drain();
    if (stray.length > 0) events.push(`the client wrote ${stray.length} line(s) nobody asked for after ${lastCase || 'its hello line'}, first ${quoteLine(stray[0]!, secrets())}: write only one answer per request on stdout, logs go to stderr`);
    const request = caseRequest(id, input, context);
    recent = [caseSecrets(request), ...recent.slice(0, 2)];
    lastCase = label;
    current.channel.send(JSON.stringify(request));
    const event = await current.channel.next(caseTimeoutMs);
    if (event.kind === 'timeout') {
      const message = `client under test did not answer ${label} within ${caseTimeoutMs} ms (raise it with --client-timeout); it is stopped and restarted for the next case`;
      await restart(`no answer to ${label} within ${caseTimeoutMs} ms`);
      throw new TransportFault('timeout', message);
    }
    if (event.kind === 'exit') {
      const tail = current.channel.stderrTail.length ? `; its last stderr lines: ${current.channel.stderrTail.map((l) => quoteLine(l)).join(' | ')}` : '';
      const message = `client under test exited (${event.signal ?? `code ${event.code}`}) while answering ${label}${tail}; it is restarted for the next case`;
      events.push(`client exited (${event.signal ?? `code ${event.code}`}) while answering ${label}`);
      throw new TransportFault('reset', message);
    }
    try {
      return outcomeOf(parseAnswer(event.line, id, secrets()));
    } catch (error) {
      if (!(error instanceof ProtocolViolation)) throw error;
      // After a bad line the client's stdout can no longer be trusted to line up with the cases.
      await restart(`it broke the protocol on ${label}`);
      throw new TransportFault('other', `client under test broke the protocol on ${label}: ${error.problem} → ${error.fix}`);
    }
  }

  return {
    name: hello.name,
    services: hello.services,
    hello,
    events,
    get restarts() {
      return restarts;
    },
    changePassword(input, context) {
      // One case at a time: the protocol is a conversation, and timeouts count from the send.
      const result = queue.then(() => ask(input, context));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      await current.channel.stop();
    },
  };
}
