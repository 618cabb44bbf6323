/**
 * The adapters that ship with the kit, by the name `--client` accepts. Each entry imports its
 * module lazily, so an SDK is loaded only when its adapter is actually used. The SDKs are
 * optional peer dependencies: a missing one is a {@link KitError} naming what to install.
 */
import { KitError } from '../../errors/kit-error.ts';
import type { ClientAdapter } from '../client.ts';

/** Builtin adapter name → the npm packages its SDK needs (optional peer dependencies). */
export const ADAPTER_PACKAGES: Record<string, readonly string[]> = {
  'baidu-unimplemented': [],
  'baidu-send-request': ['@baiducloud/sdk'],
  'huawei-core': ['@huaweicloud/huaweicloud-sdk-core', 'uuid'],
};

/** Whether a package can be found from the kit (resolution only; nothing is loaded). */
function installed(pkg: string): boolean {
  // vitest's module runner may not offer import.meta.resolve; the import then reports a miss itself.
  if (typeof import.meta.resolve !== 'function') return true;
  try {
    import.meta.resolve(pkg);
    return true;
  } catch (error) {
    // Found, but its root is not exported (the adapter imports subpaths): it is installed.
    return (error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND';
  }
}

/** Checks an adapter's SDK packages before loading it, so a missing one says what to install. */
async function withSdk(name: string, load: () => Promise<ClientAdapter>): Promise<ClientAdapter> {
  const packages = ADAPTER_PACKAGES[name] ?? [];
  const missing = packages.filter((p) => !installed(p));
  if (missing.length > 0) {
    throw new KitError('CONFIG_INVALID', `The builtin adapter "${name}" needs ${missing.join(' and ')}, which ${missing.length > 1 ? 'are' : 'is'} not installed (the vendor SDKs are optional peer dependencies of the kit)`, `install them next to the kit: npm install --save-dev ${packages.join(' ')}`);
  }
  return load();
}

/** Builtin adapter name → loader of the adapter. */
export const BUILTIN_ADAPTERS: Record<string, () => Promise<ClientAdapter>> = {
  'baidu-unimplemented': async () => (await import('./baidu-bcc-unimplemented.ts')).default,
  'baidu-send-request': () => withSdk('baidu-send-request', async () => (await import('./baidu-bcc-send-request.ts')).default),
  'huawei-core': () => withSdk('huawei-core', async () => (await import('./huawei-dcs-core.ts')).default),
};
