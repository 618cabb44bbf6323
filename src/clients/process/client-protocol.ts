/**
 * The client protocol (version 1): JSON lines between the kit and a client program started with
 * `--client-cmd`. Every line the client writes is validated against
 * `client-protocol.schema.json`; a bad line is described by quoting it and saying how to fix it.
 * Documented in docs/client-protocol.md.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { AdapterContext, ChangePasswordInput, ChangePasswordOutcome } from '../client.ts';
import { ProtocolViolation } from '../../errors/protocol-violation.ts';

/** The protocol version this kit speaks (the `protocol` field of the hello line). */
export const PROTOCOL_VERSION = 1;

/** The JSON schema of every line, as published beside this module. */
export const CLIENT_PROTOCOL_SCHEMA = JSON.parse(readFileSync(new URL('./client-protocol.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The client's first line. */
export interface Hello {
  type: 'hello';
  protocol: 1;
  name: string;
  services: Array<'bcc' | 'dcs'>;
  operations: Array<'changePassword'>;
}

/** One case as written to the client's stdin. */
export interface CaseRequest {
  id: string;
  service: 'bcc' | 'dcs';
  operation: 'changePassword';
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  projectId?: string;
  instanceId: string;
  oldPassword?: string;
  newPassword: string;
}

/** One answer line. */
export interface CaseAnswer {
  id: string;
  outcome: 'success' | 'error' | 'exception' | 'not-implemented';
  status?: number;
  code?: string;
  body?: unknown;
  message?: string;
  name?: string;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(CLIENT_PROTOCOL_SCHEMA);
const validator = (def: string): ValidateFunction => ajv.getSchema(`${CLIENT_PROTOCOL_SCHEMA.$id as string}#/$defs/${def}`)!;
const validHello = validator('hello');
const validAnswer = validator('answer');

/** What a line looks like in a message: quoted, secrets replaced, cut at 300 characters. */
export function quoteLine(line: string, secrets: readonly string[] = []): string {
  let text = line;
  for (const s of secrets) if (s.length > 0) text = text.split(s).join('<redacted>');
  return JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => {
      const where = e.instancePath || '(the line)';
      if (e.keyword === 'required') return `${where} lacks "${(e.params as { missingProperty: string }).missingProperty}"`;
      if (e.keyword === 'enum' || e.keyword === 'const') return `${where} must be ${JSON.stringify((e.params as { allowedValues?: unknown; allowedValue?: unknown }).allowedValues ?? (e.params as { allowedValue?: unknown }).allowedValue)}`;
      return `${where} ${e.message ?? 'is invalid'}`;
    })
    .join('; ');
}

const HELLO_EXAMPLE = `{"type":"hello","protocol":${PROTOCOL_VERSION},"name":"my-sdk 1.0","services":["bcc","dcs"],"operations":["changePassword"]}`;

/** Parses and validates the hello line; throws a {@link ProtocolViolation} otherwise. */
export function parseHello(line: string): Hello {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`the client's first line is not JSON: ${quoteLine(line)}`, `print the hello line first, before anything else on stdout (log to stderr), e.g. ${HELLO_EXAMPLE}`);
  }
  if (typeof value === 'object' && value !== null && 'protocol' in value && (value as { protocol: unknown }).protocol !== PROTOCOL_VERSION) {
    throw new ProtocolViolation(`the client speaks protocol ${JSON.stringify((value as { protocol: unknown }).protocol)}, this kit speaks ${PROTOCOL_VERSION}: ${quoteLine(line)}`, `set "protocol": ${PROTOCOL_VERSION} and follow docs/client-protocol.md, or use a kit version that speaks the client's protocol`);
  }
  if (!validHello(value)) throw new ProtocolViolation(`the client's hello line is invalid (${describe(validHello.errors)}): ${quoteLine(line)}`, `send e.g. ${HELLO_EXAMPLE} (schema: src/clients/process/client-protocol.schema.json)`);
  return value as unknown as Hello;
}

/** Parses and validates an answer to case `id`; throws a {@link ProtocolViolation} otherwise. */
export function parseAnswer(line: string, id: string, secrets: readonly string[]): CaseAnswer {
  const example = `{"id":"${id}","outcome":"success","status":200,"body":{}}`;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`the client's answer to case ${id} is not JSON: ${quoteLine(line, secrets)}`, `write exactly one JSON object per line on stdout, e.g. ${example}; send logs to stderr`);
  }
  if (!validAnswer(value)) throw new ProtocolViolation(`the client's answer to case ${id} is invalid (${describe(validAnswer.errors)}): ${quoteLine(line, secrets)}`, `answer with e.g. ${example} (schema: src/clients/process/client-protocol.schema.json)`);
  const answer = value as unknown as CaseAnswer;
  if (answer.id !== id) throw new ProtocolViolation(`the client answered case ${JSON.stringify(answer.id)} while case ${id} was asked: ${quoteLine(line, secrets)}`, 'answer each request, in order, with the id it carries');
  return answer;
}

/** The request line for one case. */
export function caseRequest(id: string, input: ChangePasswordInput, context: AdapterContext): CaseRequest {
  const credentials = { accessKeyId: context.credentials.accessKeyId, secretAccessKey: context.credentials.secretAccessKey };
  const base = { id, service: input.service, operation: 'changePassword' as const, endpoint: context.endpoint, credentials, instanceId: input.instanceId };
  if (input.service === 'bcc') return { ...base, newPassword: input.password };
  return { ...base, projectId: input.projectId, oldPassword: input.oldPassword, newPassword: input.newPassword };
}

/** The secrets of a case: replaced wherever the kit quotes or logs what the client wrote. */
export function caseSecrets(request: CaseRequest): string[] {
  return [request.credentials.secretAccessKey, request.newPassword, request.oldPassword ?? ''].filter((s) => s.length >= 4);
}

/** Maps an answer to the adapter contract's {@link ChangePasswordOutcome}. */
export function outcomeOf(answer: CaseAnswer): ChangePasswordOutcome {
  switch (answer.outcome) {
    case 'success':
      return { kind: 'success', ...(answer.status !== undefined ? { status: answer.status } : {}), ...(answer.body !== undefined ? { body: answer.body } : {}) };
    case 'error': {
      const outcome: ChangePasswordOutcome = { kind: 'error' };
      if (answer.status !== undefined) outcome.status = answer.status;
      if (answer.code !== undefined) outcome.code = answer.code;
      if (answer.message !== undefined) outcome.message = answer.message;
      if (answer.body !== undefined) outcome.body = answer.body;
      return outcome;
    }
    case 'exception':
      return { kind: 'exception', name: answer.name ?? 'Exception', message: answer.message ?? '' };
    case 'not-implemented':
      return { kind: 'not-implemented', message: answer.message ?? 'the client does not implement this operation' };
  }
}
