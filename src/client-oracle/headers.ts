/**
 * The header part of a client request: Host (HTTP/1.1 requires it, RFC 9112 §3.2, and both
 * schemes sign it), the scheme's date header (`auth.dateHeader`), the body's media type (the
 * request body's `content` in the spec) and a project header that must repeat the path
 * (`auth.projectHeader`).
 */
import type { Contract } from '../contract/contract.ts';
import { findOperation } from '../contract/response-validator.ts';
import type { HeaderLookup } from './wire.ts';

const mediaTypes = new WeakMap<Record<string, unknown>, Map<string, string[]>>();

/** The media types the spec declares for an operation's request body (empty: it takes none). */
export function requestMediaTypes(contract: Contract, operationId: string): string[] {
  let byOperation = mediaTypes.get(contract.openapi);
  if (!byOperation) mediaTypes.set(contract.openapi, (byOperation = new Map()));
  let types = byOperation.get(operationId);
  if (!types) {
    const found = findOperation(contract.openapi, operationId);
    const body = (found?.operation as { requestBody?: { content?: Record<string, unknown> } } | undefined)?.requestBody;
    types = Object.keys(body?.content ?? {}).map((type) => type.toLowerCase());
    byOperation.set(operationId, types);
  }
  return types;
}

/** What is missing or wrong in the headers (empty when they hold). */
export function headerProblems(contract: Contract, operationId: string, headers: HeaderLookup, params: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const name of ['host', contract.facts.auth.dateHeader.toLowerCase()]) if (!headers.get(name)) problems.push(name);
  const types = requestMediaTypes(contract, operationId);
  if (types.length > 0) {
    // Parameters (`; charset=utf-8`) and case are the SDKs' own; the type itself is the spec's.
    const sent = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (sent === undefined || !types.includes(sent)) problems.push(`content-type: ${types.join(' or ')} (got ${sent ?? 'none'})`);
  }
  const project = contract.facts.auth.projectHeader;
  if (project) {
    const sent = headers.get(project.name);
    const inPath = params[project.pathParameter];
    if (sent !== null && inPath !== undefined && sent !== inPath) problems.push(`${project.name.toLowerCase()} matching the path (got ${sent})`);
  }
  return problems;
}
