/** One Ajv instance per loaded spec, compiling validators for JSON pointers into it on demand. */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Contract } from './contract.ts';

const cache = new WeakMap<object, { ajv: Ajv2020; validators: Map<string, ValidateFunction> }>();

/** A validator for the schema at `pointer` (e.g. `/components/schemas/Error`) of the contract's document. */
export function validatorAt(contract: Contract, pointer: string): ValidateFunction {
  let entry = cache.get(contract.openapi);
  if (!entry) {
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(contract.openapi, 'spec');
    entry = { ajv, validators: new Map() };
    cache.set(contract.openapi, entry);
  }
  let validate = entry.validators.get(pointer);
  if (!validate) {
    validate = entry.ajv.compile({ $ref: `spec#${pointer}` });
    entry.validators.set(pointer, validate);
  }
  return validate;
}

/** Ajv errors as short readable lines. */
export function describeErrors(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? e.keyword}${e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''}`);
}
