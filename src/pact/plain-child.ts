/**
 * Runs Pact's verifier in a child process whose output is relayed without ANSI colour codes.
 *
 * Pact's native core writes its coloured report straight to file descriptor 1 and takes no
 * colour setting through pact-core's bindings, so NO_COLOR, FORCE_COLOR=0 or a pipe could not
 * reach it in-process. When colour is off, the verification runs in a child (verify-child.ts)
 * whose stdout and stderr are piped here, line by line, with the escape sequences removed; the
 * result comes back over IPC. When colour is on (a terminal, or FORCE_COLOR), Pact's own
 * colours are what the user asked for and the verifier runs in-process.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KitError, type KitErrorCode } from '../errors/kit-error.ts';
import type { VerifyOptions, VerifyResult } from './verify-types.ts';

/** Every CSI / OSC escape sequence a terminal would interpret (colours, cursor moves, hyperlinks). */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** `text` without terminal escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** What the child sends back: the result, or the error it threw (a KitError keeps its code and fix). */
export type ChildMessage = { result: VerifyResult } | { error: { message: string; code?: KitErrorCode; fix?: string; plain?: string } };

/** Copies `from` to `to` a line at a time (an escape sequence never spans a line), stripped. */
function relay(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): Promise<void> {
  let pending = '';
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => {
    pending += chunk;
    const cut = pending.lastIndexOf('\n');
    if (cut < 0) return;
    to.write(stripAnsi(pending.slice(0, cut + 1)));
    pending = pending.slice(cut + 1);
  });
  return new Promise((done) =>
    from.on('end', () => {
      if (pending) to.write(stripAnsi(pending));
      done();
    }),
  );
}

/** Runs {@link verifyHere} of verify-pacts.ts in a child and relays its output without colour. */
export async function verifyInPlainChild(options: VerifyOptions): Promise<VerifyResult> {
  const script = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? './verify-child.ts' : './verify-child.js', import.meta.url));
  // The checkout runs TypeScript: the child needs tsx's loader (resolved from the kit, not the cwd).
  const loader = script.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const child = spawn(process.execPath, [...loader, script], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: process.env });
  let message: ChildMessage | undefined;
  child.on('message', (m: ChildMessage) => (message = m));
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  try {
    const relayed = Promise.all([relay(child.stdout!, process.stdout), relay(child.stderr!, process.stderr)]);
    const exit = new Promise<number | null>((done, fail) => {
      child.on('error', fail);
      child.on('close', (code) => done(code));
    });
    child.send(options);
    const [code] = await Promise.all([exit, relayed]);
    if (!message) throw new Error(`pact verify: the verifier process ended (exit ${code}) without a result; see its output above`);
    if ('result' in message) return message.result;
    const { error } = message;
    if (error.code && error.fix !== undefined) throw new KitError(error.code, error.plain ?? error.message, error.fix);
    throw new Error(error.message);
  } finally {
    process.off('SIGINT', forward).off('SIGTERM', forward);
  }
}
