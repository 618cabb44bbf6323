/**
 * Helpers of the report secret scans (issue 12): tap what reaches the simulator (the run's
 * transport log), list every password and ciphertext the run sent, and search every report
 * format for them in the forms each format writes.
 */
import { expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '../../src/simulator/simulator.ts';
import { createDecipheriv } from 'node:crypto';
import type { SimRequest } from '../../src/simulator/core/sim-types.ts';

/**
 * AES-128-ECB decryption of an adminPass under a secret key (facts.md §1), written here so the
 * scan does not rely on the redaction code it checks.
 */
function decipherAdminPass(hex: string, secretAccessKey: string): string | undefined {
  if (!/^(?:[0-9a-f]{32})+$/i.test(hex)) return undefined;
  try {
    const decipher = createDecipheriv('aes-128-ecb', Buffer.from(secretAccessKey.slice(0, 16), 'utf8'), null);
    return Buffer.concat([decipher.update(Buffer.from(hex, 'hex')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

/** Shorter values than this occur in any text by chance (e.g. a 3-character "a1!"); see MIN_SECRET_LENGTH. */
export const SCAN_MIN_LENGTH = 6;

/** Records the body of every request that reaches the simulator: the run's transport log. */
export function tap(sim: Simulator): string[] {
  const bodies: string[] = [];
  const answer = sim.answerWire.bind(sim);
  sim.answerWire = (req: SimRequest & { oversize?: boolean }) => {
    bodies.push(new TextDecoder().decode(req.body));
    return answer(req);
  };
  return bodies;
}

/** Every password or ciphertext in the logged bodies (BCC ciphertexts deciphered with the run's keys). */
export function sentValues(bodies: readonly string[], secretKeys: readonly string[]): Set<string> {
  const values = new Set<string>();
  for (const body of bodies) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      continue; // malformed bodies carry no password the kit chose; the pattern redaction covers them
    }
    if (typeof json !== 'object' || json === null) continue;
    for (const field of ['adminPass', 'old_password', 'new_password']) {
      const v = (json as Record<string, unknown>)[field];
      if (typeof v !== 'string') continue;
      values.add(v);
      for (const key of secretKeys) {
        const plain = decipherAdminPass(v, key);
        if (plain !== undefined) values.add(plain);
      }
    }
  }
  // Lower-case words under 12 letters ("proper", sent as a malformed value) are inside ordinary
  // words of any report ("property"); the kit's generated passwords mix classes or are longer.
  return new Set([...values].filter((v) => v.length >= SCAN_MIN_LENGTH && !/^[a-z]{0,11}$/.test(v)));
}

/** The forms a value takes in each report format. */
function forms(value: string): string[] {
  const html = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const xml = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return [...new Set([value, JSON.stringify(value).slice(1, -1), html, xml])];
}

export function scan(dir: string, secrets: Iterable<string>): string[] {
  const files = readdirSync(dir).filter((f) => f.startsWith('conformance-report'));
  expect(files.map((f) => f.split('.').pop()).sort()).toEqual(['html', 'json', 'md', 'xml']);
  const hits: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const secret of secrets) for (const form of forms(secret)) if (text.includes(form)) hits.push(`${file}: ${JSON.stringify(secret)}`);
  }
  return hits;
}

