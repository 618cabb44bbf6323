/**
 * The client-rule oracle: what a correct request looks like, judged on one request as sent.
 * Route and query from the spec's paths, headers and media type from the contract, the body
 * against the request schema, the signature recomputed with the kit's signers and the
 * encrypted field checked with the kit's cipher. One finding per `*-CLIENT-*` rule it could
 * judge, in that order.
 */
import type { Contract } from '../contract/contract.ts';
import type { Finding } from '../report/exchange.ts';
import { bodyProblem } from './body.ts';
import { encryptionProblem } from './encryption.ts';
import { headerProblems, requestMediaTypes } from './headers.ts';
import { matchOperation, queryHasKey } from './route.ts';
import { judgeSignature, type SignatureOptions } from './signature.ts';
import { clientRule, type ClientRequestView } from './wire.ts';

/** What the oracle needs besides the request: the run's secrets and its clock. */
export type OracleOptions = SignatureOptions;

/**
 * Findings on one request to the contract's service. A request that addresses no documented
 * operation gets only a ROUTE finding (nothing else can be judged); the encrypted field is
 * judged only under a signature that holds (the key is the signer's).
 */
export function judgeClientRequest(contract: Contract, req: ClientRequestView, options: OracleOptions): Finding[] {
  const rule = (name: Parameters<typeof clientRule>[1]): string => clientRule(contract.service, name);
  const match = matchOperation(contract, req.method, req.rawPath);
  if (match.kind !== 'found') {
    const detail = match.kind === 'wrong-method' ? `${req.method} is not allowed here (allowed: ${match.allowed.join(', ')})` : `no operation at ${req.method} ${req.rawPath}`;
    return [{ rule: rule('ROUTE'), ok: false, detail }];
  }
  const { operation, params } = match;
  const findings: Finding[] = [];
  const queryOk = !operation.query || queryHasKey(req.rawQuery, operation.query);
  findings.push({ rule: rule('ROUTE'), ok: queryOk, detail: queryOk ? `${operation.method} ${operation.path}` : `the query does not name the action ?${operation.query}` });

  const problems = headerProblems(contract, operation.operationId, req.headers, params);
  findings.push({ rule: rule('HEADERS'), ok: problems.length === 0, detail: problems.length ? `missing or wrong: ${problems.join(', ')}` : 'required headers present' });

  const mediaType = requestMediaTypes(contract, operation.operationId)[0];
  if (mediaType !== undefined) {
    const problem = bodyProblem(contract, operation.operationId, mediaType, req.body);
    findings.push({ rule: rule('BODY'), ok: problem === undefined, detail: problem ?? 'body matches the request schema' });
  }

  const signature = judgeSignature(contract, req, options);
  findings.push(signature.ok ? { rule: rule('SIGNATURE'), ok: true, detail: `signed by ${signature.accessKeyId}` } : { rule: rule('SIGNATURE'), ok: false, detail: `${signature.failure}: ${signature.detail}` });

  const encryption = contract.facts.encryption;
  if (encryption && mediaType !== undefined && signature.ok) {
    const value = fieldOf(req.body, encryption.field);
    if (typeof value === 'string') {
      const problem = encryptionProblem(encryption, value, signature.secretAccessKey);
      // Under a reading where a value that is not ciphertext is the password itself, plaintext is not a failure.
      if (problem === undefined) findings.push({ rule: rule('ENCRYPTION'), ok: true, detail: `${encryption.field} decrypts under the caller's SK` });
      else if (!encryption.plaintextFallback) findings.push({ rule: rule('ENCRYPTION'), ok: false, detail: problem });
    }
  }
  return findings;
}

/** The named top-level field of a JSON object body, or undefined. */
function fieldOf(body: Uint8Array, field: string): unknown {
  try {
    const json: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[field] : undefined;
  } catch {
    return undefined;
  }
}
