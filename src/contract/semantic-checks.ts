/**
 * Checks no JSON Schema can express: every code named in `x-conformance` is declared,
 * statuses exist in their enum, operations exist in `paths`, rule ids are unique, and
 * each ambiguity has exactly one default reading.
 */
import type { ConformanceFacts } from './contract.ts';
import type { SpecIssue } from '../errors/spec-error.ts';
import { pointerSegment } from './json-pointer.ts';

type Doc = Record<string, unknown>;

/** Code references in the facts, as [pointer under x-conformance, code]. */
function codeReferences(f: ConformanceFacts): Array<[string, string]> {
  const refs: Array<[string, string]> = [];
  for (const [kind, code] of Object.entries(f.auth.failures)) refs.push([`/auth/failures/${kind}`, code]);
  if (f.encryption) refs.push(['/encryption/onFailure', f.encryption.onFailure]);
  refs.push(['/passwordPolicy/onViolation', f.passwordPolicy.onViolation]);
  if (f.passwordPolicy.sameAsOld?.error) refs.push(['/passwordPolicy/sameAsOld/error', f.passwordPolicy.sameAsOld.error]);
  refs.push(['/statuses/onForbidden', f.statuses.onForbidden]);
  if (f.statuses.passwordFree) refs.push(['/statuses/passwordFree', f.statuses.passwordFree]);
  refs.push(['/notFound', f.notFound]);
  if (f.lockout?.wrongPasswordError) refs.push(['/lockout/wrongPasswordError', f.lockout.wrongPasswordError]);
  for (const [kind, code] of Object.entries(f.requestErrors)) refs.push([`/requestErrors/${kind}`, code]);
  return refs;
}

function schemaList(doc: Doc, name: string, key: 'enum' | 'examples' = 'enum'): string[] | undefined {
  const schemas = ((doc.components as Doc | undefined)?.schemas ?? {}) as Record<string, Doc>;
  const e = schemas[name]?.[key];
  return Array.isArray(e) ? e.map(String) : undefined;
}
const schemaEnum = (doc: Doc, name: string): string[] | undefined => schemaList(doc, name);

