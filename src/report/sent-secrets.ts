/**
 * Redaction by construction: every secret the kit knows it used — passwords it sent or set,
 * the adminPass ciphertexts, the secret keys — is remembered here and removed, as an exact
 * value, from whatever the kit writes about a run (rule reasons, counterexample summaries,
 * transcript labels, error messages). Pattern redaction (`redact.ts`) only finds values in
 * fields it recognises; this finds them anywhere. One ledger per process (each test worker).
 */
import { createDecipheriv, type Decipher } from 'node:crypto';
import { adminPassKey } from '../auth/password-cipher.ts';
import { secretFieldValues } from './redact.ts';

/** Set (to "1") by `run --show-test-passwords`, against the embedded simulator only. */
export const SHOW_TEST_PASSWORDS_ENV = 'CONFORMANCE_SHOW_TEST_PASSWORDS';

/** True when this process may print test passwords (see {@link SHOW_TEST_PASSWORDS_ENV}). */
export function showTestPasswords(): boolean {
  return process.env[SHOW_TEST_PASSWORDS_ENV] === '1';
}

/** Shorter values are not remembered: they occur in ordinary text by chance. */
export const MIN_SECRET_LENGTH = 4;

const MARK = '<redacted>';
const HEX_BLOCKS = /^(?:[0-9a-f]{32})+$/i;

/** One no-padding AES-128-ECB decipher per secret key (null: the key is unusable), for {@link decipherAdminPass}. */
const decipherers = new Map<string, Decipher | null>();
/** Past this many keys a decipher is made per call: a run signs with a handful of keys. */
const MAX_DECIPHERERS = 64;

function decipherer(secretAccessKey: string): Decipher | null {
  let decipher = decipherers.get(secretAccessKey);
  if (decipher === undefined) {
    try {
      decipher = createDecipheriv('aes-128-ecb', adminPassKey(secretAccessKey), null).setAutoPadding(false);
    } catch {
      decipher = null;
    }
    if (decipherers.size < MAX_DECIPHERERS) decipherers.set(secretAccessKey, decipher);
  }
  return decipher;
}

/** The plaintext of a BCC adminPass ciphertext under `secretAccessKey`, or undefined. */
export function decipherAdminPass(hex: string, secretAccessKey: string): string | undefined {
  if (!HEX_BLOCKS.test(hex)) return undefined;
  const decipher = decipherer(secretAccessKey);
  if (decipher === null) return undefined;
  // ECB without padding: update() of whole blocks returns every block and keeps no state, so one
  // decipher per key serves every call (final() is never called); making one per adminPass and
  // key was a hot spot of the ledger (issue 17, round 4). The PKCS#7 padding is checked here, as
  // OpenSSL's final() would: every adminPass is tried under every key of the run.
  const plain = decipher.update(Buffer.from(hex, 'hex'));
  if (plain.length !== hex.length / 2) return undefined;
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 16) return undefined;
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return undefined;
  return plain.subarray(0, plain.length - pad).toString('utf8');
}

/** `encodeURIComponent`, or the value itself for a lone surrogate (which it refuses with URIError). */
function urlForm(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The exact secret values a process has used, and how to remove them from text. */
export class SentSecrets {
  private readonly values = new Set<string>();
  /** Values given to {@link add} so far: their forms are all in `values` already. */
  private readonly added = new Set<string>();
  private lengths: number[] = [];
  private keys: string[] = [];
  /**
   * Body values already taken in and deciphered under every key known then; emptied when a key
   * is added. Bodies repeat values from case to case (a fixed password, the same new password),
   * so each is scanned once (issue 17, round 6).
   */
  private readonly scanned = new Set<string>();
  /** `--show-test-passwords` against the embedded simulator: nothing is removed. */
  disabled = showTestPasswords();

  /** Remembers values (and the forms they take inside JSON text and URLs). */
  add(...values: ReadonlyArray<string | null | undefined>): void {
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.added.has(value)) continue;
      this.added.add(value);
      for (const form of [value, JSON.stringify(value).slice(1, -1), urlForm(value)]) {
        if (this.values.has(form)) continue;
        this.values.add(form);
        if (!this.lengths.includes(form.length)) this.lengths = [...this.lengths, form.length].sort((a, b) => b - a);
      }
    }
  }

  /** Secret keys: remembered, and used to decipher adminPass values seen in bodies. */
  addSecretKey(secretAccessKey: string | undefined): void {
    if (!secretAccessKey || this.keys.includes(secretAccessKey)) return;
    this.keys.push(secretAccessKey);
    this.scanned.clear();
    this.add(secretAccessKey);
  }

  /**
   * Remembers the secret field values of a request or response body, and what they decipher
   * to. Values found by scanning are held to a stricter test than values the kit chose: a
   * body may carry `"password":"undefined"`, and scrubbing that word from every report would
   * garble them, so short values of letters only are left to the pattern redaction.
   */
  addFromBody(body: string): void {
    for (const value of secretFieldValues(body)) {
      if (this.scanned.has(value)) continue;
      if (!/^[A-Za-z_]{0,11}$/.test(value)) this.add(value);
      for (const key of this.keys) this.add(decipherAdminPass(value, key));
      this.scanned.add(value);
    }
  }

  /** Number of values remembered (each form counted). */
  get size(): number {
    return this.values.size;
  }

  /**
   * `text` with every remembered value replaced by `<redacted>`, longest match first. Linear
   * in the text times the number of distinct value lengths (a few dozen), not the number of values.
   */
  scrub(text: string): string {
    if (this.disabled || this.values.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
    let out = '';
    let copied = 0;
    for (let i = 0; i < text.length; ) {
      let matched = 0;
      for (const length of this.lengths) {
        if (i + length <= text.length && this.values.has(text.slice(i, i + length))) {
          matched = length;
          break;
        }
      }
      if (matched === 0) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + MARK;
      i += matched;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /** A deep copy of `value` with every string scrubbed (plain data: objects, arrays, strings). */
  scrubDeep<T>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrubDeep(v)) as T;
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.scrubDeep(v);
      return out as T;
    }
    return value;
  }

  /** Scrubs an error's message and stack in place (they are what reporters print), and returns it. */
  scrubError<E>(error: E): E {
    if (error instanceof Error) {
      error.message = this.scrub(error.message);
      if (error.stack) error.stack = this.scrub(error.stack);
      for (const field of ['received', 'documented'] as const) {
        const v = (error as unknown as Record<string, unknown>)[field];
        if (typeof v === 'string') (error as unknown as Record<string, unknown>)[field] = this.scrub(v);
      }
    }
    return error;
  }
}

/** This process's ledger. */
export const sentSecrets = new SentSecrets();
