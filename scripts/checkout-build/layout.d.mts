/** Types of layout.mjs: a checkout built as the package's dist/. */
import type ts from 'typescript';
import type { InputSnapshot } from './inputs.mjs';
/** The compiled path of a source: suites' `*.test.ts` → `*.rule.js`, any other `.ts` → `.js`. */
export declare function compiledPath(rel: string): string;
/** Builds `root`'s sources, as `snapshot` read them, into `out`, laid out as dist/. */
export declare function buildLayout(typescript: typeof ts, root: string, snapshot: InputSnapshot, out: string): void;
