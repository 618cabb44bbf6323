/**
 * The change-password operation in the abstract, whoever performs it (a client under test, the
 * kit's own request builders over a transport, a live sandbox): what is asked and how it ended.
 * It sits beside the contract so the suites, the targets and the clients all speak it without
 * importing one another.
 */

/** What to change, per service. Passwords are plaintext; whoever sends them encrypts as the spec says. */
export type ChangePasswordInput =
  | { service: 'bcc'; instanceId: string; password: string }
  | { service: 'dcs'; projectId: string; instanceId: string; oldPassword: string; newPassword: string };

/** How the caller (a client SDK, or the kit reading the HTTP answer) surfaced the operation's answer. */
export type ChangePasswordOutcome =
  /** The call returned normally; `body` is what the SDK handed back (parsed). */
  | { kind: 'success'; status?: number; body?: unknown }
  /** The SDK reported an API error with the status and code it extracted. */
  | { kind: 'error'; status?: number; code?: string; message?: string; body?: unknown }
  /** The SDK threw something that is not an API error (a bug, a network failure). */
  | { kind: 'exception'; name: string; message: string }
  /** The SDK does not implement the operation at all. */
  | { kind: 'not-implemented'; message: string };
