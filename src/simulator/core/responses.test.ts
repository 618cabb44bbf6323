import { describe, it, expect, vi } from 'vitest';
import { loadSpec } from '../../contract/load-spec.ts';
import { builtinSpecPath } from '../../contract/spec-paths.ts';
import { EMPTY_OBJECT, okResponse } from './responses.ts';

describe('okResponse', () => {
  const contract = loadSpec(builtinSpecPath('bcc'), { variants: {} });
  it('writes EMPTY_OBJECT exactly as JSON.stringify writes an empty object (its shortcut)', () => {
    const shortcut = okResponse(contract, EMPTY_OBJECT, 'id-1');
    const general = okResponse(contract, {}, 'id-1');
    expect(shortcut.body).toBe(JSON.stringify(EMPTY_OBJECT));
    expect({ ...shortcut, headers: { ...shortcut.headers, date: '' } }).toEqual({ ...general, headers: { ...general.headers, date: '' } });
    expect(Object.isFrozen(EMPTY_OBJECT)).toBe(true);
  });
  it('writes EMPTY_OBJECT without a JSON.stringify call (what the shortcut is for), any other body with one', () => {
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      expect(okResponse(contract, EMPTY_OBJECT, 'id-2').body).toBe('{}');
      expect(stringify).not.toHaveBeenCalled();
      expect(okResponse(contract, {}, 'id-3').body).toBe('{}');
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
  });
  it('stringifies any other body, and leaves an undefined one empty', () => {
    expect(okResponse(contract, { requestId: 'r' }, 'id').body).toBe('{"requestId":"r"}');
    expect(okResponse(contract, undefined, 'id').body).toBe('');
  });
});
