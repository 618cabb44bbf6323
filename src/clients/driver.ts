/**
 * The operation-level contract for a client under test: an adapter wraps any SDK (in any
 * language — a Node adapter may spawn a process) behind `changePassword(input) → outcome`.
 * Load one with `--client ./my-adapter.ts`; the module's default export is a {@link ClientAdapter}.
 */

/** What to change, per service. Passwords are plaintext; the adapter's SDK encrypts as it should. */
export type ChangePasswordInput =
  | { service: 'bcc'; instanceId: string; password: string }
  | { service: 'dcs'; projectId: string; instanceId: string; oldPassword: string; newPassword: string };

/** How the client surfaced the answer. */
export type Outcome =
  /** The call returned normally; `body` is what the SDK handed back (parsed). */
  | { kind: 'success'; status?: number; body?: unknown }
  /** The SDK reported an API error with the status and code it extracted. */
  | { kind: 'error'; status?: number; code?: string; message?: string; body?: unknown }
  /** The SDK threw something that is not an API error (a bug, a network failure). */
  | { kind: 'exception'; name: string; message: string }
  /** The SDK does not implement the operation at all. */
  | { kind: 'not-implemented'; message: string };

/** Where the adapter must send its calls, and with which credentials. */
export interface AdapterContext {
  /** Base URL of the service endpoint (the simulator when the kit judges a client). */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; projectId?: string };
}

/** A client SDK wrapped for the kit. */
export interface ClientAdapter {
  /** Shown in reports, e.g. `@baiducloud/sdk BceBaseClient.sendRequest`. */
  name: string;
  /** Services the adapter can call. */
  services: Array<'bcc' | 'dcs'>;
  changePassword(input: ChangePasswordInput, context: AdapterContext): Promise<Outcome>;
  /** Optional clean-up (close processes or pools). */
  close?(): Promise<void>;
}

/** Identity helper so adapter modules get type checking: `export default defineAdapter({...})`. */
export function defineAdapter(adapter: ClientAdapter): ClientAdapter {
  return adapter;
}
