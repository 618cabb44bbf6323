/** The flags every benchmark entry point understands. */

export interface BenchCliOptions {
  /** Seconds per measured run. */
  durationSeconds: number;
  /** Concurrent keep-alive connections. */
  connections: number;
  /** Alternating rounds; the median per server is reported. */
  rounds: number;
  /** Seconds of warm-up per server before the first measured run. */
  warmupSeconds: number;
}

export const DEFAULT_BENCH_OPTIONS: BenchCliOptions = { durationSeconds: 10, connections: 16, rounds: 3, warmupSeconds: 2 };

const USAGE = 'usage: npm run bench -- [--quick] [--duration N] [--connections N] [--rounds N] [--warmup N]';

/** Parses `--quick` (3 s runs, 1 round), `--duration N`, `--connections N`, `--rounds N`, `--warmup N`. */
export function parseBenchArgs(argv: readonly string[]): BenchCliOptions {
  const options = { ...DEFAULT_BENCH_OPTIONS };
  let quick = false;
  const explicit = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): number => {
      const text = inline ?? argv[++i];
      const n = Number(text);
      if (text === undefined || !Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got ${JSON.stringify(text)}\n${USAGE}`);
      return n;
    };
    switch (flag) {
      case '--quick': quick = true; break;
      case '--duration': options.durationSeconds = value(); explicit.add('duration'); break;
      case '--connections': options.connections = Math.round(value()); break;
      case '--rounds': options.rounds = Math.round(value()); explicit.add('rounds'); break;
      case '--warmup': options.warmupSeconds = value(); break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
    }
  }
  if (quick) {
    if (!explicit.has('duration')) options.durationSeconds = 3;
    if (!explicit.has('rounds')) options.rounds = 1;
  }
  return options;
}
