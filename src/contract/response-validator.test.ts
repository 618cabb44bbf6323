/**
 * The oracle of both *-RESP-SCHEMA rules and of the client judge: it must report every way a
 * response departs from the spec, and accept what the documents leave open (other codes, other 4xx).
 */
import { describe, expect, it } from 'vitest';
import { loadSpec } from './load-spec.ts';
import { builtinSpecPath } from './spec-paths.ts';
import { validateResponse } from './response-validator.ts';

const bcc = loadSpec(builtinSpecPath('bcc'));
const dcs = loadSpec(builtinSpecPath('dcs'));
const json = { 'content-type': 'application/json;charset=UTF-8' };
const bccHeaders = { ...json, 'x-bce-request-id': '1214cca7-4ad5-451d-9215-71cb844c0a50' };
const aspects = (problems: Array<{ aspect: string }>) => problems.map((p) => p.aspect);

describe('validateResponse accepts what the spec documents', () => {
  it('a DCS success body, every field a string', () => {
    const body = JSON.stringify({ lock_time: '0', result: 'success', lock_time_left: '0', retry_times_left: '5', message: 'ok' });
    expect(validateResponse(dcs, 'updatePassword', { status: 200, headers: json, body })).toEqual([]);
  });

  it('an error code no document lists, and a 4xx status the spec does not name (both open sets)', () => {
    expect(validateResponse(bcc, 'changeInstancePassword', { status: 400, headers: bccHeaders, body: JSON.stringify({ requestId: 'r', code: 'InvalidParameter', message: 'm' }) })).toEqual([]);
    expect(validateResponse(dcs, 'updatePassword', { status: 422, headers: json, body: JSON.stringify({ error_code: 'DCS.4800', error_msg: 'same' }) })).toEqual([]);
  });
});

describe('validateResponse reports each kind of problem', () => {
  it('a status outside every documented status and range', () => {
    expect(aspects(validateResponse(dcs, 'updatePassword', { status: 302, headers: json, body: '' }))).toEqual(['status']);
  });

  it('a missing required header (x-bce-request-id)', () => {
    const problems = validateResponse(bcc, 'changeInstancePassword', { status: 409, headers: json, body: JSON.stringify({ requestId: 'r', code: 'Instance.PasswordOperationForbidden', message: 'm' }) });
    expect(aspects(problems)).toEqual(['header']);
    expect(problems[0]!.message).toMatch(/x-bce-request-id/);
  });

  it('a content type that is not documented', () => {
    expect(aspects(validateResponse(dcs, 'updatePassword', { status: 200, headers: { 'content-type': 'text/html' }, body: '{"result":"success"}' }))).toEqual(['content-type']);
  });

  it('an empty body where JSON is documented, and a body that is not JSON', () => {
    expect(aspects(validateResponse(dcs, 'updatePassword', { status: 200, headers: json, body: '' }))).toEqual(['body']);
    expect(validateResponse(dcs, 'updatePassword', { status: 200, headers: json, body: '{"result":' })[0]!.message).toMatch(/not valid JSON/);
  });

  it('body schema problems: numbers instead of strings, a result outside the enum, a missing required field', () => {
    const numbers = validateResponse(dcs, 'updatePassword', { status: 200, headers: json, body: JSON.stringify({ result: 'success', retry_times_left: 5 }) });
    expect(aspects(numbers)).toContain('body');
    const result = validateResponse(dcs, 'updatePassword', { status: 200, headers: json, body: JSON.stringify({ result: 'ok' }) });
    expect(result.map((p) => p.message).join(' ')).toMatch(/result|enum|allowed/);
    const missing = validateResponse(dcs, 'updatePassword', { status: 400, headers: json, body: JSON.stringify({ error_msg: 'no code' }) });
    expect(missing.map((p) => p.message).join(' ')).toMatch(/error_code/);
  });

  it('an error body of the wrong shape in an undocumented 4xx', () => {
    const problems = validateResponse(bcc, 'changeInstancePassword', { status: 418, headers: bccHeaders, body: JSON.stringify({ error: 'teapot' }) });
    expect(aspects(problems)).toContain('body');
  });

  it('an unknown operation is a kit bug, not a verdict', () => {
    expect(() => validateResponse(dcs, 'noSuchOperation', { status: 200, headers: json, body: '{}' })).toThrow(/no operation noSuchOperation/);
  });
});
