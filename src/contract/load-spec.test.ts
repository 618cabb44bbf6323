import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadSpec, parseVariantFlags } from './load-spec.ts';
import { SpecError } from '../errors/spec-error.ts';
import { KitError } from '../errors/kit-error.ts';
import { builtinSpecPath } from './spec-paths.ts';

describe('loadSpec on the shipped specs', () => {
  it('loads BCC with its facts and default readings', () => {
    const c = loadSpec(builtinSpecPath('bcc'));
    expect(c.service).toBe('bcc');
    expect(c.facts.passwordPolicy.minLength).toBe(8);
    expect(c.facts.passwordPolicy.maxLength).toBe(32);
    expect(c.facts.statuses.allowed).toEqual(['Running', 'Stopped']);
    expect(c.allStatuses).toHaveLength(12);
    expect(c.facts.errors[c.facts.statuses.onForbidden]?.status).toBe(409);
    expect(c.variants).toMatchObject({ 'BCC-A1': 'running-or-stopped', 'BCC-A4': 'json-body' });
    expect(c.facts.rules.filter((r) => r.category !== 'ambiguity').length).toBeGreaterThanOrEqual(15);
  });

  it('loads DCS with its lockout facts', () => {
    const c = loadSpec(builtinSpecPath('dcs'));
    expect(c.facts.lockout).toMatchObject({ threshold: 5, durationSeconds: 300, fifthAttemptResult: 'passwordFailed' });
    expect(c.facts.passwordPolicy.maxLength).toBe(64);
    expect(c.facts.rules.filter((r) => r.category !== 'ambiguity').length).toBeGreaterThanOrEqual(15);
  });

  it('applies a chosen reading as a patch, leaving the base facts intact', () => {
    const c = loadSpec(builtinSpecPath('dcs'), { variants: { 'DCS-A4': 'legacy-8-32', 'DCS-A1': 'locked-on-fifth' } });
    expect(c.facts.passwordPolicy.maxLength).toBe(32);
    expect(c.facts.passwordPolicy.classes[3]?.alphabet).toContain('\\');
    expect(c.facts.passwordPolicy.classes[3]?.alphabet).not.toContain('%');
    expect(c.facts.lockout?.fifthAttemptResult).toBe('locked');
    expect(c.baseFacts.passwordPolicy.maxLength).toBe(64);
    expect(c.variants['DCS-A4']).toBe('legacy-8-32');
  });

  it('removes a field with a null in a patch (DCS-A3 result-failed)', () => {
    const c = loadSpec(builtinSpecPath('dcs'), { variants: { 'DCS-A3': 'result-failed' } });
    expect(c.facts.passwordPolicy.sameAsOld).toEqual({ result: 'failed' });
  });

  it('rejects an unknown reading with the list of known ones', () => {
    expect(() => loadSpec(builtinSpecPath('dcs'), { variants: { 'DCS-A1': 'nope' } })).toThrowError(/DCS-A1=failed-on-fifth, DCS-A1=locked-on-fifth/);
    expect(() => loadSpec(builtinSpecPath('dcs'), { variants: { 'DCS-A9': 'x' } })).toThrowError(/use one of: DCS-A1/);
  });

  it('ignores a selection meant for the other service', () => {
    expect(loadSpec(builtinSpecPath('bcc'), { variants: { 'DCS-A1': 'locked-on-fifth' } }).variants['DCS-A1']).toBeUndefined();
  });
});

describe('parseVariantFlags', () => {
  it('parses RULE=variant and rejects anything else with a usage hint', () => {
    expect(parseVariantFlags(['DCS-A1=locked-on-fifth', ' BCC-A4=empty-body '])).toEqual({ 'DCS-A1': 'locked-on-fifth', 'BCC-A4': 'empty-body' });
    expect(() => parseVariantFlags(['DCS-A1:locked'])).toThrowError(/--variant DCS-A1=locked-on-fifth/);
  });
});

const BCC_A1 = loadSpec(builtinSpecPath('bcc')).baseFacts.rules.findIndex((r) => r.id === 'BCC-A1');

