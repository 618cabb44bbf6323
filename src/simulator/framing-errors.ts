/**
 * Answers to requests node's HTTP parser refuses before the simulator sees them (both
 * Content-Length and Transfer-Encoding, a header block over 16 KB, a bad method token, a bad
 * chunk) and to HTTP/1.1 requests without Host. A gateway answers these in its own error
 * format; so does the simulator, in the format of the service the request most looks like.
 */
import { STATUS_CODES } from 'node:http';
import type { Contract } from '../contract/contract.ts';
import { errorResponse } from './core/responses.ts';
import type { SimResponse } from './core/sim-types.ts';
import { staticPrefix } from '../contract/operation-path.ts';

/** How much of a refused request is looked at to guess its service. */
const SNIFF_BYTES = 8 * 1024;

/** What node's parser error codes mean, in words a client can act on. */
const REASONS: Readonly<Record<string, string>> = {
  HPE_HEADER_OVERFLOW: 'The request header block is larger than the server accepts (16 KB).',
  HPE_INVALID_METHOD: 'The request method is not a valid HTTP token.',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'The request carries both Content-Length and Transfer-Encoding; send only one.',
  HPE_INVALID_TRANSFER_ENCODING: 'The Transfer-Encoding header is not valid.',
  HPE_INVALID_CONTENT_LENGTH: 'The Content-Length header is not valid.',
  HPE_INVALID_CHUNK_SIZE: 'A chunk of the body has an invalid size line.',
  HPE_INVALID_HEADER_TOKEN: 'A header name or value holds characters HTTP does not allow.',
  HPE_INVALID_URL: 'The request target is not a valid URL.',
  HPE_INVALID_VERSION: 'The HTTP version is not valid.',
  EXPECTATION: 'The server meets no Expect header but 100-continue.',
  CONNECT: 'CONNECT is not supported: this is not a proxy.',
  NO_HOST: 'An HTTP/1.1 request must carry a Host header (RFC 9112 §3.2).',
};

/**
 * The contract a raw request head most looks like: BCC for its paths or its signature scheme,
 * else DCS (as the simulator guesses for unknown routes).
 */
export function sniffContract(contracts: { bcc: Contract; dcs: Contract }, head: Uint8Array | string | undefined): Contract {
  if (head === undefined) return contracts.dcs;
  const text = typeof head === 'string' ? head.slice(0, SNIFF_BYTES) : Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, SNIFF_BYTES)).toString('latin1');
  const target = text.slice(0, text.indexOf('\r\n') >>> 0).split(' ')[1] ?? '';
  const bcc = contracts.bcc.facts;
  return target.startsWith(staticPrefix(bcc.operations.changePassword.path)) || text.includes(`${bcc.auth.scheme}/`) ? contracts.bcc : contracts.dcs;
}

/** The vendor-format answer to a request the parser refused with `code`. */
export function framingAnswer(contract: Contract, code: string | undefined): SimResponse {
  const detail = (code && REASONS[code]) ?? `The request could not be parsed as HTTP/1.1${code ? ` (${code})` : ''}.`;
  return errorResponse(contract, contract.facts.requestErrors.malformedJson, detail);
}

/** A complete HTTP/1.1 response, closing the connection, for writing straight to a socket. */
export function rawResponse(answer: SimResponse): string {
  const body = Buffer.from(answer.body, 'utf8');
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Error'}`];
  for (const [name, value] of Object.entries(answer.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${body.length}`, 'connection: close', '', '');
  return lines.join('\r\n') + answer.body;
}
