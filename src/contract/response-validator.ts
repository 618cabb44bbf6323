/**
 * Checks a response against the spec's OpenAPI part: documented status, required headers,
 * content type and body schema. Spec-driven only, so it can judge any target.
 */
import type { Contract } from './contract.ts';
import { pointerSegment } from './json-pointer.ts';
import { describeErrors, validatorAt } from './spec-ajv.ts';

/** One way a response departs from the spec. */
export interface ResponseProblem {
  /** What was checked: `status`, `header`, `content-type`, `body`. */
  aspect: 'status' | 'header' | 'content-type' | 'body';
  message: string;
}

/** A response in the small form the validator needs. */
export interface ObservedResponse {
  status: number;
  headers: Headers | Record<string, string>;
  body: string;
}

type Obj = Record<string, unknown>;

function resolveRef(doc: Obj, node: Obj): Obj {
  let current = node;
  for (let guard = 0; typeof current.$ref === 'string' && guard < 10; guard++) {
    const ref = current.$ref;
    current = ref
      .slice(2)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], doc) as Obj;
  }
  return current;
}

/** Finds an operation by id: its JSON pointer and object. */
export function findOperation(doc: Obj, operationId: string): { pointer: string; operation: Obj } | undefined {
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(item)) {
      if ((op as Obj | undefined)?.operationId === operationId) return { pointer: `/paths/${pointerSegment(path)}/${method}`, operation: op as Obj };
    }
  }
  return undefined;
}

function header(headers: ObservedResponse['headers'], name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (headers[key] ?? null);
}

/** Validates one response of an operation; returns no problems when it matches the spec. */
export function validateResponse(contract: Contract, operationId: string, response: ObservedResponse): ResponseProblem[] {
  const doc = contract.openapi;
  const found = findOperation(doc, operationId);
  if (!found) throw new Error(`no operation ${operationId} in ${contract.file}`);
  const responses = (found.operation.responses ?? {}) as Record<string, Obj>;
  // Exact status first, then its OpenAPI range ("4XX"), then default.
  const range = `${Math.floor(response.status / 100)}XX`;
  const key = [String(response.status), range, 'default'].find((k) => k in responses);
  if (!key) return [{ aspect: 'status', message: `status ${response.status} is not documented for ${operationId} (documented: ${Object.keys(responses).join(', ')})` }];
  const problems: ResponseProblem[] = [];
  const documented = resolveRef(doc, responses[key]!);
  for (const [name, h] of Object.entries((documented.headers ?? {}) as Record<string, Obj>)) {
    if (resolveRef(doc, h).required === true && !header(response.headers, name)) problems.push({ aspect: 'header', message: `required header ${name} is missing` });
  }
  const content = (documented.content ?? {}) as Record<string, Obj>;
  const types = Object.keys(content);
  if (types.length === 0) return problems;
  if (response.body === '') {
    problems.push({ aspect: 'body', message: `the body is empty; ${types.join(' or ')} is documented` });
    return problems;
  }
  const contentType = header(response.headers, 'content-type');
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  const mediaType = types.find((t) => t.toLowerCase() === essence);
  if (!mediaType) {
    problems.push({ aspect: 'content-type', message: `content type ${contentType ?? '(none)'} is not documented (documented: ${types.join(', ')})` });
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    problems.push({ aspect: 'body', message: 'the body is not valid JSON' });
    return problems;
  }
  const responseRef = responses[key]!.$ref as string | undefined;
  const base = responseRef ? responseRef.slice(1) : `${found.pointer}/responses/${key}`;
  const validate = validatorAt(contract, `${base}/content/${pointerSegment(mediaType)}/schema`);
  if (!validate(body)) for (const message of describeErrors(validate)) problems.push({ aspect: 'body', message });
  return problems;
}
