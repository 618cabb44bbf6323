/**
 * Judges what a client sent (issue: client-side rules): route, headers and body shape, from
 * the spec. Signature and encryption findings are added where those checks run.
 */
import type { Contract } from '../../contract/contract.ts';
import { describeErrors, validatorAt } from '../../contract/spec-ajv.ts';
import { findOperation } from '../../contract/response-validator.ts';
import { pointerSegment } from '../../contract/spec-error.ts';
import type { RouteMatch } from './router.ts';
import type { Finding, SimRequest } from './sim-types.ts';

const rule = (contract: Contract, name: string): string => `${contract.service.toUpperCase()}-CLIENT-${name}`;

/** Findings on route, headers and body of one request. */
export function judgeRequest(contract: Contract, req: SimRequest, match: RouteMatch): Finding[] {
  const findings: Finding[] = [];
  if (match.kind !== 'found') {
    const detail = match.kind === 'wrong-method' ? `${req.method} is not allowed here (allowed: ${match.allowed.join(', ')})` : `no operation at ${req.method} ${req.rawPath}`;
    findings.push({ rule: rule(contract, 'ROUTE'), ok: false, detail });
    return findings;
  }
  const op = match.route.operation;
  const keys = req.rawQuery.split('&').filter(Boolean).map((p) => p.split('=')[0]);
  const queryOk = !op.query || keys.includes(op.query);
  findings.push({ rule: rule(contract, 'ROUTE'), ok: queryOk, detail: queryOk ? `${op.method} ${op.path}` : `the query does not name the action ?${op.query}` });

  const missing: string[] = [];
  const dateHeader = contract.facts.auth.scheme === 'bce-auth-v1' ? 'x-bce-date' : 'x-sdk-date';
  for (const name of ['host', dateHeader]) if (!req.headers.get(name)) missing.push(name);
  if (op.method !== 'GET') {
    const type = req.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') missing.push(`content-type: application/json (got ${type ?? 'none'})`);
  }
  const project = req.headers.get('x-project-id');
  if (project !== null && match.params.project_id !== undefined && project !== match.params.project_id) missing.push(`x-project-id matching the path (got ${project})`);
  findings.push({ rule: rule(contract, 'HEADERS'), ok: missing.length === 0, detail: missing.length ? `missing or wrong: ${missing.join(', ')}` : 'required headers present' });

  if (op.method !== 'GET') findings.push(judgeBody(contract, op.operationId, req.body));
  return findings;
}

function judgeBody(contract: Contract, operationId: string, body: Uint8Array): Finding {
  const name = rule(contract, 'BODY');
  // The server ignores a leading BOM (RFC 8259 §8.1: parsers MAY), but the same section says
  // senders MUST NOT add one, so a client that does is told.
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { rule: name, ok: false, detail: 'the body starts with a UTF-8 byte order mark; RFC 8259 §8.1: JSON senders MUST NOT add one' };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return { rule: name, ok: false, detail: 'the body is not UTF-8 JSON' };
  }
  const found = findOperation(contract.openapi, operationId)!;
  if (!(found.operation as { requestBody?: unknown }).requestBody) return { rule: name, ok: true, detail: 'the operation takes no body' };
  const validate = validatorAt(contract, `${found.pointer}/requestBody/content/${pointerSegment('application/json')}/schema`);
  // Encryption has its own rule; judge the body's shape with the ciphertext pattern relaxed.
  const field = contract.facts.encryption?.field;
  const shaped = field && typeof json === 'object' && json !== null && typeof (json as Record<string, unknown>)[field] === 'string' ? { ...json, [field]: '00' } : json;
  return validate(shaped) ? { rule: name, ok: true, detail: 'body matches the request schema' } : { rule: name, ok: false, detail: describeErrors(validate).join('; ') };
}
