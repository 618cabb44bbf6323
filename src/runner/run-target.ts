/** Builds (once per worker) the target the run settings name, through the target registry. */
import { targetKindOf } from '../targets/registry.ts';
import type { Target } from '../targets/target.ts';
import type { RunSettings } from './settings.ts';
import { timed, timedSync } from './target-time.ts';

let current: { key: string; target: Promise<Target> } | undefined;

/** The target for these settings; the same promise for every rule in a worker. */
export function runTarget(settings: RunSettings): Promise<Target> {
  const key = JSON.stringify(settings.target);
  if (current?.key === key) return current.target;
  void current?.target.then((t) => t.close());
  const target = targetKindOf(settings.target).create(settings.target, { credentials: settings.credentials, timed, timedSync });
  current = { key, target };
  return target;
}
