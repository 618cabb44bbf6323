import { KitError } from '../errors/kit-error.ts';

/** One mistake found in a spec file: where it is and what to do about it. */
export interface SpecIssue {
  file: string;
  /** JSON pointer into the document, e.g. `/x-conformance/passwordPolicy/minLength`. */
  pointer: string;
  /** 1-based line in the file, when the pointer could be located. */
  line?: number;
  message: string;
  fix: string;
}

/** A spec file could not be loaded; lists every issue found, each with its pointer and fix. */
export class SpecError extends KitError {
  override readonly name = 'SpecError';

  constructor(readonly issues: SpecIssue[]) {
    const first = issues[0];
    super(
      'SPEC_INVALID',
      `${issues.length} problem(s) in spec ${first?.file ?? '(unknown file)'}:\n` +
        issues.map((i) => `  ${i.file}${i.line ? `:${i.line}` : ''} at ${i.pointer || '/'}: ${i.message}\n    fix: ${i.fix}`).join('\n'),
      'Correct the spec at the pointers above, then run `npm run validate-specs`.',
    );
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Splits a JSON pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
