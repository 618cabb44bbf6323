/** Types of transpile.mjs (plain JavaScript, so bin/conformance.js can build before any TypeScript loader runs). */
import type ts from 'typescript';

/** A source that does not transpile (a syntax error): names the file and TypeScript's message. */
export declare class TranspileError extends Error {
  readonly file: string;
  constructor(file: string, messages: string[]);
}
/** Loads TypeScript (the checkout's devDependency); throws an Error saying how to install it. */
export declare function loadTypeScript(): Promise<typeof ts>;
/** The build's compiler options for a lone file's emit, and the files tsconfig.build.json selects (absolute). */
export declare function emitOptions(typescript: typeof ts, root: string, readFile?: (file: string, encoding?: string) => string | undefined): { options: ts.CompilerOptions; fileNames: string[] };
/** Emits each of `files` (relative to `root`) under `out`; throws a {@link TranspileError} for a syntax error. */
export declare function transpileFiles(typescript: typeof ts, options: ts.CompilerOptions, root: string, files: readonly string[], out: string, rename?: (rel: string) => string, read?: (rel: string) => string): void;
