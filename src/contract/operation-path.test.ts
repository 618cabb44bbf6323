import { describe, it, expect } from 'vitest';
import { fillPath, staticPrefix } from './operation-path.ts';

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
