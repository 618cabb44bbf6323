/**
 * The kit's allowed import directions, stated once: `import-direction.test.ts` enforces them over
 * the TypeScript import graph and checks that ARCHITECTURE.md shows {@link renderLayers}'s
 * diagram. `npx tsx test/architecture/layers.ts` prints the diagram to paste after a change.
 *
 * A file belongs to the unit with the longest matching path prefix. An import may only point to
 * a unit of a LOWER row; units of the same row are peers and never import each other; a unit's
 * own files may import each other (without cycles).
 */

/** One row of the diagram: peer units and what they are. */
export interface LayerRow {
  units: readonly string[];
  what: string;
}

/** The rows, lowest first. */
export const LAYERS: readonly LayerRow[] = [
  { units: ['generated', 'src/kit-version.ts', 'src/kit-aliases.ts', 'src/checkout-hooks.mjs'], what: 'types generated from specs/; package version; checkout aliases' },
  { units: ['src/errors'], what: 'every error class: a code and a fix each' },
  { units: ['src/contract'], what: 'load and validate specs/, Contract.facts, readings, rule globs' },
  { units: ['src/auth'], what: "the kit's signers and the adminPass cipher; the test credentials" },
  { units: ['src/report', 'src/requests'], what: 'the report model (no rendering) | request builders, signed, and their broken variants' },
  { units: ['src/transports', 'src/client-oracle'], what: '(Request) => Promise<Response>, registry | what a correct client request is' },
  { units: ['src/simulator', 'src/clients', 'src/live'], what: 'side plugins: the reference simulator | clients under test | live guard rails' },
  { units: ['src/config'], what: 'defineConfig, config files, credentials from the environment' },
  { units: ['src/targets'], what: 'what a run talks to: registry name -> capabilities + factory' },
  { units: ['src/runner'], what: 'plan, settings, target construction, vitest run, report building; the suite-facing API' },
  { units: ['suites'], what: 'the rules as properties (import only what SUITES_MAY_IMPORT lists)' },
  { units: ['reporters'], what: 'JSON, JUnit, Markdown, HTML renderers of the report model' },
  { units: ['src/pact'], what: 'Pact export and provider verification' },
  { units: ['src/cli'], what: 'the conformance command' },
  { units: ['src/index.ts'], what: 'the public API' },
];

/**
 * What the suites (rules and harness, test files included) may import: the contract, the kit's
 * requests and signers, the report model, the runner's suite-facing API, and the two interfaces
 * they speak to. Never the simulator, a client, a target implementation or the live machinery:
 * the oracle is the spec, not the code it judges.
 */
export const SUITES_MAY_IMPORT: readonly string[] = [
  'generated', 'src/kit-version.ts', 'src/errors', 'src/contract', 'src/auth', 'src/requests', 'src/report',
  'src/transports/transport.ts', 'src/targets/target.ts', 'src/runner', 'suites', 'src/client-oracle',
];

/**
 * Side plugins and the only places that may import them: the simulator is one thing a run can
 * talk to, registered as a target like any other, not a floor under transports and reports.
 */
export const SIDE_PLUGINS: Readonly<Record<string, readonly string[]>> = {
  'src/simulator': ['src/targets', 'src/cli', 'src/index.ts', 'src/runner/fault-catalogue.ts'],
};

/**
 * Edges that break the rules today and are being removed (file -> imported file). The test fails
 * when an edge listed here no longer exists, so the list only shrinks; it must end empty.
 */
export const KNOWN_VIOLATIONS: readonly string[] = [
];

/** The diagram ARCHITECTURE.md shows, highest row first (arrows point down only). */
export function renderLayers(): string {
  const lines = [...LAYERS].reverse().map((row, i) => {
    const rank = LAYERS.length - 1 - i;
    return `${String(rank).padStart(2)}  ${row.units.join('  ').padEnd(46)} ${row.what}`;
  });
  return ['```text', 'row unit(s), peers on one row                      what', ...lines, '```'].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(renderLayers());
