import { describe, it, expect } from 'vitest';
import { fillPath, pathPattern, staticPrefix } from './operation-path.ts';

describe('fillPath', () => {
  it('fills and percent-encodes every placeholder', () => {
    expect(fillPath('/v2/{project_id}/instances/{instance_id}/password', { project_id: 'p 1', instance_id: 'a/b' })).toBe('/v2/p%201/instances/a%2Fb/password');
  });
  it('names a placeholder it was not given', () => {
    expect(() => fillPath('/v2/instance/{instanceId}', { instance_id: 'x' })).toThrow('the path /v2/instance/{instanceId} needs {instanceId}');
  });
});

describe('staticPrefix', () => {
  it('is the template up to its first placeholder', () => {
    expect(staticPrefix('/v2/instance/{instanceId}')).toBe('/v2/instance/');
    expect(staticPrefix('/v2/{project_id}/instances')).toBe('/v2/');
    expect(staticPrefix('/health')).toBe('/health');
  });
});

describe('pathPattern', () => {
  it('matches the template with one named group per placeholder, a trailing slash allowed', () => {
    const dcs = pathPattern('/v2/{project_id}/instances/{instance_id}/password');
    expect(dcs.exec('/v2/p-1/instances/i-1/password')?.groups).toEqual({ project_id: 'p-1', instance_id: 'i-1' });
    expect(dcs.test('/v2/p-1/instances/i-1/password/')).toBe(true);
    expect(dcs.test('/v2/p-1/instances/i-1/passwords')).toBe(false);
    expect(dcs.test('/v2/p-1/x/instances/i-1/password')).toBe(false);
    expect(pathPattern('/v2/instance/{instanceId}').exec('/v2/instance/i-9')?.groups).toEqual({ instanceId: 'i-9' });
    expect(pathPattern('/v2/instance/{instanceId}').test('/v2/instance/i-9/other')).toBe(false);
  });
  it('escapes the literal parts (a dot is a dot)', () => {
    expect(pathPattern('/a.b/{x}').test('/aXb/1')).toBe(false);
  });
});
