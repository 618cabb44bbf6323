/**
 * Setup of the mutation run only (vitest.mutation.config.ts). In a conformance run a crash of the
 * target (the embedded simulator "dropped the request") or a 5xx a rule did not ask about makes the
 * check skip — a fault of the target is never a rule failure, and the run is then not conformant
 * ("never green on nothing"). Stryker sees only pass or fail, so a skip would let the mutant that
 * caused the crash pass as a survivor. Here such a skip fails the test instead: in the mutation
 * run, the embedded simulator crashing or answering 5xx can only be the mutant's doing.
 */
import { beforeEach } from 'vitest';

beforeEach((context) => {
  const skip = context.skip.bind(context);
  context.skip = ((...args: Parameters<typeof skip>) => {
    const meta = context.task.meta.conformance;
    const note = typeof args[0] === 'string' ? args[0] : typeof args[1] === 'string' ? args[1] : '';
    if (meta?.transportFault) throw new Error(`mutation run: the embedded simulator failed (${meta.transportFault}); a conformance run would not be conformant`);
    if (note.startsWith('inconclusive')) throw new Error(`mutation run: ${note}; a conformance run would not be conformant`);
    return skip(...args);
  }) as typeof context.skip;
});
