/** `conformance list-rules`: the rule catalogue of the shipped specs. */
import { Command } from 'commander';
import { loadSpec } from '../../spec/load-spec.ts';
import { BUILTIN_SERVICES, builtinSpecPath } from '../../spec/spec-paths.ts';
import { KitError } from '../../errors/kit-error.ts';
import { PLANTED_FAULTS } from '../../simulator/faults.ts';

/** Builds the `list-rules` subcommand. */
export function listRulesCommand(): Command {
  return new Command('list-rules')
    .description('List every rule of the catalogue: id, level, category and title.')
    .option('--service <name>', 'bcc, dcs or all', 'all')
    .option('--ambiguities', 'only the ambiguities, with their readings')
    .option('--faults', 'list the planted faults the simulator can take (--fault), with the rule each breaks')
    .option('--json', 'print JSON instead of a table')
    .addHelpText('after', `
Examples:
  $ conformance list-rules
  $ conformance list-rules --service dcs --json
  $ conformance list-rules --ambiguities
  $ conformance list-rules --faults`)
    .action((opts: { service: string; ambiguities?: boolean; faults?: boolean; json?: boolean }) => {
      if (opts.faults) {
        if (opts.json) return void process.stdout.write(JSON.stringify(PLANTED_FAULTS, null, 2) + '\n');
        for (const [name, f] of Object.entries(PLANTED_FAULTS)) process.stdout.write(`${name.padEnd(28)} ${f.caughtBy.padEnd(26)} ${f.description}\n`);
        return;
      }
      const services = opts.service === 'all' ? BUILTIN_SERVICES : BUILTIN_SERVICES.filter((s) => s === opts.service);
      if (services.length === 0) throw new KitError('USAGE', `Unknown --service "${opts.service}"`, `use one of: ${[...BUILTIN_SERVICES, 'all'].join(', ')}`);
      const rules = services.flatMap((s) => loadSpec(builtinSpecPath(s)).baseFacts.rules.map((r) => ({ service: s, ...r })));
      const shown = opts.ambiguities ? rules.filter((r) => r.category === 'ambiguity') : rules;
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
