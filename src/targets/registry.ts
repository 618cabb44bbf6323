/**
 * The target registry: every kind of target a run can talk to, by name. The runner plans,
 * builds, probes and schedules a target only through this file; adding a kind is one file
 * (a {@link TargetKind}, `*-kind.ts`) plus one line in {@link TARGET_KINDS}. The entries are light
 * (the CLI plans a run without loading a simulator, client or transport); each loads its
 * implementation (`*-target.ts`) when a worker builds the target.
 */
import { KitError } from '../errors/kit-error.ts';
import { clientKind } from './client-kind.ts';
import { httpKind } from './http-kind.ts';
import { simulatorKind } from './simulator-kind.ts';
import type { TargetChoice, TargetKind, TargetSettings } from './target-kind.ts';

/** The kinds, in the order they are asked to claim a run (first one wins). */
const TARGET_KINDS: TargetKind[] = [
  clientKind as TargetKind,
  simulatorKind as TargetKind,
  httpKind as TargetKind,
];

/** Every registered kind, in claim order. */
export function targetKinds(): readonly TargetKind[] {
  return TARGET_KINDS;
}

/**
 * Adds a kind at run time (an embedder's or a test's own); it is asked to claim a run before the
 * built-in kinds. Registering a name twice is a mistake. Returns a function that removes it.
 */
export function registerTargetKind(kind: TargetKind): () => void {
  if (TARGET_KINDS.some((k) => k.kind === kind.kind)) throw new KitError('USAGE', `A target kind "${kind.kind}" is already registered`, 'give the new kind a name of its own');
  TARGET_KINDS.unshift(kind);
  return () => {
    const i = TARGET_KINDS.indexOf(kind);
    if (i >= 0) TARGET_KINDS.splice(i, 1);
  };
}

/** The kind of these wire settings; an unknown name is a usage error listing the known ones. */
export function targetKindOf(settings: Pick<TargetSettings, 'kind'>): TargetKind {
  const kind = TARGET_KINDS.find((k) => k.kind === settings.kind);
  if (!kind) throw new KitError('USAGE', `Unknown kind of target "${settings.kind}"`, `use one of ${TARGET_KINDS.map((k) => k.kind).join(', ')} (src/targets/registry.ts)`);
  return kind;
}

/**
 * The kind that takes this run. `--target` must first name something a kind accepts (whatever
 * other flag chooses the kind), so a bad `--target` is reported as such.
 */
export function chooseTargetKind(choice: TargetChoice): TargetKind {
  const forms = TARGET_KINDS.filter((k) => k.targetForm);
  if (!forms.some((k) => k.claims({ ...choice, client: undefined }))) {
    throw new KitError('USAGE', `--target "${choice.target}" is neither ${forms.map((k) => k.targetForm!.phrase).join(' nor ')}`, `use ${forms.map((k) => k.targetForm!.example).join(', or ')}`);
  }
  return TARGET_KINDS.find((k) => k.claims(choice))!;
}
