import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PasswordLedger } from './ledger.ts';
import type { Fixture } from './fixtures.ts';

const FIXTURES = [{ service: 'bcc', instanceId: 'i-1', password: 'Orig1nal!', allow: ['change-password'] }] as unknown as Fixture[];

const onDisk = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as Array<{ current: string }>)[0]!.current;

describe('the password ledger', () => {
  it('a real run writes every save at once (the main process may have to restore from it at any moment)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.json');
    const ledger = PasswordLedger.create(file, FIXTURES);
    expect(onDisk(file)).toBe('Orig1nal!');
    ledger.get('bcc:i-1')!.current = 'Changed1!';
    ledger.save();
    expect(onDisk(file)).toBe('Changed1!');
    expect(PasswordLedger.read(file).get('bcc:i-1')!.current).toBe('Changed1!');
  });

  it('a deferred (rehearsal) ledger writes at create and at flush only, the latest state, and nothing when unchanged', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.json');
    const ledger = PasswordLedger.create(file, FIXTURES);
    ledger.deferWrites();
    ledger.get('bcc:i-1')!.current = 'Changed1!';
    ledger.save();
    ledger.get('bcc:i-1')!.current = 'Changed2!';
    ledger.save();
    expect(onDisk(file)).toBe('Orig1nal!');
    ledger.flush();
    expect(onDisk(file)).toBe('Changed2!');
    // Nothing pending: flush writes nothing (the file, removed here, stays removed).
    rmSync(file);
    ledger.flush();
    expect(existsSync(file)).toBe(false);
  });
});
