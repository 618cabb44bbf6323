/** Where the kit's own spec files live, whatever the working directory. */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** Absolute path of the `specs/` folder shipped with the kit. */
export const SPECS_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../specs');

/** The services the kit ships a spec for. */
export const BUILTIN_SERVICES = ['bcc', 'dcs'] as const;
/** One of {@link BUILTIN_SERVICES}. */
export type BuiltinService = (typeof BUILTIN_SERVICES)[number];

/** Path of a shipped spec. */
export function builtinSpecPath(service: BuiltinService): string {
  return `${SPECS_DIR}/${service}.openapi.yaml`;
}
