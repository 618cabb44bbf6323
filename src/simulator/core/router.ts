/** Routes wire paths to operations, using the path templates declared in the specs. */
import type { Contract, OperationFacts } from '../../contract/contract.ts';
import { decodeComponent } from './wire-decode.ts';
import { pathParamNames, pathPattern } from '../../contract/operation-path.ts';

/** One operation the router knows. */
export interface Route {
  contract: Contract;
  name: keyof Contract['facts']['operations'];
  operation: OperationFacts;
  pattern: RegExp;
  paramNames: string[];
}

/** What the router made of a path. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; contract: Contract; allowed: string[] }
  | { kind: 'none' };

/** Builds the route table from the contracts' operation facts. */
export function buildRoutes(contracts: readonly Contract[], strictTrailingSlash: (contract: Contract) => boolean = () => false): Route[] {
  const routes: Route[] = [];
  for (const contract of contracts) {
    for (const [name, operation] of Object.entries(contract.facts.operations) as Array<[Route['name'], OperationFacts]>) {
      // A trailing slash is tolerated unless the profile routes strictly: DCS canonicalises
      // paths with one (facts §2), but whether the wire form routes is not documented.
      routes.push({ contract, name, operation, pattern: pathPattern(operation.path, { trailingSlash: !strictTrailingSlash(contract) }), paramNames: pathParamNames(operation.path) });
    }
  }
  return routes;
}

/** Decoded path parameters, or undefined when one has a broken `%` escape or is not UTF-8. */
function paramsOf(route: Route, m: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < route.paramNames.length; i++) {
    const decoded = decodeComponent(m[i + 1]!);
    if (decoded === undefined) return undefined;
    params[route.paramNames[i]!] = decoded;
  }
  return params;
}

/** Matches a raw (still percent-encoded) path and method. */
export function matchRoute(routes: readonly Route[], method: string, rawPath: string): RouteMatch {
  let wrongMethod: { contract: Contract; allowed: string[] } | undefined;
  for (const route of routes) {
    const m = route.pattern.exec(rawPath);
    if (!m) continue;
    const params = paramsOf(route, m);
    if (params === undefined) continue; // a broken escape in a path segment matches nothing
    if (route.operation.method === method) return { kind: 'found', route, params };
    wrongMethod ??= { contract: route.contract, allowed: [] };
    wrongMethod.allowed.push(route.operation.method);
  }
  return wrongMethod ? { kind: 'wrong-method', ...wrongMethod } : { kind: 'none' };
}
