/**
 * No branching on kinds of target outside the registry: `src/targets/registry.ts` and the kinds'
 * own entries (`src/targets/*-kind.ts`) are the only places that may compare a kind's name
 * (`x.kind === 'http'`, `case 'simulator':`, `--target … === 'simulator'`). Everywhere else asks
 * the registry (`targetKindOf(settings).workers?.(…)`, `.preflight`, `.probeUrl`, …), so a new kind
 * is one file plus one registry line (ARCHITECTURE.md, "Adding a kind of target").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { targetKinds } from '../../src/targets/registry.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ALLOWED = /^src\/targets\/(registry|[a-z-]+-kind)\.ts$/;
const NAMES = targetKinds().map((k) => k.kind);

/** Comparisons of a kind's name: `kind === 'x'`, `'x' !== t.kind`, `case 'x':`, `target === 'x'`. */
function switches(text: string): string[] {
  const names = NAMES.join('|');
  const patterns = [
    new RegExp(`\\b(kind|target|targetFlag)\\s*[!=]==?\\s*['"\`](${names})['"\`]`, 'g'),
    new RegExp(`['"\`](${names})['"\`]\\s*[!=]==?\\s*[\\w.?]*\\b(kind|target|targetFlag)\\b`, 'g'),
    new RegExp(`\\bcase\\s+['"\`](${names})['"\`]\\s*:`, 'g'),
    new RegExp(`!==\\s*['"\`](${names})['"\`]\\)\\s*throw`, 'g'),
  ];
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[0]));
}

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'fixtures' ? [] : files(p);
    return /\.(ts|mts|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('kinds of target are branched on in the registry only', () => {
  it('finds a switch on a kind when there is one (the check can fail)', () => {
    expect(switches(`if (settings.target.kind === 'http') probe();`)).toEqual([`kind === 'http'`]);
    expect(switches(`switch (t.kind) { case 'simulator': break; }`)).toEqual([`case 'simulator':`]);
    expect(switches(`const embedded = 'client' !== plan.settings.target.kind;`)).toHaveLength(1);
    expect(switches(`if ((opts.target ?? 'simulator') !== 'simulator') throw x;`)).toHaveLength(1);
    expect(switches(`const info = { kind: 'http', name };`)).toEqual([]);
  });

  it('finds none in src/, suites/, reporters/ or bench/ outside src/targets/registry.ts and src/targets/*-kind.ts', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['simulator', 'http', 'client']));
    const found = ['src', 'suites', 'reporters', 'bench']
      .flatMap(files)
      .filter((f) => !ALLOWED.test(f) && !/\.test\.ts$/.test(f))
      .flatMap((f) => switches(readFileSync(join(ROOT, f), 'utf8')).map((s) => `${relative(ROOT, join(ROOT, f))}: ${s}`));
    expect(found, 'ask the registry (src/targets/registry.ts) instead of comparing kind names').toEqual([]);
  });
});
