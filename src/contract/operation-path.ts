/**
 * An operation's path from its spec template (`x-conformance.operations.*.path`), so no module
 * retypes a route: `fillPath('/v2/instance/{instanceId}', { instanceId: 'i-1' })`.
 */
import { KitError } from '../errors/kit-error.ts';

/** Fills every `{name}` of `template` with its percent-encoded value; throws naming a missing one. */
export function fillPath(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new KitError('SPEC_INVALID', `the path ${template} needs {${name}}, which was not given`, `pass ${name} (given: ${Object.keys(params).join(', ') || 'nothing'})`);
    return encodeURIComponent(value);
  });
}

/** The literal start of a path template, up to its first placeholder: `/v2/instance/` of `/v2/instance/{instanceId}`. */
export function staticPrefix(template: string): string {
  const brace = template.indexOf('{');
  return brace === -1 ? template : template.slice(0, brace);
}

/** The placeholder names of a path template, in order: `['project_id', 'instance_id']`. */
export function pathParamNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/**
 * A RegExp matching a decoded path of `template`, one named group per placeholder, in the
 * template's order (so `m[1]`, `m[2]` are the placeholders too), a trailing slash allowed unless
 * `trailingSlash` is false: `pathPattern('/v2/{project_id}/instances/{instance_id}/password')`
 * matches `/v2/p/instances/i/password` with groups `project_id` = `p`, `instance_id` = `i`.
 */
export function pathPattern(template: string, options: { trailingSlash?: boolean } = {}): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source.replace(/\/$/, '')}${options.trailingSlash === false ? '' : '/?'}$`);
}
