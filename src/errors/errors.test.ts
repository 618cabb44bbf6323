/**
 * Every error class of the kit lives in src/errors, extends BrandedError, and carries a stable
 * code, a fix and its own brand, so `is()` recognises it across copies of the package and never
 * mistakes one class for another.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BrandedError } from './branded-error.ts';
import { KitError } from './kit-error.ts';
import { SpecError } from './spec-error.ts';
import { NonConformance } from './non-conformance.ts';
import { Inconclusive } from './inconclusive.ts';
import { NotImplementedByClient } from './not-implemented.ts';
import { StateEndpointFault } from './state-endpoint-fault.ts';
import { GuardRefusal } from './guard-refusal.ts';
import { TransportFault } from './transport-fault.ts';
import { ProtocolViolation } from './protocol-violation.ts';
import { PercentDecodeError } from './percent-decode-error.ts';
import { BadStateRequest } from './bad-state-request.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** An error class of the kit, whatever its constructor takes. */
type ErrorClass = (abstract new (...args: never[]) => BrandedError) & { readonly brand: string; readonly name: string; is(value: unknown): boolean };

/** One instance of every class, and the code it must carry. */
const SAMPLES: Array<[ErrorClass, BrandedError, string]> = [
  [KitError, new KitError('USAGE', 'bad flag', 'use --seed N'), 'USAGE'],
  [SpecError, new SpecError([{ file: 'specs/x.yaml', pointer: '/a', line: 3, message: 'm', fix: 'f' }]), 'SPEC_INVALID'],
  [NonConformance, new NonConformance('DCS-PWD-LENGTH', '200 success', '400 DCS.4019'), 'NON_CONFORMANCE'],
  [Inconclusive, new Inconclusive('the target answered 500', 'DCS-NO-5XX'), 'INCONCLUSIVE'],
  [NotImplementedByClient, new NotImplementedByClient('sdk x does not implement changePassword'), 'CLIENT_NOT_IMPLEMENTED'],
  [StateEndpointFault, new StateEndpointFault('could not reach', 'start the state endpoint, or drop --state-url'), 'STATE_ENDPOINT_UNREACHABLE'],
  [GuardRefusal, new GuardRefusal('live guard: the request budget of 3 is spent (--max-requests)'), 'LIVE_GUARD_REFUSAL'],
  [TransportFault, new TransportFault('refused', 'connect ECONNREFUSED'), 'TRANSPORT_REFUSED'],
  [ProtocolViolation, new ProtocolViolation('the line is not JSON', 'print one JSON object per line'), 'CLIENT_PROTOCOL_VIOLATION'],
  [PercentDecodeError, new PercentDecodeError('invalid percent escape "%zz" at offset 3'), 'PERCENT_ESCAPE_INVALID'],
  [BadStateRequest, new BadStateRequest('params.instanceId must be a non-empty string'), 'STATE_REQUEST_INVALID'],
];

describe('the kit\'s error classes', () => {
  it.each(SAMPLES.map(([cls, error, code]) => [cls.name, cls, error, code] as const))('%s has a code, a fix, its own brand and name', (name, cls, error, code) => {
    expect(error).toBeInstanceOf(BrandedError);
    expect(error.code).toBe(code);
    expect(error.fix.length).toBeGreaterThan(10);
    expect(error.name).toBe(name);
    expect(Object.hasOwn(cls, 'brand')).toBe(true);
    expect(cls.brand).toBe(`pwchange-conformance.${name}`);
    expect(cls.is(error)).toBe(true);
    expect([error].filter(cls.is)).toEqual([error]); // works unbound, as `rejects.toSatisfy(X.is)` uses it
  });

  it('is() recognises a copy from a second package instance by its brand, and nothing else', () => {
    const copy = Object.assign(new Error('from another copy'), { [Symbol.for('pwchange-conformance.TransportFault')]: true });
    expect(TransportFault.is(copy)).toBe(true);
    expect(KitError.is(copy)).toBe(false);
    for (const value of [new Error('plain'), { code: 'USAGE', fix: 'x' }, null, undefined, 'KitError']) {
      for (const [cls] of SAMPLES) expect(cls.is(value)).toBe(false);
    }
  });

  it('is() never takes one class for another; a subclass is also its parent', () => {
    for (const [cls, , ] of SAMPLES) {
      for (const [, other] of SAMPLES) {
        const expected = other instanceof cls;
        expect(cls.is(other), `${cls.name}.is(${other.name})`).toBe(expected);
      }
    }
    const spec = SAMPLES.find(([c]) => c === SpecError)![1];
    expect(KitError.is(spec) && SpecError.is(spec)).toBe(true);
    expect(SpecError.is(SAMPLES[0]![1])).toBe(false);
  });

  it('keeps the brand out of enumeration (reports and JSON see only the error itself)', () => {
    const fault = new TransportFault('timeout', 'timed out');
    const brands = Object.getOwnPropertySymbols(fault);
    expect(brands.map((b) => b.description).sort()).toEqual(['pwchange-conformance.BrandedError', 'pwchange-conformance.TransportFault']);
    for (const brand of brands) expect(Object.getOwnPropertyDescriptor(fault, brand)?.enumerable).toBe(false);
    expect(JSON.stringify(fault)).toBe('{"kind":"timeout","name":"TransportFault"}');
  });

  it('derive codes from what happened: the state endpoint\'s status and the transport fault\'s kind', () => {
    expect(new StateEndpointFault('refused', 'fix', 404).code).toBe('STATE_ENDPOINT_PROTOCOL');
    expect(new StateEndpointFault('failed', 'fix', 503).code).toBe('STATE_ENDPOINT_FAILED');
    expect(new TransportFault('timeout', 'timed out').code).toBe('TRANSPORT_TIMEOUT');
    expect(new TransportFault('timeout', 'timed out').fix).toContain('transport.timeoutMs');
  });
});

/** Source files of the kit (src, suites, reporters), relative to the repository root. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

describe('error classes live in src/errors only', () => {
  it('no class outside src/errors extends Error or brands itself by hand', () => {
    const offenders: string[] = [];
    for (const file of ['src', 'suites', 'reporters'].flatMap(sources)) {
      if (file.startsWith('src/errors/')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      if (/class\s+\w+\s+extends\s+(\w*Error|BrandedError)\b/.test(text)) offenders.push(`${file}: declares an error class (move it to src/errors, extending BrandedError)`);
      if (text.includes("Symbol.for('pwchange-conformance.")) offenders.push(`${file}: brands by hand (extend BrandedError in src/errors instead)`);
    }
    expect(offenders).toEqual([]);
  });
});
