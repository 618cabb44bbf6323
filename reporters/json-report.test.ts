import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { RUN_STATUSES, VERDICTS, type ConformanceReport, type Counterexample, type ReplayKey, type ReportObservation, type RuleResult, type TargetInfo, type Invocation, type Timeline, type TimelineStep, type TranscriptStep } from '../src/report/report-model.ts';
import { jsonReport } from './json-report.ts';
import { sampleReport, unfinishedReport } from './fixtures/sample-report.ts';
import { hostileReport } from './fixtures/hostile-report.ts';

interface ObjectSchema { properties: Record<string, ObjectSchema & { enum?: string[]; $ref?: string }>; required?: string[]; additionalProperties?: unknown; $defs?: Record<string, ObjectSchema> }

const schema = JSON.parse(readFileSync(new URL('./report.schema.json', import.meta.url), 'utf8')) as ObjectSchema & { $defs: Record<string, ObjectSchema & { enum?: string[] }> };

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin.
  ajvFormats.default(ajv);
  return ajv.compile(schema);
}

const validate = validator();
const errorsOf = (value: unknown): ErrorObject[] => (validate(value) ? [] : [...(validate.errors ?? [])]);

/** Required/optional per key, checked by the compiler against the model: adding or dropping a field breaks the build of this test. */
type KeySpec<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' };

const REPORT: KeySpec<ConformanceReport> = { schemaVersion: 'required', tool: 'required', target: 'required', services: 'required', seed: 'required', runs: 'required', startedAt: 'required', durationMs: 'required', interrupted: 'required', runStatus: 'required', runStatusReason: 'optional', shard: 'optional', summary: 'required', rules: 'required', timelines: 'required', expectedFailureNotes: 'required', observations: 'required', faults: 'required', invocation: 'required', restorations: 'required' };
const OBSERVATION: KeySpec<ReportObservation> = { rule: 'required', service: 'required', topic: 'required', title: 'required', choice: 'required', evidence: 'required', count: 'required' };
const SHARD: KeySpec<NonNullable<ConformanceReport['shard']>> = { index: 'required', count: 'required' };
const MUST_JUDGED: KeySpec<ConformanceReport['summary']['mustJudged']> = { judged: 'required', total: 'required' };
const INVOCATION: KeySpec<Invocation> = { target: 'required', stateUrl: 'optional', client: 'optional', variants: 'required', faults: 'required', services: 'required', rules: 'required', failOn: 'required', maxSkip: 'optional', requireRules: 'optional' };
const SUMMARY: KeySpec<ConformanceReport['summary']> = { fail: 'required', 'expected-fail': 'required', ambiguous: 'required', 'not-run': 'required', skip: 'required', pass: 'required', total: 'required', mustJudged: 'required', conformant: 'required', failOn: 'required', gateFailures: 'optional' };
const TOOL: KeySpec<ConformanceReport['tool']> = { name: 'required', version: 'required' };
const TARGET: KeySpec<TargetInfo> = { name: 'required', kind: 'required', capabilities: 'required' };
const RULE: KeySpec<RuleResult> = { id: 'required', service: 'required', level: 'required', category: 'required', title: 'required', source: 'required', verdict: 'required', reason: 'required', cases: 'required', durationMs: 'required', variant: 'optional', counterexample: 'optional', replay: 'optional' };
const COUNTEREXAMPLE: KeySpec<Counterexample> = { summary: 'required', received: 'required', documented: 'required', transcript: 'required' };
const STEP: KeySpec<TranscriptStep> = { label: 'required', request: 'required', response: 'optional', curl: 'optional' };
const REQUEST: KeySpec<TranscriptStep['request']> = { method: 'required', url: 'required', headers: 'required', body: 'required' };
const RESPONSE: KeySpec<NonNullable<TranscriptStep['response']>> = { status: 'required', headers: 'required', body: 'required' };
const REPLAY: KeySpec<ReplayKey> = { seed: 'required', property: 'required', path: 'optional', replayPath: 'optional', rule: 'required', command: 'required' };
const TL_STEP: KeySpec<TimelineStep> = { t: 'required', action: 'required', result: 'required', retriesLeft: 'optional', lockTimeLeft: 'optional' };
const TIMELINE: KeySpec<Timeline> = { rule: 'required', label: 'required', steps: 'required' };

/** Every member of a string union, checked complete by the compiler. */
const members = <T extends string>(all: Record<T, true>): string[] => Object.keys(all).sort();

function def(name: string): ObjectSchema {
  const d = schema.$defs[name];
  if (!d) throw new Error(`schema has no $defs/${name}`);
  return d;
}
function prop(s: ObjectSchema, name: string): ObjectSchema & { enum?: string[] } {
  const p = s.properties[name];
  if (!p) throw new Error(`schema has no property ${name}`);
  return p;
}

