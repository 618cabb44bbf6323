/** Types of cache.mjs: the checkout's build cache. */
export declare const KEEP: number;
/** Where the checkout at `root` keeps its builds. */
export declare function defaultCacheDir(root: string): string;
/** A build to run (`built`: made by this call, in `ms`), or why there is none (one line, with its fix). */
export type CheckoutBuild = { dir: string; key: string; built: boolean; ms?: number; reason?: undefined } | { reason: string; dir?: undefined };
/** The compiled build of the checkout at `root`, made if missing. */
export declare function checkoutBuild(root: string, options?: { cacheDir?: string; log?: (line: string) => void }): Promise<CheckoutBuild>;
/** Removes builds beyond the most recently used that have not been used for an hour; returns their keys. */
export declare function prune(cacheDir: string, current: string, now?: number): string[];
