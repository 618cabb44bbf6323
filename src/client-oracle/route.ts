/**
 * Which documented operation a request addresses, read from the spec's `paths` (each path
 * template and its methods) and, for the action selector, `x-conformance.operations.*.query`.
 */
import type { Contract, OperationFacts } from '../contract/contract.ts';
import { percentDecode } from '../auth/uri-encode.ts';
import { pathParamNames, pathPattern } from '../contract/operation-path.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** One documented operation: its method, path template, operation id and action query key. */
export interface DocumentedOperation {
  operationId: string;
  method: string;
  path: string;
  query?: string;
  pattern: RegExp;
  paramNames: string[];
}

/** What the route check made of a request. */
export type OperationMatch =
  | { kind: 'found'; operation: DocumentedOperation; params: Record<string, string> }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

const cache = new WeakMap<Record<string, unknown>, DocumentedOperation[]>();

/** The spec's operations, with a pattern per path template (a trailing slash is tolerated). */
export function documentedOperations(contract: Contract): DocumentedOperation[] {
  const cached = cache.get(contract.openapi);
  if (cached) return cached;
  const facts = Object.values(contract.facts.operations) as OperationFacts[];
  const paths = (contract.openapi.paths ?? {}) as Record<string, Record<string, { operationId?: string } | undefined>>;
  const operations: DocumentedOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    const paramNames = pathParamNames(path);
    const pattern = pathPattern(path);
    // In the spec's own order, so a wrong method is told the allowed ones as the spec lists them.
    for (const method of Object.keys(item).filter((key): key is (typeof METHODS)[number] => (METHODS as readonly string[]).includes(key))) {
      const operationId = item[method]?.operationId;
      if (!operationId) continue;
      const query = facts.find((f) => f.operationId === operationId)?.query;
      operations.push({ operationId, method: method.toUpperCase(), path, query, pattern, paramNames });
    }
  }
  cache.set(contract.openapi, operations);
  return operations;
}

/** Matches the request's method and raw path against the documented operations. */
export function matchOperation(contract: Contract, method: string, rawPath: string): OperationMatch {
  const allowed: string[] = [];
  for (const operation of documentedOperations(contract)) {
    const m = operation.pattern.exec(rawPath);
    if (!m) continue;
    if (operation.method !== method) {
      allowed.push(operation.method);
      continue;
    }
    const params = Object.fromEntries(operation.paramNames.map((name, i) => [name, percentDecode(m[i + 1]!)]));
    return { kind: 'found', operation, params };
  }
  return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
}

/** Whether the raw query names `key` (bare, `key=` or with a value), keys percent-decoded. */
export function queryHasKey(rawQuery: string, key: string): boolean {
  return rawQuery.split('&').some((piece) => piece !== '' && percentDecode(piece.split('=')[0]!) === key);
}
