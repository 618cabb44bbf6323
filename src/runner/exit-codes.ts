/** The CLI's exit statuses: stable, documented in the README, relied on by CI. */
export const EXIT = Object.freeze({
  /** The target conforms (per --fail-on). */
  conformant: 0,
  /** The target broke a rule that --fail-on counts. */
  nonConformant: 1,
  /** Usage or configuration error; the message says how to fix it. */
  usage: 2,
  /** The target, or its state endpoint, could not be reached (or the state endpoint answered 5xx). */
  unreachable: 3,
  /** Interrupted (Ctrl-C): a partial report was written, with the rules that did not finish as not-run. */
  interrupted: 130,
});
