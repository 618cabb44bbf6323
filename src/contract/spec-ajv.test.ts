/**
 * Issue 17, round 5b: validatorAt's Ajv skips the meta-schema check of the spec document
 * (`validateSchema: false`) and loads no meta-schemas (`meta: false`). Side by side with an Ajv that checks it (Ajv's default, what
 * validatorAt did before): every schema position a response check reads (each operation's
 * response media types) and every component schema of both specs, on the spec's own examples
 * and on random JSON: the same verdict and the same error lines.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath, BUILTIN_SERVICES } from './spec-paths.ts';
import { pointerSegment } from './json-pointer.ts';
import { describeErrors, SPEC_AJV_OPTIONS, validatorAt } from './spec-ajv.ts';

type Obj = Record<string, unknown>;
const META = 'https://json-schema.org/draft/2020-12/schema';

/** Every pointer validatorAt is asked for by the response checks, and every component schema. */
function schemaPointers(doc: Obj): string[] {
  const pointers: string[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Obj>)) {
    for (const [method, operation] of Object.entries(item)) {
      for (const [status, response] of Object.entries(((operation as Obj).responses ?? {}) as Record<string, Obj>)) {
        for (const mediaType of Object.keys((response.content ?? {}) as Obj)) {
          pointers.push(`/paths/${pointerSegment(path)}/${method}/responses/${status}/content/${pointerSegment(mediaType)}/schema`);
        }
      }
    }
  }
  for (const [name, node] of Object.entries(((doc.components as Obj | undefined)?.responses ?? {}) as Record<string, Obj>)) {
    for (const mediaType of Object.keys((node.content ?? {}) as Obj)) pointers.push(`/components/responses/${pointerSegment(name)}/content/${pointerSegment(mediaType)}/schema`);
  }
  for (const name of Object.keys(((doc.components as Obj | undefined)?.schemas ?? {}) as Obj)) pointers.push(`/components/schemas/${pointerSegment(name)}`);
  return pointers;
}

/** Every `example` and `examples[*].value` in the document: realistic bodies, valid and not. */
function examplesIn(node: unknown, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) for (const x of node) examplesIn(x, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'example') out.push(v);
      if (k === 'examples' && v && typeof v === 'object' && !Array.isArray(v)) for (const e of Object.values(v)) if (e && typeof e === 'object' && 'value' in e) out.push((e as Obj).value);
      examplesIn(v, out);
    }
  }
  return out;
}

const outcome = (validate: ValidateFunction, value: unknown): { valid: boolean; errors: string[] } => {
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : describeErrors(validate) };
};

describe('validatorAt without the meta-schema check', () => {
  for (const service of BUILTIN_SERVICES) {
    it(`${service}: the same verdicts and errors as an Ajv that checks the document against the meta-schema`, () => {
      const contract = loadSpec(builtinSpecPath(service));
      const checked = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      checked.addSchema(contract.openapi, 'spec');
      const pointers = schemaPointers(contract.openapi);
      expect(pointers.length).toBeGreaterThan(5);
      const examples = examplesIn(contract.openapi);
      expect(examples.length).toBeGreaterThan(0);
      let invalid = 0;
      for (const pointer of pointers) {
        const reference = checked.compile({ $ref: `spec#${pointer}` });
        const fast = validatorAt(contract, pointer);
        for (const value of examples) {
          const expected = outcome(reference, value);
          if (!expected.valid) invalid++;
          expect(outcome(fast, value), `${pointer} on ${JSON.stringify(value)}`).toEqual(expected);
        }
        fc.assert(
          fc.property(fc.jsonValue(), (value) => {
            expect(outcome(fast, value)).toEqual(outcome(reference, value));
          }),
          { numRuns: 60, seed: 17 },
        );
      }
      expect(invalid).toBeGreaterThan(0); // the comparison saw failing bodies, with errors, too
    });
  }

  it('compiles no meta-schema (what it saves), where the default Ajv compiles one', () => {
    const contract = loadSpec(builtinSpecPath('dcs'));
    const pointer = schemaPointers(contract.openapi)[0]!;
    const metaOf = (a: Ajv2020): { validate?: unknown } | undefined => (a as unknown as { schemas: Record<string, { validate?: unknown } | undefined> }).schemas[META];
    const ajv = new Ajv2020(SPEC_AJV_OPTIONS);
    ajv.addSchema(contract.openapi, 'spec');
    ajv.compile({ $ref: `spec#${pointer}` });
    expect(metaOf(ajv)?.validate).toBeUndefined();
    const defaultAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    defaultAjv.addSchema(contract.openapi, 'spec');
    expect(metaOf(defaultAjv)!.validate).toBeTypeOf('function'); // what the check cost
    expect(validatorAt(contract, pointer)).toBeTypeOf('function');
  });
});
