import { describe, it, expect } from 'vitest';
import { documentedContract } from './documented.ts';
import { BUILTIN_SERVICES } from './spec-paths.ts';
import { readShippedFacts, requiredFact, shippedFacts } from './shipped-facts.ts';

describe('shippedFacts', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`reads specs/${service}.openapi.yaml's x-conformance as the validating loader does`, () => {
      expect(shippedFacts(service)).toEqual(documentedContract(service).baseFacts);
      expect(shippedFacts(service)).toBe(shippedFacts(service)); // parsed once
    });
  }

  it('requiredFact names the spec key to add when a fact is missing', () => {
    expect(requiredFact(900, 'bcc', '/auth/maxFutureSkewSeconds')).toBe(900);
    expect(() => requiredFact(undefined, 'dcs', '/auth/maxFutureSkewSeconds')).toThrow('specs/dcs.openapi.yaml has no x-conformance/auth/maxFutureSkewSeconds');
  });
});

describe('readShippedFacts (issue 17, round 5b: the validated record instead of the YAML)', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`${service}: the facts of the validated record equal the facts parsed from the YAML`, () => {
      documentedContract(service); // a full load leaves the checkout's validated cache behind
      const fromRecord = readShippedFacts(service);
      const fromYaml = readShippedFacts(service, false);
      expect(fromRecord.from).toBe('validated-record');
      expect(fromYaml.from).toBe('yaml');
      expect(fromRecord.facts).toEqual(fromYaml.facts);
      expect(JSON.stringify(fromRecord.facts)).toBe(JSON.stringify(fromYaml.facts)); // key order too
    });
  }
});