/** Returns every semantic problem of a schema-valid document. */
export function semanticIssues(file: string, doc: Doc, f: ConformanceFacts, where = '/x-conformance'): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (pointer: string, message: string, fix: string): void => {
    issues.push({ file, pointer: where + pointer, message, fix });
  };

  const declared = Object.keys(f.errors);
  for (const [pointer, code] of codeReferences(f)) {
    if (!(code in f.errors)) add(pointer, `error code "${code}" is not declared under x-conformance.errors`, `declare it under errors (status, message, documented) or use one of: ${declared.join(', ')}`);
  }
  // Codes are an open set (clouds add codes): the schema lists the known ones as examples, never as an enum.
  const codeSchema = ((doc.components as Doc | undefined)?.schemas as Record<string, Doc> | undefined)?.ErrorCode;
  const knownCodes = schemaList(doc, 'ErrorCode', 'examples');
  if (!codeSchema || !knownCodes) {
    issues.push({ file, pointer: '/components/schemas/ErrorCode', message: 'no ErrorCode schema with an examples list', fix: 'declare components.schemas.ErrorCode as {type: string, examples: [every known code]}' });
  } else {
    if (codeSchema.enum !== undefined) issues.push({ file, pointer: '/components/schemas/ErrorCode/enum', message: 'ErrorCode is a closed enum, but no document closes the set of codes', fix: 'move the codes to `examples`; which code a situation needs is stated under x-conformance.expectations' });
    for (const code of declared) if (!knownCodes.includes(code)) add(`/errors/${pointerSegment(code)}`, `code "${code}" is missing from components.schemas.ErrorCode.examples`, 'list it there so the spec documents it');
    for (const code of knownCodes) if (!(code in f.errors)) issues.push({ file, pointer: '/components/schemas/ErrorCode/examples', message: `code "${code}" has no entry under x-conformance.errors`, fix: 'declare its status and message under x-conformance.errors, or remove it from the list' });
  }
  // Every expectation either names documented codes and the sentence behind them, or says why any 4xx will do.
  for (const [id, e] of Object.entries(f.expectations)) {
    const at = `/expectations/${pointerSegment(id)}`;
    if (e.codes && e.codes.length > 0) {
      if (!e.source) add(at, `expectation "${id}" names codes but no source`, 'add `source`: the document and section that maps this situation to these codes, or drop `codes` and say `because`');
      for (const code of e.codes) {
        if (!(code in f.errors)) add(`${at}/codes`, `code "${code}" is not declared under x-conformance.errors`, `declare it or use one of: ${declared.join(', ')}`);
        else if (!f.errors[code]!.documented) add(`${at}/codes`, `code "${code}" is not documented by any vendor document, so no situation can require it`, 'drop `codes` and give `because`: any 4xx with the error shape will do');
      }
    } else if (!e.because) add(at, `expectation "${id}" names no codes and no reason`, 'add `because`: why no document fixes the code for this situation');
  }

  const statuses = schemaEnum(doc, f.statuses.schema);
  if (!statuses) add('/statuses/schema', `components.schemas.${f.statuses.schema} is not an enum schema`, 'name the status enum schema under components.schemas');
  else for (const [i, s] of f.statuses.allowed.entries()) if (!statuses.includes(s)) add(`/statuses/allowed/${i}`, `status "${s}" is not in ${f.statuses.schema}`, `use one of: ${statuses.join(', ')}`);

  const policy = f.passwordPolicy;
  if (policy.minLength > policy.maxLength) add('/passwordPolicy/minLength', `minLength ${policy.minLength} is above maxLength ${policy.maxLength}`, 'swap or correct the bounds');
  if (policy.minClasses > policy.classes.length) add('/passwordPolicy/minClasses', `minClasses ${policy.minClasses} exceeds the ${policy.classes.length} classes declared`, 'lower minClasses or declare more classes');
  const owner = new Map<string, string>();
  for (const [i, c] of policy.classes.entries()) {
    for (const ch of c.alphabet) {
      const prev = owner.get(ch);
      if (prev !== undefined) add(`/passwordPolicy/classes/${i}/alphabet`, `character ${JSON.stringify(ch)} also belongs to class "${prev}"`, 'each character must belong to exactly one class; remove the duplicate');
      owner.set(ch, c.name);
    }
  }
  if (policy.mustDifferFromOld && policy.fields.length < 2) add('/passwordPolicy/fields', 'mustDifferFromOld needs the old-password field listed second', 'list [newField, oldField]');

  const paths = (doc.paths ?? {}) as Record<string, Doc>;
  for (const [name, op] of Object.entries(f.operations)) {
    const item = paths[op.path];
    const operation = item?.[op.method.toLowerCase()] as Doc | undefined;
    if (!operation) add(`/operations/${name}`, `no ${op.method} ${op.path} under paths`, `declare the operation under paths["${op.path}"].${op.method.toLowerCase()} or correct method/path`);
    else if (operation.operationId !== op.operationId) add(`/operations/${name}/operationId`, `operationId "${op.operationId}" does not match the path's "${String(operation.operationId)}"`, 'use the same operationId in both places');
  }

  const schemes = ((doc.components as Doc | undefined)?.securitySchemes ?? {}) as Record<string, Doc>;
  const scheme = schemes[f.auth.securityScheme];
  if (!scheme) add('/auth/securityScheme', `no security scheme "${f.auth.securityScheme}"`, `declare it under components.securitySchemes (known: ${Object.keys(schemes).join(', ') || 'none'})`);
  else if (scheme['x-algorithm'] !== f.auth.scheme) add('/auth/scheme', `the security scheme's x-algorithm is "${String(scheme['x-algorithm'])}", not "${f.auth.scheme}"`, 'make x-algorithm and auth.scheme agree');

  const prefix = `${f.service.toUpperCase()}-`;
  const ids = new Set<string>();
  for (const [i, r] of f.rules.entries()) {
    const at = `/rules/${i}`;
    if (ids.has(r.id)) add(`${at}/id`, `rule id "${r.id}" is used twice`, 'give each rule a unique id');
    ids.add(r.id);
    if (!r.id.startsWith(prefix)) add(`${at}/id`, `rule id "${r.id}" does not start with "${prefix}"`, `prefix it with ${prefix}`);
    if (r.category === 'ambiguity') {
      const defaults = (r.variants ?? []).filter((v) => v.default === true).length;
      if (!r.variants) add(at, `ambiguity rule "${r.id}" lists no variants`, 'list its readings under variants (at least two)');
      else if (defaults !== 1) add(`${at}/variants`, `ambiguity rule "${r.id}" has ${defaults} default variants`, 'mark exactly one variant `default: true`');
      const names = new Set((r.variants ?? []).map((v) => v.name));
      if (names.size !== (r.variants ?? []).length) add(`${at}/variants`, `duplicate variant names in "${r.id}"`, 'give each variant a unique name');
    } else if (r.variants) {
      add(`${at}/variants`, `only ambiguity rules may have variants ("${r.id}" is ${r.category})`, 'set category: ambiguity or remove the variants');
    }
  }
  for (const [i, n] of f.notTestable.entries()) if (!ids.has(n.rule)) add(`/notTestable/${i}/rule`, `no rule "${n.rule}"`, 'name a rule id declared under rules');
  return issues;
}