describe('JSON report', () => {
  it('renders pretty JSON that parses back to the report', () => {
    const text = jsonReport.render(sampleReport);
    expect(text).toMatch(/^\{\n {2}"schemaVersion": "1\.1",\n/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(sampleReport);
  });

  it('validates against report.schema.json, hostile text included', () => {
    expect(errorsOf(JSON.parse(jsonReport.render(sampleReport)))).toEqual([]);
    expect(errorsOf(JSON.parse(jsonReport.render(hostileReport())))).toEqual([]);
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as const) expect(errorsOf(unfinishedReport(status)), status).toEqual([]);
  });

  it('carries the observations and never says "conformant": true of a run that did not complete', () => {
    const text = jsonReport.render(sampleReport);
    expect((JSON.parse(text) as ConformanceReport).observations.map((o) => o.choice)).toEqual(['400 InvalidParameter', '404 (not routed)']);
    for (const status of ['interrupted', 'target-unreachable', 'incomplete-shards', 'state-endpoint-fault'] as const) {
      const out = jsonReport.render(unfinishedReport(status));
      expect(out).not.toMatch(/"conformant": true/);
      expect(out).toContain(`"runStatus": "${status}"`);
      expect(out).toContain('"verdict": "not-run"');
    }
  });

  it('rejects a report without seed and with a bad verdict, naming both', () => {
    const broken = JSON.parse(jsonReport.render(sampleReport)) as Record<string, unknown> & { rules: Array<Record<string, unknown>> };
    delete broken.seed;
    const first = broken.rules[0];
    if (!first) throw new Error('fixture has no rules');
    first.verdict = 'passed';
    const errors = errorsOf(broken);
    expect(errors.some((e) => e.keyword === 'required' && (e.params as { missingProperty: string }).missingProperty === 'seed')).toBe(true);
    expect(errors.some((e) => e.instancePath === '/rules/0/verdict' && e.keyword === 'enum')).toBe(true);
  });

  it('rejects unknown fields, a wrong schemaVersion and a bad timestamp', () => {
    const withExtra = { ...structuredClone(sampleReport), colour: 'red' };
    expect(errorsOf(withExtra).some((e) => e.keyword === 'additionalProperties')).toBe(true);
    expect(errorsOf({ ...structuredClone(sampleReport), schemaVersion: '2.0' }).some((e) => e.instancePath === '/schemaVersion')).toBe(true);
    expect(errorsOf({ ...structuredClone(sampleReport), startedAt: 'yesterday' }).some((e) => e.keyword === 'format')).toBe(true);
  });

  it('matches the TypeScript model field for field (names, required vs optional)', () => {
    const check = (s: ObjectSchema, spec: Record<string, 'required' | 'optional'>, where: string): void => {
      expect(Object.keys(s.properties).sort(), `${where} properties`).toEqual(Object.keys(spec).sort());
      expect([...(s.required ?? [])].sort(), `${where} required`).toEqual(Object.keys(spec).filter((k) => spec[k] === 'required').sort());
      expect(s.additionalProperties, `${where} additionalProperties`).toBe(false);
    };
    check(schema, REPORT, 'report');
    check(def('Summary'), SUMMARY, 'summary');
    check(prop(schema, 'tool'), TOOL, 'tool');
    check(def('TargetInfo'), TARGET, 'target');
    check(def('RuleResult'), RULE, 'rule');
    check(def('Counterexample'), COUNTEREXAMPLE, 'counterexample');
    check(def('TranscriptStep'), STEP, 'transcript step');
    check(prop(def('TranscriptStep'), 'request'), REQUEST, 'request');
    check(prop(def('TranscriptStep'), 'response'), RESPONSE, 'response');
    check(def('ReplayKey'), REPLAY, 'replay');
    check(def('TimelineStep'), TL_STEP, 'timeline step');
    check(def('Timeline'), TIMELINE, 'timeline');
    check(def('Invocation'), INVOCATION, 'invocation');
    check(def('Observation'), OBSERVATION, 'observation');
    check(prop(schema, 'shard'), SHARD, 'shard');
    check(prop(def('Summary'), 'mustJudged'), MUST_JUDGED, 'mustJudged');
  });

  it('has the model\'s enums and documents every field', () => {
    expect([...(def('Verdict') as { enum?: string[] }).enum ?? []].sort()).toEqual([...VERDICTS].sort());
    expect([...(def('RunStatus') as { enum?: string[] }).enum ?? []].sort()).toEqual([...RUN_STATUSES].sort());
    expect([...prop(def('RuleResult'), 'level').enum ?? []].sort()).toEqual(members<RuleResult['level']>({ MUST: true, SHOULD: true }));
    expect([...prop(def('TargetInfo'), 'kind').enum ?? []].sort()).toEqual(members<TargetInfo['kind']>({ simulator: true, http: true, client: true }));
    expect([...prop(def('TimelineStep'), 'action').enum ?? []].sort()).toEqual(members<TimelineStep['action']>({ wrong: true, right: true, 'bad-new': true, advance: true, status: true }));
    expect([...prop(def('Summary'), 'failOn').enum ?? []].sort()).toEqual(members<ConformanceReport['summary']['failOn']>({ must: true, should: true, none: true }));
    expect([...prop(def('Invocation'), 'failOn').enum ?? []].sort()).toEqual(members<Invocation['failOn']>({ must: true, should: true, none: true }));
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const o = node as Record<string, unknown>;
      const props = o.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) if (typeof v.description !== 'string' && typeof v.$ref !== 'string') undocumented.push(`${path}.${k}`);
      for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(schema, '#');
    expect(undocumented).toEqual([]);
  });
});
