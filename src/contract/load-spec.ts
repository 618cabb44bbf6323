/**
 * Reads a spec file, validates it (OpenAPI 3.1, the x-conformance schema, semantic checks),
 * applies the chosen ambiguity readings, and returns the typed {@link Contract}.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { KitError } from '../errors/kit-error.ts';
import type { ConformanceFacts, Contract } from './contract.ts';
import { mergePatch } from './merge-patch.ts';
import { semanticIssues } from './semantic-checks.ts';
import { SpecError, type SpecIssue } from '../errors/spec-error.ts';
import { pointerSegments } from './json-pointer.ts';
import { validateAgainstSchemas } from './schema-validation.ts';
import { readCheckoutCache, readValidated, writeCheckoutCache, writeValidated } from './validated-cache.ts';

/** Options for {@link loadSpec}. */
export interface LoadSpecOptions {
  /** Ambiguity rule id → variant name; unlisted ambiguities use their default reading. */
  variants?: Record<string, string>;
  /** Validate in full even where the build's record says this shipped spec is unchanged (see validated-cache.ts). */
  fullValidation?: boolean;
}

/** Loads and validates one spec file; throws {@link SpecError} or {@link KitError} with a fix. */
export function loadSpec(path: string, options: LoadSpecOptions = {}): Contract {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new KitError('SPEC_UNREADABLE', `Cannot read spec file ${file}: ${(cause as Error).message}`, 'check the path; the kit ships specs/bcc.openapi.yaml and specs/dcs.openapi.yaml', { cause });
  }
  // A spec validated in full before, with the same text and checking code: the build's record
  // (installed package) or the checkout's cache (validated-cache.ts).
  const trusted = options.fullValidation ? undefined : (readValidated(file, text) ?? readCheckoutCache(text));
  const doc = (trusted ?? parseAndValidate(file, text)) as Record<string, unknown>;
  const baseFacts = doc['x-conformance'] as ConformanceFacts;

  const { facts, variants, defaultsOnly } = applyVariants(file, doc, baseFacts, options.variants ?? {}, trusted !== undefined);
  // Only a load that also checked the default readings may vouch for them.
  if (trusted === undefined && defaultsOnly) writeCheckoutCache(text, doc);
  const statusEnum = (((doc.components as Record<string, unknown>).schemas as Record<string, { enum?: string[] }>)[baseFacts.statuses.schema]?.enum ?? []).map(String);
  return { file, service: baseFacts.service, openapi: doc, facts, baseFacts, allStatuses: statusEnum, variants };
}

/**
 * Validates a shipped spec in full and records it for the built package's fast path
 * (`scripts/build.mjs` calls this; see validated-cache.ts). Throws as {@link loadSpec} does.
 */
export function recordValidatedSpec(path: string): Contract {
  const contract = loadSpec(path, { fullValidation: true });
  writeValidated(contract.file, readFileSync(contract.file, 'utf8'), contract.openapi);
  return contract;
}

/** Parses the YAML and checks it against both schemas and the semantic rules; issues carry their line. */
function parseAndValidate(file: string, text: string): unknown {
  // yaml is loaded only here: a process whose specs come from a validated record (every suite
  // worker of a run) never needs it (issue 17, round 5b).
  const { LineCounter, parseDocument, isNode } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length > 0) {
    throw new SpecError(
      yamlDoc.errors.map((e) => ({
        file,
        pointer: '',
        line: e.linePos?.[0]?.line,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        fix: 'fix the YAML syntax at that line (indentation, quoting of `:` and `{`)',
      })),
    );
  }
  const document = yamlDoc.toJS({ maxAliasCount: 100 }) as unknown;
  const locate = (issue: SpecIssue): SpecIssue => {
    let segments = pointerSegments(issue.pointer);
    // Walk up to the nearest node that exists, so a missing property points at its parent.
    while (segments.length >= 0) {
      const node = segments.length === 0 ? yamlDoc.contents : yamlDoc.getIn(segments, true);
      if (isNode(node) && node.range) return { ...issue, line: lineCounter.linePos(node.range[0]).line };
      if (segments.length === 0) break;
      segments = segments.slice(0, -1);
    }
    return issue;
  };

  const schemaProblems = validateAgainstSchemas(file, document);
  if (schemaProblems.length > 0) throw new SpecError(schemaProblems.map(locate));
  const doc = document as Record<string, unknown>;
  const semantic = semanticIssues(file, doc, doc['x-conformance'] as ConformanceFacts);
  if (semantic.length > 0) throw new SpecError(semantic.map(locate));
  return document;
}

/** Applies each chosen reading's patch in rule order; checks the patched facts again. */
function applyVariants(
  file: string,
  doc: Record<string, unknown>,
  base: ConformanceFacts,
  chosen: Record<string, string>,
  trusted = false,
): { facts: ConformanceFacts; variants: Record<string, string>; defaultsOnly: boolean } {
  const ambiguities = base.rules.filter((r) => r.category === 'ambiguity');
  for (const [ruleId, name] of Object.entries(chosen)) {
    const rule = ambiguities.find((r) => r.id === ruleId);
    if (!rule) {
      // A selection for the other service's ambiguity is not an error: one flag list serves all specs.
      if (ruleId.startsWith(`${base.service.toUpperCase()}-`)) {
        throw new KitError('VARIANT_UNKNOWN', `No ambiguity "${ruleId}" in ${file}`, `use one of: ${ambiguities.map((r) => r.id).join(', ')}`);
      }
      continue;
    }
    if (!rule.variants?.some((v) => v.name === name)) {
      throw new KitError('VARIANT_UNKNOWN', `Ambiguity ${ruleId} has no reading "${name}"`, `use one of: ${rule.variants?.map((v) => `${ruleId}=${v.name}`).join(', ')}`);
    }
  }
  let facts: unknown = base;
  const variants: Record<string, string> = {};
  for (const rule of ambiguities) {
    const name = chosen[rule.id] ?? rule.variants?.find((v) => v.default)?.name ?? '';
    variants[rule.id] = name;
    const patch = rule.variants?.find((v) => v.name === name)?.patch;
    if (patch) facts = mergePatch(facts, patch);
  }
  // The build validated the default readings of a trusted spec; any other choice is checked here.
  const defaultsOnly = ambiguities.every((r) => variants[r.id] === (r.variants?.find((v) => v.default)?.name ?? ''));
  if (facts !== base && !(trusted && defaultsOnly)) {
    const patchedDoc = { ...doc, 'x-conformance': facts };
    const problems = [...validateAgainstSchemas(file, patchedDoc), ...semanticIssues(file, patchedDoc, facts as ConformanceFacts)];
    if (problems.length > 0) {
      throw new SpecError(problems.map((p) => ({ ...p, message: `${p.message} (after applying readings ${JSON.stringify(chosen)})`, fix: `${p.fix}; or correct the variant's patch` })));
    }
  }
  return { facts: facts as ConformanceFacts, variants, defaultsOnly };
}

/** Parses `RULE=variant` flags (as given to `--variant`) into a selection map. */
export function parseVariantFlags(flags: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const m = /^([A-Z]+(?:-[A-Z0-9]+)+)=([a-z0-9][a-z0-9-]*)$/.exec(flag.trim());
    if (!m) throw new KitError('USAGE', `Bad --variant value "${flag}"`, 'write it as AMBIGUITY-ID=variant-name, e.g. --variant DCS-A1=locked-on-fifth (see `conformance list-rules`)');
    out[m[1]!] = m[2]!;
  }
  return out;
}
