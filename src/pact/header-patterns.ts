/**
 * The patterns the exported request headers are matched with: the date header's pattern is read
 * from the spec (the header parameters of the change operation, e.g. `x-bce-date` and
 * `X-Sdk-Date`), the Authorization shape is the signing scheme's, with that same date inside
 * where the scheme carries one (bce-auth-v1).
 */
import type { Contract } from '../contract/contract.ts';
import { KitError } from '../errors/kit-error.ts';

interface HeaderParameter { name?: string; in?: string; schema?: { pattern?: string }; $ref?: string }

/** The header parameters with a `pattern` of the operation `operationId`, lower-cased name → pattern. */
export function specHeaderPatterns(contract: Contract): Record<string, string> {
  const doc = contract.openapi as { paths?: Record<string, Record<string, { operationId?: string; parameters?: HeaderParameter[] } | HeaderParameter[]>>; components?: { parameters?: Record<string, HeaderParameter> } };
  const { operationId } = contract.facts.operations.changePassword;
  const resolve = (p: HeaderParameter): HeaderParameter => (p.$ref ? (doc.components?.parameters?.[p.$ref.replace('#/components/parameters/', '')] ?? {}) : p);
  const patterns: Record<string, string> = {};
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (Array.isArray(op) || op.operationId !== operationId) continue;
      const shared = Array.isArray(item.parameters) ? item.parameters : [];
      for (const p of [...shared, ...(op.parameters ?? [])].map(resolve)) {
        if (p.in === 'header' && p.name && p.schema?.pattern) patterns[p.name.toLowerCase()] = p.schema.pattern;
      }
    }
  }
  return patterns;
}

/** A pattern without its anchors, to embed in another. */
const unanchored = (pattern: string): string => pattern.replace(/^\^/, '').replace(/\$$/, '');

/** Header name → pattern for the signed headers of the contract's scheme; throws when the spec lacks the date header's pattern. */
export function signedHeaderPatterns(contract: Contract): Record<string, string> {
  const { scheme } = contract.facts.auth;
  const fromSpec = specHeaderPatterns(contract);
  const dateHeader = contract.facts.auth.dateHeader.toLowerCase();
  const date = fromSpec[dateHeader];
  if (date === undefined) throw new KitError('SPEC_INVALID', `${contract.file}: the ${contract.facts.operations.changePassword.operationId} operation declares no ${dateHeader} header parameter with a pattern`, `add the ${dateHeader} parameter with the signing scheme's date pattern to the operation`);
  const authorization = scheme === 'bce-auth-v1'
    ? `^bce-auth-v1/[^/\\s]+/${unanchored(date)}/\\d+/[a-z0-9;-]*/[0-9a-f]{64}$`
    : '^SDK-HMAC-SHA256 Access=[^,\\s]+, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$';
  return { authorization, [dateHeader]: date };
}
