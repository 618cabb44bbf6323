/**
 * A spec file (`specs/*.openapi.yaml`, its `x-conformance` block) could not be loaded: every
 * mistake found, each with its file, line, JSON pointer and fix. A {@link KitError}
 * (`SPEC_INVALID`): the CLI exits 2.
 */
import { brandGuard } from './branded-error.ts';
import { KitError } from './kit-error.ts';

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
  static override readonly brand: string = 'pwchange-conformance.SpecError';
  /** True for any SpecError, even one from a second copy of this package. */
  static override readonly is = brandGuard<SpecError>(SpecError.brand);
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
