/**
 * The contract for a client under test: a **client adapter** wraps any SDK (in any language — a
 * Node adapter may spawn a process) behind `changePassword(input) → outcome`. Load one with
 * `--client ./my-adapter.ts`; the module's default export is a {@link ClientAdapter}. Users
 * import this module as `pwchange-conformance/client` (`pwchange-conformance/adapter` is the
 * same module under its older name).
 */
import type { ChangePasswordInput, ChangePasswordOutcome } from '../contract/operation.ts';

export type { ChangePasswordInput, ChangePasswordOutcome } from '../contract/operation.ts';

/**
 * The former name of {@link ChangePasswordOutcome}, kept so existing adapters compile.
 * @deprecated Use `ChangePasswordOutcome`.
 */
export type Outcome = ChangePasswordOutcome;

/** Where the adapter must send its calls, and with which credentials. */
export interface AdapterContext {
  /** Base URL of the service endpoint (the simulator when the kit judges a client). */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; projectId?: string };
}

/** A client SDK wrapped for the kit: the client under test, as the kit calls it. */
export interface ClientAdapter {
  /** Shown in reports, e.g. `@baiducloud/sdk BceBaseClient.sendRequest`. */
  name: string;
  /** Services the adapter can call. */
  services: Array<'bcc' | 'dcs'>;
  changePassword(input: ChangePasswordInput, context: AdapterContext): Promise<ChangePasswordOutcome>;
  /** Optional clean-up (close processes or pools). */
  close?(): Promise<void>;
}

/** Identity helper so adapter modules get type checking: `export default defineAdapter({...})`. */
export function defineAdapter(adapter: ClientAdapter): ClientAdapter {
  return adapter;
}
