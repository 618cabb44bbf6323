/** Types of inputs.mjs: what a checkout's build is made of, and its content key. */
export declare const SHIPPED_SPECS: readonly string[];
export declare const JSON_FOLDERS: readonly string[];
export declare const TOOL_PACKAGES: readonly string[];
/** Every file under `dir` (relative to `root`), sorted. */
export declare function walk(root: string, dir: string): string[];
/** A tsconfig `exclude` glob as a RegExp over relative paths. */
export declare function globToRegExp(glob: string): RegExp;
/** The build's inputs, relative to `root`. */
export declare function buildInputs(root: string): { compiled: string[]; copied: string[]; own: string[] };
/** The installed version of a package, or `absent`. */
export declare function packageVersion(root: string, name: string): string;
/** What a build is made of, read once: its key, the inputs and their bytes by relative path. */
export interface InputSnapshot {
  key: string;
  inputs: { compiled: string[]; copied: string[]; own: string[] };
  contents: Map<string, Buffer>;
}
/** Reads the build's inputs once and keys them. */
export declare function readInputs(root: string): InputSnapshot;
/** The content key of the checkout at `root` (sha256, hex). */
export declare function buildKey(root: string): string;
