/**
 * The checkout's build cache: `bin/conformance.js` runs a checkout from a compiled build of its own
 * sources (`layout.mjs`), kept in `node_modules/.cache/pwchange-conformance/build/<key>/` under the
 * content key of everything it is made of (`inputs.mjs`), built on first use and after any change.
 *
 * - A build is made in a temporary folder beside the cache and renamed into place: a `<key>` folder
 *   is always whole. Runs starting at once (the kit's tests spawn many CLIs in parallel) take turns
 *   through a lock file: one builds, the others wait for its folder (or build themselves when the
 *   lock is stale); if two renames race anyway, the loser uses the winner's folder.
 * - Anything that cannot build (a syntax error in a source being edited, no TypeScript, a
 *   read-only node_modules) is returned as a reason, never thrown: the CLI then runs the sources
 *   through tsx and prints that reason with its fix.
 * - Builds not used for an hour are removed once more than {@link KEEP} exist (each run marks its
 *   build used), so a run still going in another terminal keeps its files.
 */
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readInputs } from './inputs.mjs';
import { buildLayout } from './layout.mjs';
import { loadTypeScript, TranspileError } from './transpile.mjs';

/** Builds kept whatever their age (the most recently used). */
export const KEEP = 4;
/** A build unused for longer than this may be removed (beyond {@link KEEP}). */
const UNUSED_MS = 60 * 60 * 1000;
/** A lock or temporary folder older than this belongs to a build that died. */
const STALE_MS = 3 * 60 * 1000;
const KEY = /^[0-9a-f]{64}$/;

/** Where the checkout at `root` keeps its builds. */
export function defaultCacheDir(root) {
  return join(root, 'node_modules/.cache/pwchange-conformance/build');
}

/** A file the build must hold; its absence means the folder is not a build. */
const ENTRY = 'src/cli/main.js';

/**
 * The compiled build of the checkout at `root`: `{ dir, key, built }` (`built`: made by this call,
 * with `ms` it took), or `{ reason }` (one line: why no build, and how to fix it).
 */
