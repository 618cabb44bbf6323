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

/** What an operation documents for one response key: required headers, media types, and where its content lies. */
interface DocumentedResponse {
  requiredHeaders: string[];
  types: string[];
  /** JSON pointer of the response object (its `$ref` target, or the operation's own entry). */
  base: string;
}

/** An operation's responses, read from the document once per (document, operation) (issue 17, round 4). */
interface OperationResponses {
  pointer: string;
  responses: Record<string, Obj>;
  /** Each response key's {@link DocumentedResponse}, resolved when first asked for. */
  byKey: Map<string, DocumentedResponse>;
}

const operationCache = new WeakMap<Obj, Map<string, OperationResponses>>();

/** The documented responses of `operationId` in `doc`, resolved once and kept with the document. */
function operationResponses(doc: Obj, operationId: string, file: string): OperationResponses {
  let perDoc = operationCache.get(doc);
  if (!perDoc) operationCache.set(doc, (perDoc = new Map()));
  let entry = perDoc.get(operationId);
  if (!entry) {
    const found = findOperation(doc, operationId);
    if (!found) throw new Error(`no operation ${operationId} in ${file}`);
    entry = { pointer: found.pointer, responses: (found.operation.responses ?? {}) as Record<string, Obj>, byKey: new Map() };
    perDoc.set(operationId, entry);
  }
  return entry;
}

/** What `operation` documents for its response `key`, resolved once. */
function documentedResponse(doc: Obj, operation: OperationResponses, key: string): DocumentedResponse {
  let documented = operation.byKey.get(key);
  if (!documented) {
    const response = operation.responses[key]!;
    const resolved = resolveRef(doc, response);
    const requiredHeaders = Object.entries((resolved.headers ?? {}) as Record<string, Obj>).filter(([, h]) => resolveRef(doc, h).required === true).map(([name]) => name);
    const responseRef = response.$ref as string | undefined;
    documented = { requiredHeaders, types: Object.keys((resolved.content ?? {}) as Record<string, Obj>), base: responseRef ? responseRef.slice(1) : `${operation.pointer}/responses/${key}` };
    operation.byKey.set(key, documented);
  }
  return documented;
}

/** Validates one response of an operation; returns no problems when it matches the spec. */
export function validateResponse(contract: Contract, operationId: string, response: ObservedResponse): ResponseProblem[] {
  const operation = operationResponses(contract.openapi, operationId, contract.file);
  const { responses } = operation;
  // Exact status first, then its OpenAPI range ("4XX"), then default.
  const range = `${Math.floor(response.status / 100)}XX`;
  const key = [String(response.status), range, 'default'].find((k) => k in responses);
  if (!key) return [{ aspect: 'status', message: `status ${response.status} is not documented for ${operationId} (documented: ${Object.keys(responses).join(', ')})` }];
  const problems: ResponseProblem[] = [];
  const documented = documentedResponse(contract.openapi, operation, key);
  for (const name of documented.requiredHeaders) {
    if (!header(response.headers, name)) problems.push({ aspect: 'header', message: `required header ${name} is missing` });
  }
  const types = documented.types;
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
  const validate = validatorAt(contract, `${documented.base}/content/${pointerSegment(mediaType)}/schema`);
  if (!validate(body)) for (const message of describeErrors(validate)) problems.push({ aspect: 'body', message });
  return problems;
}
