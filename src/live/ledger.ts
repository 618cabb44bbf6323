/**
 * The password ledger of a live run: for every fixture, its original password, the password
 * it has now (as far as the kit knows), and its failure count. Written before a change leaves
 * (the password it may set) and after its answer (mode 0600, replaced atomically, deleted after
 * restoration) so the main process can restore passwords even when the run is interrupted and
 * the worker that sent a change is gone before its answer came.
 */
import { readFileSync, writeFileSync, existsSync, rmSync, renameSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import type { Fixture } from './fixtures.ts';
import { fixtureKey } from './fixtures.ts';

/** What the ledger knows about one fixture. */
export interface LedgerEntry {
  service: 'bcc' | 'dcs';
  instanceId: string;
  projectId?: string;
  original: string;
  current: string;
  /**
   * Passwords that may have been set: by a change still in flight (written before it is
   * sent), by one whose answer never arrived, or one the target answered with a 5xx.
   * A BCC change needs no old password, so for BCC this holds {@link BCC_CHANGED} instead.
   */
  uncertain: string[];
  /** Consecutive wrong old passwords the target has counted (DCS). */
  failures: number;
  /** Epoch ms until which the target reported a lock. */
  lockedUntil: number | null;
}

/** What the ledger holds for a BCC password the run set or may have set (restoring BCC needs no old password). */
export const BCC_CHANGED = '(changed by this run)';

/**
 * The file whose presence tells the run's workers to send nothing more (a live run was
 * interrupted; the restoration is about to start), beside the ledger.
 */
export function stopFileOf(ledgerFile: string): string {
  return `${ledgerFile}.stop`;
}

/** A file-backed ledger. */
export class PasswordLedger {
  readonly entries = new Map<string, LedgerEntry>();
  /** Saves kept in memory until {@link flush} (a rehearsal's ledger: see {@link deferWrites}). */
  private deferred = false;
  private dirty = false;

  constructor(readonly file: string) {}

  /**
   * From now on {@link save} only marks the ledger changed and {@link flush} writes it. For a
   * rehearsal's ledger, which changes no real account: the main process reads it once, after the
   * rehearsal (how many passwords a real run would restore), so a write per request — a file and
   * a rename each, most of a rehearsal's CPU on ext4 — buys nothing there. A real run never defers.
   */
  deferWrites(): void {
    this.deferred = true;
  }

  /** Writes a deferred ledger's changes now (nothing to do when none are pending). */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.write();
  }

  /** Starts a ledger for these fixtures, overwriting any old file. */
  static create(file: string, fixtures: readonly Fixture[]): PasswordLedger {
    const ledger = new PasswordLedger(file);
    rmSync(stopFileOf(file), { force: true });
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

  /**
   * Writes the file synchronously: it must be current before the next request leaves. Through
   * a temporary file and a rename, so that a reader (the main process restoring after Ctrl-C)
   * never sees half a file, even when the writing worker is terminated mid-write.
   */
  save(): void {
    if (this.deferred) {
      this.dirty = true;
      return;
    }
    this.write();
  }

  private write(): void {
    const temp = `${this.file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temp, JSON.stringify([...this.entries.values()]), { mode: 0o600 });
    renameSync(temp, this.file);
  }

  /** Removes the file (after every password was restored). */
  remove(): void {
    rmSync(this.file, { force: true });
  }
}
