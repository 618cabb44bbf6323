/**
 * Issue 17, round 4: validateResponse reads an operation's documented responses once per
 * document. Side by side with the reading per call it replaced (kept here), on any status,
 * headers and body of every operation of both specs: the same problems, in the same order.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Contract } from './contract.ts';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';
import { pointerSegment } from './json-pointer.ts';
import { describeErrors, validatorAt } from './spec-ajv.ts';
import { findOperation, validateResponse, type ObservedResponse, type ResponseProblem } from './response-validator.ts';

type Obj = Record<string, unknown>;

function resolveRef(doc: Obj, node: Obj): Obj {
  let current = node;
  for (let guard = 0; typeof current.$ref === 'string' && guard < 10; guard++) {
    current = current.$ref.slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<unknown>((o, k) => (o as Obj | undefined)?.[k], doc) as Obj;
  }
  return current;
}

function header(headers: ObservedResponse['headers'], name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (headers[key] ?? null);
}

/** validateResponse before round 4: the operation and its response found and resolved per call. */
function perCall(contract: Contract, operationId: string, response: ObservedResponse): ResponseProblem[] {
  const doc = contract.openapi;
  const found = findOperation(doc, operationId)!;
  const responses = (found.operation.responses ?? {}) as Record<string, Obj>;
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

const contracts = [loadSpec(builtinSpecPath('bcc')), loadSpec(builtinSpecPath('dcs'))];
const operations = contracts.flatMap((contract) => Object.values(contract.openapi.paths as Record<string, Obj>).flatMap((item) => Object.values(item).map((op) => (op as Obj).operationId).filter((id): id is string => typeof id === 'string').map((id) => ({ contract, id }))));

describe('validateResponse with the documented responses read once', () => {
  it('gives the problems of the per-call reading for any answer to any operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
    const headers = fc.dictionary(fc.constantFrom('content-type', 'Content-Type', 'x-bce-request-id', 'X-Request-Id', 'x-other'), fc.constantFrom('application/json;charset=UTF-8', 'application/json', 'text/plain', 'r-1', ''));
    const body = fc.oneof(
      fc.constant(''),
      fc.constantFrom('{"requestId":"r","code":"X","message":"m"}', '{"error_code":"DCS.4019","error_msg":"m"}', '{"lock_time":"0","result":"success","lock_time_left":"0","retry_times_left":"5","message":"ok"}', '{"lock_time":0}', 'not json', '[]', '{}'),
      fc.json(),
    );
    const status = fc.oneof(fc.constantFrom(200, 204, 400, 401, 403, 404, 409, 500), fc.integer({ min: 100, max: 599 }));
    fc.assert(
      fc.property(fc.constantFrom(...operations), status, headers, body, fc.boolean(), ({ contract, id }, s, h, b, asHeaders) => {
        const response = { status: s, headers: asHeaders ? new Headers(h) : h, body: b };
        expect(validateResponse(contract, id, response)).toEqual(perCall(contract, id, response));
      }),
      { numRuns: 1500 },
    );
  });

  it('still refuses an operation the document lacks, on every call', () => {
    for (let i = 0; i < 2; i++) expect(() => validateResponse(contracts[0]!, 'noSuchOperation', { status: 200, headers: {}, body: '' })).toThrow(/no operation noSuchOperation/);
  });
});
