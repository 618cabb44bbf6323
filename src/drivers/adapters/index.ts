/**
 * The adapters that ship with the kit, by the name `--client` accepts. Each entry imports its
 * module lazily, so an SDK is loaded only when its adapter is actually used.
 */
import type { ClientAdapter } from '../driver.ts';

/** Builtin adapter name → loader of the adapter. */
export const BUILTIN_ADAPTERS: Record<string, () => Promise<ClientAdapter>> = {
  'baidu-unimplemented': async () => (await import('./baidu-bcc-unimplemented.ts')).default,
  'baidu-send-request': async () => (await import('./baidu-bcc-send-request.ts')).default,
  'huawei-core': async () => (await import('./huawei-dcs-core.ts')).default,
};
