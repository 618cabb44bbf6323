/**
 * A throwaway copy of the checkout for the build-cache tests and `bench/checkout-build.ts`: the folders and files a build is made
 * of, bin/, and a node_modules folder of links to this checkout's packages (its own `.cache` is
 * empty, so every copy starts without a build and nothing it builds lands in the real cache).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT as ROOT } from './child-server.ts';

/** What is copied: everything a build or a CLI start reads from the checkout. */
const COPIED = ['src', 'suites', 'generated', 'reporters', 'specs', 'bin', 'scripts/checkout-build', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** A copy of the checkout; `remove()` deletes it. */
export interface CheckoutCopy {
  root: string;
  /** Its build cache folder. */
  cacheDir: string;
  remove(): void;
}

/** Copies the checkout into a temporary folder; `without` names packages left out of its node_modules. */
export function checkoutCopy(without: readonly string[] = []): CheckoutCopy {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'checkout-build-')));
  for (const path of COPIED) cpSync(join(ROOT, path), join(root, path), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '.cache' || without.includes(name)) continue;
    symlinkSync(realpathSync(join(ROOT, 'node_modules', name)), join(root, 'node_modules', name));
  }
  return { root, cacheDir: join(root, 'node_modules/.cache/pwchange-conformance/build'), remove: () => rmSync(root, { recursive: true, force: true }) };
}
