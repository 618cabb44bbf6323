/**
 * The child process of plain-child.ts: receives the verify options over IPC, runs the
 * verification in-process (Pact's native output goes to this process's piped stdout) and sends
 * back the result or the error.
 */
import { KitError } from '../errors/kit-error.ts';
import type { ChildMessage } from './plain-child.ts';
import { verifyHere, type VerifyOptions } from './verify-pacts.ts';

process.once('message', (options: VerifyOptions) => {
  void (async () => {
    let reply: ChildMessage;
    try {
      reply = { result: await verifyHere(options) };
    } catch (e) {
      const error = e as Error;
      reply = { error: KitError.is(error) ? { message: error.message, code: error.code, fix: error.fix, plain: error.message.split('\n  → ')[0] } : { message: error.stack ?? String(error) } };
    }
    process.send!(reply, () => process.disconnect());
  })();
});
