/**
 * Defines real suite files' checks in the calling test file, under the given run settings: the
 * suite files read them from CONFORMANCE_SETTINGS at import, as a plain vitest run does, and ask
 * the runner for the target. `load` imports them (relative to the caller).
 */
import type { RunSettings } from '../../src/runner/settings.ts';

export async function suitesUnder(settings: RunSettings, load: () => Promise<unknown>): Promise<void> {
  const before = process.env.CONFORMANCE_SETTINGS;
  process.env.CONFORMANCE_SETTINGS = JSON.stringify(settings);
  try {
    await load();
  } finally {
    if (before === undefined) delete process.env.CONFORMANCE_SETTINGS;
    else process.env.CONFORMANCE_SETTINGS = before;
  }
}