/** Each fixture: a mutation of a shipped spec, and the pointer and fix its error must name. */
const broken: Array<{ name: string; service: 'bcc' | 'dcs'; mutate: (d: ReturnType<typeof parseDocument>) => void; pointer: string; fix: RegExp }> = [
  { name: 'missing required x-conformance field', service: 'bcc', mutate: (d) => d.deleteIn(['x-conformance', 'notFound']), pointer: '/x-conformance', fix: /add "notFound"/ },
  { name: 'misspelt property', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'lockout', 'treshold'], 5), pointer: '/x-conformance/lockout', fix: /remove "treshold"/ },
  { name: 'wrong type', service: 'bcc', mutate: (d) => d.setIn(['x-conformance', 'passwordPolicy', 'minLength'], 'eight'), pointer: '/x-conformance/passwordPolicy/minLength', fix: /make this a integer/ },
  { name: 'bad rule level', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'rules', 0, 'level'], 'MAY'), pointer: '/x-conformance/rules/0/level', fix: /use one of: "MUST", "SHOULD"/ },
  { name: 'undeclared error code', service: 'bcc', mutate: (d) => d.setIn(['x-conformance', 'statuses', 'onForbidden'], 'Instance.Nope'), pointer: '/x-conformance/statuses/onForbidden', fix: /declare it under errors/ },
  { name: 'status not in the enum', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'statuses', 'allowed'], ['RUNNING', 'Running']), pointer: '/x-conformance/statuses/allowed/1', fix: /use one of: CREATING/ },
  { name: 'inverted length bounds', service: 'bcc', mutate: (d) => d.setIn(['x-conformance', 'passwordPolicy', 'minLength'], 40), pointer: '/x-conformance/passwordPolicy/minLength', fix: /swap or correct/ },
  { name: 'duplicate rule id', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'rules', 1, 'id'], 'DCS-AUTH-REQUIRED'), pointer: '/x-conformance/rules/1/id', fix: /unique id/ },
  { name: 'two default readings', service: 'bcc', mutate: (d) => d.setIn(['x-conformance', 'rules', BCC_A1, 'variants', 1, 'default'], true), pointer: `/x-conformance/rules/${BCC_A1}/variants`, fix: /exactly one variant/ },
  { name: 'character in two classes', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'passwordPolicy', 'classes', 3, 'alphabet'], 'a!'), pointer: '/x-conformance/passwordPolicy/classes/3/alphabet', fix: /exactly one class/ },
  { name: 'operation missing from paths', service: 'bcc', mutate: (d) => d.setIn(['x-conformance', 'operations', 'readInstance', 'path'], '/v2/instances/{instanceId}'), pointer: '/x-conformance/operations/readInstance', fix: /declare the operation/ },
  { name: 'OpenAPI response without description', service: 'dcs', mutate: (d) => d.deleteIn(['paths', '/v2/{project_id}/instances/{instance_id}', 'get', 'responses', '200', 'description']), pointer: '/paths/~1v2~1{project_id}~1instances~1{instance_id}/get/responses/200', fix: /add "description"/ },
  { name: 'invalid JSON Schema in components', service: 'bcc', mutate: (d) => d.setIn(['components', 'schemas', 'InstanceStatus', 'type'], 'text'), pointer: '/components/schemas/InstanceStatus/type', fix: /./ },
  { name: 'code missing from the ErrorCode enum', service: 'dcs', mutate: (d) => d.setIn(['x-conformance', 'errors', 'DCS.9999'], { status: 400, message: 'x', documented: false }), pointer: '/x-conformance/errors/DCS.9999', fix: /list it there/ },
];

describe('broken specs get errors naming file, pointer, line and fix', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broken-specs-'));
  });

  for (const b of broken) {
    it(b.name, () => {
      const doc = parseDocument(readFileSync(builtinSpecPath(b.service), 'utf8'));
      b.mutate(doc);
      const file = join(dir, `${b.name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, doc.toString());
      let error: unknown;
      try {
        loadSpec(file);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SpecError);
      const issues = (error as SpecError).issues;
      const issue = issues.find((i) => i.pointer === b.pointer);
      expect(issue, `pointers reported: ${issues.map((i) => i.pointer).join(', ')}`).toBeDefined();
      expect(issue!.file).toBe(file);
      expect(issue!.fix).toMatch(b.fix);
      expect(issue!.line).toBeGreaterThan(0);
      expect((error as SpecError).message).toContain(file);
      expect(KitError.is(error)).toBe(true);
    });
  }

  it('reports YAML syntax errors with the line', () => {
    const file = new URL('./fixtures/yaml-syntax-error.yaml', import.meta.url).pathname;
    expect(() => loadSpec(file)).toThrowError(SpecError);
    try {
      loadSpec(file);
    } catch (e) {
      expect((e as SpecError).issues[0]).toMatchObject({ file, line: 3 });
      expect((e as SpecError).issues[0]?.message).toMatch(/YAML syntax/);
    }
  });

  it('reports an unreadable file as a KitError with a fix', () => {
    expect(() => loadSpec('/nonexistent/spec.yaml')).toThrowError(/Cannot read spec file[\s\S]*specs\/bcc.openapi.yaml/);
  });
});
