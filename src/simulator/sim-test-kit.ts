/**
 * Test helpers for the simulator's own tests: set up state, send signed requests in-process,
 * and check every response against the spec. Not part of the public surface.
 */
import { expect } from 'vitest';
import { buildBccChangePassword, type BccChangeInput } from '../requests/bcc-requests.ts';
import { buildDcsChangePassword, type DcsChangeInput } from '../requests/dcs-requests.ts';
import { validateResponse } from '../contract/response-validator.ts';
import { DEFAULT_CREDENTIALS } from '../auth/default-credentials.ts';
import type { Simulator } from './simulator.ts';

/** Base URL used for in-process requests (never resolved). */
export const BASE = 'http://sim.test';

/** A response with its body read and parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // Left empty: the schema check below reports a non-JSON body.
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Sends a state-protocol message and returns the answer. */
export async function state(sim: Simulator, stateName: string, params: Record<string, unknown> = {}, action = 'setup'): Promise<Answer> {
  return read(await sim.handle(new Request(`${BASE}/__conformance/state`, { method: 'POST', body: JSON.stringify({ action, state: stateName, params }) })));
}

/** Sends a request and asserts its response matches the spec for that operation. */
export async function send(sim: Simulator, request: Request, operationId: string, service: 'bcc' | 'dcs'): Promise<Answer> {
  const answer = await read(await sim.handle(request));
  const problems = validateResponse(sim.contracts[service], operationId, { status: answer.status, headers: answer.headers, body: answer.text });
  expect(problems, `response ${answer.status} ${answer.text}`).toEqual([]);
  return answer;
}

/** Signed BCC changePass with the default test credentials. */
export async function bccChange(sim: Simulator, input: Partial<BccChangeInput> & { instanceId: string; password: string }): Promise<Answer> {
  const req = await buildBccChangePassword({ baseUrl: BASE, credentials: DEFAULT_CREDENTIALS.bcc, ...input });
  return send(sim, req, 'changeInstancePassword', 'bcc');
}

/** Signed DCS password change with the default test credentials. */
export async function dcsChange(sim: Simulator, input: Partial<DcsChangeInput> & { instanceId: string; oldPassword: string; newPassword: string }): Promise<Answer> {
  const req = await buildDcsChangePassword({ baseUrl: BASE, projectId: 'proj-1', credentials: DEFAULT_CREDENTIALS.dcs, ...input });
  return send(sim, req, 'updatePassword', 'dcs');
}

/** What the state endpoint's inspect says about an instance. */
export async function inspect(sim: Simulator, service: 'bcc' | 'dcs', instanceId: string, projectId = 'proj-1'): Promise<Record<string, unknown>> {
  return (await state(sim, 'inspect', { service, instanceId, projectId })).json;
}
