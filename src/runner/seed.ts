/**
 * The run's seed, from one place: its range, how a given one is read (a flag, the config file,
 * CONFORMANCE_SEED) and how a random one is drawn. `conformance run`, `npm test`'s global setup
 * and a plain vitest worker all take their seed from here, so the same value means the same
 * cases whichever way it was given.
 */
import { KitError } from '../errors/kit-error.ts';

/** The largest seed: seeds are 31-bit, what fast-check and the property seeds derived from them use. */
export const MAX_SEED = 2 ** 31 - 1;

/** A random seed in 0 … {@link MAX_SEED}. */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

/**
 * Reads a seed given by the user; `source` names where it came from as the user wrote it
 * (`--seed`, `CONFORMANCE_SEED`, `seed in the config file`), `fix` says what to do instead.
 * Throws a {@link KitError} (usage, exit 2) unless it is a whole number in 0 … {@link MAX_SEED}.
 */
export function parseSeed(value: string | number, source: string, fix = `give ${source} a whole number, e.g. ${source} 42, or leave it out for a random seed`): number {
  const n = typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) throw new KitError('USAGE', `${source} ${value} is not a whole number from 0 to ${MAX_SEED}`, fix);
  return n;
}

/** The seed CONFORMANCE_SEED sets (unset or empty: none). */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.CONFORMANCE_SEED;
  if (raw === undefined || raw === '') return undefined;
  return parseSeed(raw, 'CONFORMANCE_SEED', 'unset it for a random seed, or copy the seed a previous run printed');
}
