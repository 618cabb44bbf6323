/**
 * Transitional re-exports for code written before issue 16 moved these: `SpecError` and
 * `SpecIssue` now live in `src/errors/spec-error.ts`, the pointer helpers in `./json-pointer.ts`.
 * Import from there; this file goes once no import names it.
 */
export { SpecError, type SpecIssue } from '../errors/spec-error.ts';
export { pointerSegment, pointerSegments } from './json-pointer.ts';
