import { serialize } from 'node:v8';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createSimulator } from './simulator.ts';
import { wireName } from './server.ts';

/** V8's serializer tags a one-byte string with '"' and a two-byte one with 'c'. */
const isOneByte = (text: string): boolean => serialize(text)[2] === 0x22;

describe('wireName: the header names written on the wire', () => {
  it('is always the same text as the name', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (name) => {
      expect(wireName(name)).toBe(name);
    }));
  });
  it('turns the spec\'s two-byte request-id header name into one-byte text (so the answer head stays one-byte)', () => {
    const sim = createSimulator({ record: false });
    const name = sim.contracts.bcc.facts.responseShape.requestIdHeader!;
    const key = Object.keys({ [name]: 1 })[0]!;
    expect(wireName(key)).toBe(name);
    expect(isOneByte(wireName(key))).toBe(true);
  });
});
