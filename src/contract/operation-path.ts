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
