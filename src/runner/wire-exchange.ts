/**
 * The suites' raw sending, as the runner provides it: send one hand-made request through a
 * target's transport and keep both sides as text (`exchange`), and read an answer as an SDK
 * would surface it (`outcomeOf`); a signed draft goes as its `Request` would (`exchangeDraft`). One implementation, the kit's own wire client
 * (`src/targets/wire-change.ts`), which the targets use for their valid changes too; the suites
 * reach it here, never a target implementation directly.
 */
export { exchange, exchangeDraft, outcomeOf } from '../targets/wire-change.ts';