export async function checkoutBuild(root, { cacheDir = defaultCacheDir(root), log = () => {} } = {}) {
  let snapshot;
  try {
    snapshot = readInputs(root);
  } catch (error) {
    return { reason: `could not read the sources to key a build (${error.message})` };
  }
  const { key } = snapshot;
  const dir = join(cacheDir, key);
  if (existsSync(join(dir, ENTRY))) {
    markUsed(dir);
    return { dir, key, built: false };
  }
  const started = performance.now();
  try {
    mkdirSync(cacheDir, { recursive: true });
  } catch (error) {
    return { reason: `cannot create ${relative(root, cacheDir) || cacheDir} (${error.code ?? error.message}); make node_modules writable` };
  }
  const lock = join(cacheDir, `${key}.lock`);
  let waited = false;
  for (;;) {
    try {
      if (takeLock(lock)) break;
    } catch (error) {
      return { reason: `cannot write the build under ${relative(root, cacheDir)} (${error.code ?? error.message}); make node_modules writable` };
    }
    if (!waited) log(`waiting for another run's build of ${key.slice(0, 12)}`);
    waited = true;
    const { outcome, stale } = await waitForBuild(dir, lock);
    if (outcome === 'built') {
      markUsed(dir);
      return { dir, key, built: false };
    }
    // Only the very lock file judged stale is removed, not one a run taking it over just made (two
    // runs may find the same stale lock). Were both to build anyway, the second rename loses and
    // that run uses the first one's build: the lock saves work, the rename keeps builds whole.
    if (outcome === 'stale' && sameFile(lock, stale)) rmSync(lock, { force: true });
    // 'released' without a build: that run failed; this one tries, and reports its own reason.
  }
  try {
    if (existsSync(join(dir, ENTRY))) return { dir, key, built: false }; // built between the check above and the lock
    const made = await build(root, cacheDir, snapshot, dir);
    if ('reason' in made) return made;
    prune(cacheDir, key);
    return { dir, key, built: true, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Builds `snapshot` into a temporary folder and renames it to `dir`; `{}` or `{ reason }`. */
async function build(root, cacheDir, snapshot, dir) {
  const { key } = snapshot;
  let tmp;
  try {
    const ts = await loadTypeScript();
    tmp = mkdtempSync(join(cacheDir, `.tmp-${key.slice(0, 12)}-`));
    buildLayout(ts, root, snapshot, tmp);
    try {
      renameSync(tmp, dir);
      tmp = undefined;
    } catch (error) {
      // Another run's rename won (a stale lock taken over): its build has the same key, so the same content.
      if (!['ENOTEMPTY', 'EEXIST'].includes(error.code) || !existsSync(join(dir, ENTRY))) throw error;
    }
    return {};
  } catch (error) {
    if (error instanceof TranspileError) return { reason: `cannot compile ${error.message}; fix it` };
    if (['EACCES', 'EPERM', 'EROFS', 'ENOSPC'].includes(error.code)) return { reason: `cannot write the build under ${relative(root, cacheDir)} (${error.code}); make node_modules writable` };
    return { reason: `the build failed: ${error.message.split('\n')[0]}` };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Creates the lock file (with this process's id); false if it exists. */
function takeLock(lock) {
  let fd;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if (error.code === 'EEXIST') return false;
    throw error;
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return true;
}

/** Waits for another run's build: `built`, `released` (lock gone, no build) or `stale` (lock too old; with its stat). */
async function waitForBuild(dir, lock) {
  for (;;) {
    if (existsSync(join(dir, ENTRY))) return { outcome: 'built' };
    let stat;
    try {
      stat = statSync(lock);
    } catch {
      return { outcome: existsSync(join(dir, ENTRY)) ? 'built' : 'released' };
    }
    if (Date.now() - stat.mtimeMs > STALE_MS) return { outcome: 'stale', stale: stat };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether `file` is still the file `stat` describes (same inode and modification time). */
function sameFile(file, stat) {
  try {
    const now = statSync(file);
    return now.ino === stat.ino && now.mtimeMs === stat.mtimeMs;
  } catch {
    return false;
  }
}

/** Marks a build used now (its folder's mtime), which keeps it from {@link prune}. */
function markUsed(dir) {
  const now = new Date();
  try {
    utimesSync(dir, now, now);
  } catch {
    // A read-only cache: the build still runs; only pruning, which cannot happen there either, reads the mark.
  }
}

/** Removes builds beyond the {@link KEEP} most recently used that have not been used for an hour, and leftovers of dead builds. */
export function prune(cacheDir, current, now = Date.now()) {
  const entries = readdirSync(cacheDir, { withFileTypes: true }).map((e) => {
    let mtimeMs = now;
    try {
      mtimeMs = statSync(join(cacheDir, e.name)).mtimeMs;
    } catch {
      // removed meanwhile by another run's prune
    }
    return { name: e.name, mtimeMs };
  });
  const builds = entries.filter((e) => KEY.test(e.name) && e.name !== current).sort((a, b) => b.mtimeMs - a.mtimeMs);
  const doomed = builds.slice(KEEP - 1).filter((e) => now - e.mtimeMs > UNUSED_MS);
  const leftovers = entries.filter((e) => /^\.(tmp|trash)-/.test(e.name) && now - e.mtimeMs > STALE_MS);
  const removed = [];
  // Pruning only saves disk: a folder that cannot be removed (another run took it first, or it is
  // not ours to remove) stays for a later prune, and this run goes on.
  for (const e of doomed) {
    // Renamed first, so no run finds a half-removed build under its key.
    const trash = join(cacheDir, `.trash-${e.name.slice(0, 12)}-${process.pid}`);
    try {
      renameSync(join(cacheDir, e.name), trash);
      removed.push(e.name);
      rmSync(trash, { recursive: true, force: true });
    } catch {
      // see above
    }
  }
  for (const e of leftovers) {
    try {
      rmSync(join(cacheDir, e.name), { recursive: true, force: true });
    } catch {
      // see above
    }
  }
  return removed;
}
