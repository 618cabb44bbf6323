import { describe, expect, it } from 'vitest';
import { caseRequest, outcomeOf, parseAnswer, parseHello } from './client-protocol.ts';
import { ProtocolViolation } from '../../errors/protocol-violation.ts';

const violation = (fn: () => unknown): ProtocolViolation => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProtocolViolation) return error;
    throw error;
  }
  throw new Error('expected a ProtocolViolation');
};

describe('client protocol lines', () => {
  it('accepts a valid hello and names what is missing in an invalid one', () => {
    expect(parseHello('{"type":"hello","protocol":1,"name":"x","services":["dcs"],"operations":["changePassword"]}').services).toEqual(['dcs']);
    const v = violation(() => parseHello('{"type":"hello","protocol":1,"name":"x","services":["ecs"]}'));
    expect(v.problem).toContain('/services/0 must be ["bcc","dcs"]');
    expect(v.problem).toContain('lacks "operations"');
    expect(v.problem).toContain('{\\"type\\":\\"hello\\"'); // the line, quoted
    expect(v.fix).toContain('"operations":["changePassword"]');
  });

  it('validates every answer against the schema and the id asked', () => {
    expect(parseAnswer('{"id":"c1","outcome":"error","status":400,"code":"DCS.4019"}', 'c1', [])).toMatchObject({ outcome: 'error', code: 'DCS.4019' });
    expect(violation(() => parseAnswer('{"id":"c1","outcome":"ok"}', 'c1', [])).problem).toMatch(/answer to case c1 is invalid \(\/outcome must be \["success","error","exception","not-implemented"\]\)/);
    expect(violation(() => parseAnswer('{"id":"c1","outcome":"success","status":"200"}', 'c1', [])).problem).toContain('/status must be integer');
    expect(violation(() => parseAnswer('{"id":"c7","outcome":"success"}', 'c8', [])).problem).toContain('answered case "c7" while case c8 was asked');
    expect(violation(() => parseAnswer('{"outcome":"success"}', 'c2', [])).fix).toContain('{"id":"c2","outcome":"success"');
  });

  it('redacts the secrets of the case when it quotes a line, and cuts long lines', () => {
    const v = violation(() => parseAnswer(`oops Hunter2-pw ${'x'.repeat(400)}`, 'c3', ['Hunter2-pw']));
    expect(v.problem).toContain('oops <redacted> x');
    expect(v.problem).not.toContain('Hunter2-pw');
    expect(v.problem).toContain('…"');
  });

  it('writes requests per service and maps answers to adapter outcomes', () => {
    const ctx = { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'ak', secretAccessKey: 'sk', projectId: 'p' } };
    expect(caseRequest('c1', { service: 'bcc', instanceId: 'i-1', password: 'pw' }, ctx)).toEqual({ id: 'c1', service: 'bcc', operation: 'changePassword', endpoint: ctx.endpoint, credentials: { accessKeyId: 'ak', secretAccessKey: 'sk' }, instanceId: 'i-1', newPassword: 'pw' });
    expect(caseRequest('c2', { service: 'dcs', projectId: 'p', instanceId: 'd', oldPassword: 'o', newPassword: 'n' }, ctx)).toMatchObject({ projectId: 'p', oldPassword: 'o', newPassword: 'n' });
    expect(outcomeOf({ id: 'c1', outcome: 'exception', name: 'IOException', message: 'reset' })).toEqual({ kind: 'exception', name: 'IOException', message: 'reset' });
    expect(outcomeOf({ id: 'c1', outcome: 'not-implemented' })).toMatchObject({ kind: 'not-implemented' });
  });
});
