/**
 * The import-direction test: every relative import of src/, suites/, reporters/ and generated/
 * points down the rows of `layers.ts`, the suites import only what the runner and the contract
 * provide, the simulator is imported only by the places that register or serve it, and no files
 * import each other in a cycle. ARCHITECTURE.md must show the diagram these rules come from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { KNOWN_VIOLATIONS, LAYERS, SIDE_PLUGINS, SUITES_MAY_IMPORT, renderLayers } from './layers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOP = ['src', 'suites', 'reporters', 'generated'];
const SOURCE = /\.(ts|mts|mjs)$/;

/** Every source file (repo-relative), fixtures and declaration files left out. */
function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'fixtures' && e.name !== 'node_modules') walk(p);
      } else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const t of TOP) if (existsSync(join(ROOT, t))) walk(t);
  return out.sort();
}

const isTest = (f: string): boolean => /\.test\.ts$/.test(f) || /\.browser\.test\.ts$/.test(f);
/** Tests under src/ and reporters/ may reach anywhere; the suites' tests are the rules themselves. */
const checked = (f: string): boolean => !isTest(f) || f.startsWith('suites/');

const ALL_UNITS = LAYERS.flatMap((row, rank) => row.units.map((unit) => ({ unit, rank })));
/** The unit a file belongs to (longest prefix), or undefined. */
function unitOf(file: string): { unit: string; rank: number } | undefined {
  let best: { unit: string; rank: number } | undefined;
  for (const u of ALL_UNITS) {
    if ((file === u.unit || file.startsWith(`${u.unit}/`)) && (!best || u.unit.length > best.unit.length)) best = u;
  }
  return best;
}
const under = (file: string, prefixes: readonly string[]): boolean => prefixes.some((p) => file === p || file.startsWith(`${p}/`));

/** Relative imports of a file, resolved to repo-relative paths of files that exist. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName).filter((s) => s.startsWith('.'));
  const out: string[] = [];
  for (const spec of found) {
    const abs = resolve(ROOT, dirname(file), spec);
    const candidates = [abs, abs.replace(/\.js$/, '.ts'), `${abs}.ts`, join(abs, 'index.ts')];
    const hit = candidates.find((c) => existsSync(c) && SOURCE.test(c));
    if (hit) out.push(relative(ROOT, hit).split('\\').join('/'));
    else if (!/\.json$/.test(spec)) throw new Error(`${file}: import '${spec}' resolves to no file`);
  }
  return out;
}

const FILES = sourceFiles();
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Every broken rule, one line each: `file -> imported (why)`. */
function violations(): string[] {
  const out: string[] = [];
  for (const [file, targets] of GRAPH) {
    if (!checked(file)) continue;
    const from = unitOf(file);
    if (!from) {
      out.push(`${file} (belongs to no unit of layers.ts: add it to a row)`);
      continue;
    }
    for (const target of targets) {
      const to = unitOf(target);
      if (!to || to.unit === from.unit) continue;
      const edge = `${file} -> ${target}`;
      if (to.rank > from.rank) out.push(`${edge} (upward: ${from.unit} is row ${from.rank}, ${to.unit} row ${to.rank})`);
      else if (to.rank === from.rank) out.push(`${edge} (peers on row ${from.rank} never import each other)`);
      if (file.startsWith('suites/') && !under(target, SUITES_MAY_IMPORT)) out.push(`${edge} (suites import only SUITES_MAY_IMPORT)`);
      for (const [plugin, importers] of Object.entries(SIDE_PLUGINS)) {
        if (under(target, [plugin]) && !under(file, [plugin]) && !under(file, importers)) out.push(`${edge} (${plugin} is a side plugin: only ${importers.join(', ')} import it)`);
      }
    }
  }
  return out;
}

/** Strongly connected components of more than one file (Tarjan), among non-test files. */
function cycles(): string[][] {
  const nodes = FILES.filter((f) => !isTest(f));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of GRAPH.get(v) ?? []) {
      if (isTest(w) || !GRAPH.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) found.push(scc.sort());
    }
  };
  for (const n of nodes) if (!index.has(n)) visit(n);
  return found;
}

describe('import direction (layers.ts, ARCHITECTURE.md)', () => {
  it('reads a real graph: every unit of layers.ts has files, and src/runner imports downwards', () => {
    for (const { unit } of ALL_UNITS) expect(FILES.some((f) => under(f, [unit])), `${unit} has no files`).toBe(true);
    expect(GRAPH.get('src/runner/execute-run.ts')).toContain('src/runner/run-suites.ts');
  });

  it('every import points down the rows, suites import only the runner-provided API, the simulator hangs off the side', () => {
    const known = new Set(KNOWN_VIOLATIONS);
    const all = violations();
    const fresh = all.filter((v) => !known.has(v.split(' (')[0]!));
    expect(fresh, `imports against ARCHITECTURE.md's direction:\n${fresh.join('\n')}`).toEqual([]);
    const gone = KNOWN_VIOLATIONS.filter((k) => !all.some((v) => v.startsWith(`${k} (`)));
    expect(gone, 'remove these fixed edges from KNOWN_VIOLATIONS in layers.ts').toEqual([]);
  });

  it('finds a planted upward import (the check can fail)', () => {
    GRAPH.set('src/errors/__planted.ts', ['src/runner/run-suites.ts']);
    FILES.push('src/errors/__planted.ts');
    try {
      expect(violations().some((v) => v.startsWith('src/errors/__planted.ts -> src/runner/run-suites.ts (upward'))).toBe(true);
      GRAPH.set('src/runner/run-suites.ts', [...GRAPH.get('src/runner/run-suites.ts')!, 'src/errors/__planted.ts']);
      expect(cycles().some((c) => c.includes('src/errors/__planted.ts'))).toBe(true);
    } finally {
      GRAPH.delete('src/errors/__planted.ts');
      FILES.pop();
      GRAPH.set('src/runner/run-suites.ts', importsOf('src/runner/run-suites.ts'));
    }
  });

  it('no files import each other in a cycle', () => {
    expect(cycles().map((c) => c.join(' <-> '))).toEqual([]);
  });

  it("ARCHITECTURE.md shows the diagram layers.ts enforces (regenerate: npx tsx test/architecture/layers.ts)", () => {
    expect(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8')).toContain(renderLayers());
  });
});
