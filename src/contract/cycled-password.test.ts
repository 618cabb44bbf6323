import { describe, expect, it } from 'vitest';
import { cycledPassword } from './cycled-password.ts';

const classes = [{ alphabet: 'abc' }, { alphabet: 'XY' }, { alphabet: '0123' }];

describe('cycledPassword', () => {
  it('takes one character of each class in turn, the next one each round', () => {
    expect(cycledPassword(classes, 7)).toBe('aX0bY1c');
    expect(cycledPassword(classes, 0)).toBe('');
  });

  it('an offset shifts every pick and wraps round each alphabet', () => {
    expect(cycledPassword(classes, 6, 1)).toBe('bY1cX2');
    expect(cycledPassword(classes, 3, 5)).toBe('cY1');
  });

  it('reads alphabets by code point, never splitting a character', () => {
    expect(cycledPassword([{ alphabet: '😀é' }], 3)).toBe('😀é😀');
  });

  it('refuses to build from no class', () => {
    expect(() => cycledPassword([], 3)).toThrow(/no character class/);
  });

});
