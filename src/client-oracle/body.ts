/** The body of a client request against the operation's request schema in the spec. */
import type { Contract } from '../contract/contract.ts';
import { describeErrors, validatorAt } from '../contract/spec-ajv.ts';
import { findOperation } from '../contract/response-validator.ts';
import { pointerSegment } from '../contract/json-pointer.ts';

/** Why the body breaks the request schema, or undefined when it holds. */
export function bodyProblem(contract: Contract, operationId: string, mediaType: string, body: Uint8Array): string | undefined {
  // A server may ignore a leading BOM (RFC 8259 §8.1: parsers MAY), but the same section says
  // senders MUST NOT add one, so a client that does is told.
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'the body starts with a UTF-8 byte order mark; RFC 8259 §8.1: JSON senders MUST NOT add one';
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return 'the body is not UTF-8 JSON';
  }
  const found = findOperation(contract.openapi, operationId);
  if (!found) return `the spec has no operation ${operationId}`;
  const validate = validatorAt(contract, `${found.pointer}/requestBody/content/${pointerSegment(mediaType)}/schema`);
  // Encryption has its own rule: the body's shape is judged with the ciphertext pattern relaxed.
  const field = contract.facts.encryption?.field;
  const shaped = field && typeof json === 'object' && json !== null && typeof (json as Record<string, unknown>)[field] === 'string' ? { ...json, [field]: '00' } : json;
  return validate(shaped) ? undefined : describeErrors(validate).join('; ');
}
