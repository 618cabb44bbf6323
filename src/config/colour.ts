/** The kit's one colour decision, for its own output and for what it relays from Pact. */

/** Whether to colour `stream`: FORCE_COLOR forces it (0/false: off), NO_COLOR (non-empty) turns it off, else only on a terminal. */
export function colourOn(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true;
}
