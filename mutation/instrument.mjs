#!/usr/bin/env node
// @ts-check
/**
 * Instruments files the way `npm run mutation` does (Stryker's instrumenter, this repository's
 * ignorers, the `// Stryker disable` comments) without running a single test, and lists every
 * mutant that would be tested or ignored. Use it to check a disable comment or an ignorer change
 * in seconds instead of a run:
 *
 *   node mutation/instrument.mjs src/simulator/dcs/dcs-service.ts          # every mutant
 *   node mutation/instrument.mjs src/simulator/dcs/dcs-service.ts --tested # only those tested
 *   node mutation/instrument.mjs --count                                   # totals, all mutated files
 *
 * Without a file it reads the `mutate` list of stryker.config.mjs. Static mutants
 * (`ignoreStatic`) are only known after a dry run, so they show here as tested.
 */
import { readFileSync } from 'node:fs';
import { createInstrumenter } from '@stryker-mutator/instrumenter';
import { createInjector } from 'typed-inject';

const args = process.argv.slice(2);
const onlyTested = args.includes('--tested');
const countOnly = args.includes('--count');
const config = (await import(new URL('../stryker.config.mjs', import.meta.url).href)).default;
const files = args.filter((a) => !a.startsWith('--'));
const targets = files.length > 0 ? files : config.mutate;

// The ignorers named in the configuration, loaded from this repository's plugin files.
const ignorers = [];
for (const plugin of config.plugins.filter((p) => p.startsWith('./'))) {
  const mod = await import(new URL(`.${plugin.slice(1)}`, new URL('../', import.meta.url)).href);
  for (const p of mod.strykerPlugins) if (p.kind === 'Ignore' && config.ignorers.includes(p.name)) ignorers.push(p.value);
}
if (ignorers.length !== config.ignorers.length) throw new Error(`mutation/instrument.mjs: found ${ignorers.length} of the ${config.ignorers.length} ignorers in stryker.config.mjs; are they all local plugins?`);

const logger = { isDebugEnabled: () => false, debug() {}, info() {}, warn: console.warn, error: console.error, trace() {}, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => true, isErrorEnabled: () => true, isFatalEnabled: () => true, fatal: console.error };
const instrumenter = createInstrumenter(createInjector().provideValue('logger', logger));
const result = await instrumenter.instrument(
  targets.map((name) => ({ name, mutate: true, content: readFileSync(name, 'utf8') })),
  { plugins: null, excludedMutations: [], ignorers },
);

const tested = result.mutants.filter((m) => m.status !== 'Ignored');
if (countOnly) {
  console.log(`${result.mutants.length} mutants in ${targets.length} files: ${tested.length} to test (static ones included), ${result.mutants.length - tested.length} ignored`);
} else {
  for (const m of result.mutants) {
    if (onlyTested && m.status === 'Ignored') continue;
    const where = `${m.fileName}:${m.location.start.line + 1}:${m.location.start.column + 1}`; // as in the JSON report (1-based)
    console.log(`${m.status === 'Ignored' ? 'I' : 'T'} ${where} #${m.id} ${m.mutatorName} → ${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}${m.status === 'Ignored' ? `  (${m.statusReason})` : ''}`);
  }
}
