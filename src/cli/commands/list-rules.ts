/** `conformance list-rules`: the rule catalogue of the shipped specs. */
import { Command } from 'commander';
import { loadSpec } from '../../contract/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath } from '../../contract/spec-paths.ts';
import { KitError } from '../../errors/kit-error.ts';
import { PLANTED_FAULTS } from '../../simulator/faults.ts';
import { FAULTY_CLIENTS, FAULTY_EXAMPLES } from '../../clients/faulty-clients.ts';
import { faultsByRule } from '../../runner/fault-catalogue.ts';

/** Builds the `list-rules` subcommand. */
export function listRulesCommand(): Command {
  return new Command('list-rules')
    .description('List every rule of the catalogue: id, level, category and title.')
    .option('--service <name>', 'bcc, dcs or all', 'all')
    .option('--ambiguities', 'only the ambiguities, with their readings')
    .option('--faults', 'rule → faults: each rule with the planted faults (run --fault) and faulty clients (run --client faulty:<name>) it catches; (none) marks a gap')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `
Examples:
  $ conformance list-rules
  $ conformance list-rules --service dcs --json
  $ conformance list-rules --ambiguities
  $ conformance list-rules --faults`)
    .action((opts: { service: string; ambiguities?: boolean; faults?: boolean; json?: boolean }) => {
      const services = opts.service === 'all' ? BUILTIN_SERVICES : BUILTIN_SERVICES.filter((s) => s === opts.service);
      if (services.length === 0) throw new KitError('USAGE', `Unknown --service "${opts.service}"`, `use one of: ${[...BUILTIN_SERVICES, 'all'].join(', ')}`);
      const rules = services.flatMap((s) => loadSpec(builtinSpecPath(s)).baseFacts.rules.map((r) => ({ service: s, ...r })));
      const shown = opts.ambiguities ? rules.filter((r) => r.category === 'ambiguity') : rules;
      if (opts.faults) return printFaults(shown, opts.json === true);
      if (opts.json) {
        process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
        return;
      }
      const width = Math.max(...shown.map((r) => r.id.length));
      for (const r of shown) {
        process.stdout.write(`${r.id.padEnd(width)}  ${r.level.padEnd(6)} ${r.category.padEnd(12)} ${r.title}\n`);
        for (const v of r.variants ?? []) process.stdout.write(`${''.padEnd(width)}    ${r.id}=${v.name}${v.default ? ' (default)' : ''}: ${v.description}\n`);
      }
    });
}

/** `--faults`: rule → faults (with "(none)" for a gap), then fault → rule in the JSON. */
function printFaults(rules: Parameters<typeof faultsByRule>[0], json: boolean): void {
  const byRule = faultsByRule(rules);
  if (json) {
    process.stdout.write(JSON.stringify({ rules: byRule, plantedFaults: PLANTED_FAULTS, faultyClients: Object.fromEntries(Object.entries(FAULTY_CLIENTS).map(([n, c]) => [n, { description: c.description, caughtBy: c.caughtBy, service: c.service }])), faultyExamples: FAULTY_EXAMPLES }, null, 2) + '\n');
    return;
  }
  const width = Math.max(...byRule.map((r) => r.id.length));
  for (const r of byRule) {
    process.stdout.write(`${r.id.padEnd(width)}  ${r.level.padEnd(6)} ${r.faults.length === 0 ? '(none)' : `${r.faults.length} ${r.faults.length === 1 ? "fault" : "faults"}`}\n`);
    for (const f of r.faults) process.stdout.write(`${''.padEnd(width)}    ${f.kind.padEnd(14)} ${f.name}: ${f.description}\n${''.padEnd(width)}      npx conformance run ${f.run}\n`);
  }
  const gaps = byRule.filter((r) => r.faults.length === 0).length;
  process.stdout.write(`\n${byRule.length - gaps} of ${byRule.length} rules shown able to fail${gaps ? `; ${gaps} without a fault` : ''}\n`);
}
