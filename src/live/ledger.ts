/**
 * The password ledger of a live run: for every fixture, its original password, the password
 * it has now (as far as the kit knows), and its failure count. Written after every change
 * (mode 0600, deleted after restoration) so the main process can restore passwords even when
 * the run is interrupted.
 */
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import type { Fixture } from './fixtures.ts';
import { fixtureKey } from './fixtures.ts';

/** What the ledger knows about one fixture. */
export interface LedgerEntry {
  service: 'bcc' | 'dcs';
  instanceId: string;
  projectId?: string;
  original: string;
  current: string;
  /** Passwords that may have been set by a request whose answer never arrived. */
  uncertain: string[];
  /** Consecutive wrong old passwords the target has counted (DCS). */
  failures: number;
  /** Epoch ms until which the target reported a lock. */
  lockedUntil: number | null;
}

/** A file-backed ledger. */
export class PasswordLedger {
  readonly entries = new Map<string, LedgerEntry>();

  constructor(readonly file: string) {}

  /** Starts a ledger for these fixtures, overwriting any old file. */
  static create(file: string, fixtures: readonly Fixture[]): PasswordLedger {
    const ledger = new PasswordLedger(file);
    for (const f of fixtures) ledger.entries.set(fixtureKey(f), { service: f.service, instanceId: f.instanceId, projectId: f.projectId, original: f.password, current: f.password, uncertain: [], failures: 0, lockedUntil: null });
    ledger.save();
    return ledger;
  }

  /** Reads a ledger another thread or process wrote. */
  static read(file: string): PasswordLedger {
    const ledger = new PasswordLedger(file);
    if (!existsSync(file)) return ledger;
    for (const e of JSON.parse(readFileSync(file, 'utf8')) as LedgerEntry[]) ledger.entries.set(fixtureKey(e), e);
    return ledger;
  }

  get(key: string): LedgerEntry | undefined {
    return this.entries.get(key);
  }

  /** Writes the file synchronously: it must be current before the next request leaves. */
  save(): void {
    writeFileSync(this.file, JSON.stringify([...this.entries.values()]), { mode: 0o600 });
  }

  /** Removes the file (after every password was restored). */
  remove(): void {
    rmSync(this.file, { force: true });
  }
}
