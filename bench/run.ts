/**
 * Runs every benchmark in bench/ and prints their ratios against their goals.
 *
 *   npm run bench                   full run (10 s per measured run, 3 alternating rounds)
 *   npm run bench -- --quick        3 s runs, 1 round
 *   npm run bench -- --duration 20  longer runs
 *
 * A benchmark, not a test: a missed goal is reported, not failed; only a broken run
 * (preflight failure, >1% errors, crashed server) exits non-zero.
 */
import { parseBenchArgs, type BenchCliOptions } from './lib/cli-args.ts';
import { benchSimulatorThroughput, formatSimulatorThroughput } from './simulator-throughput.ts';
import { benchFullRun, formatFullRun } from './full-run.ts';
import { goalLine, type GoalOutcome } from './lib/goal-line.ts';

interface BenchOutcome extends GoalOutcome {
  report: string;
}

interface Benchmark {
  name: string;
  run(options: BenchCliOptions): Promise<BenchOutcome>;
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'simulator-throughput',
    async run(options) {
      const result = await benchSimulatorThroughput(options);
      return {
        report: formatSimulatorThroughput(result),
        ratio: result.ratio,
        goal: result.goal,
        meaning: `simulator ${Math.round(result.simulatorRps)} req/s / bare node:http ${Math.round(result.bareRps)} req/s; CPU ratio ${result.cpuRatio.toFixed(2)}`,
        conclusive: result.conclusive,
        inconclusiveBecause: 'a server got less than 90 % of a core: the req/s ratio follows the load; read the CPU ratio',
      };
    },
  },
  {
    name: 'full-run',
    async run(options) {
      const result = await benchFullRun({ rounds: options.rounds === 1 ? 1 : 3 });
      return {
        report: formatFullRun(result),
        ratio: result.ratio,
        goal: result.goal,
        meaning: `20 s budget / ${(result.medianWallMs / 1000).toFixed(1)} s wall; ${result.cases} cases (≥ 5,000 required, else ratio 0)`,
      };
    },
  },
];

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  const summary: string[] = [];
  let broken = 0;
  for (const bench of BENCHMARKS) {
    console.log(`\n=== ${bench.name} ===`);
    try {
      const outcome = await bench.run(options);
      console.log(outcome.report);
      summary.push(goalLine(bench.name, outcome));
    } catch (error) {
      broken++;
      console.error(`${bench.name}: ${(error as Error).stack ?? error}`);
      summary.push(`${bench.name.padEnd(24)} FAILED TO RUN: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  console.log('\n=== summary ===');
  for (const line of summary) console.log(line);
  if (broken > 0) process.exitCode = 1;
}

await main();
