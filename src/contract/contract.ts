/**
 * Typed view of a loaded spec: the `x-conformance` facts (the type generated from
 * `specs/x-conformance.schema.json`) plus what the loader derives from the OpenAPI part.
 */
import type { XConformance } from '../../generated/x-conformance.ts';

/**
 * The `x-conformance` extension, as validated: generated from `specs/x-conformance.schema.json`
 * (`npm run generate`), never written by hand; `facts-type.test.ts` fails when they drift.
 * The names below are views into it.
 */
export type ConformanceFacts = XConformance;

/** One testable statement of a vendor document. */
export type Rule = ConformanceFacts['rules'][number];

/** MUST rules gate conformance; SHOULD rules only with `--fail-on should`. */
export type RuleLevel = Rule['level'];

/** Where a rule belongs; `ambiguity` rules report the reading a target follows. */
export type RuleCategory = Rule['category'];

/** One reading of an ambiguous statement, with the facts it changes (`patch`: a JSON merge patch, RFC 7386). */
export type RuleVariant = NonNullable<Rule['variants']>[number];

/** How an operation is addressed; pointers name the fields the kit reads. */
export type OperationFacts = ConformanceFacts['operations']['changePassword'];

/** Signing scheme facts. */
export type AuthFacts = ConformanceFacts['auth'];

/** Why a signature check failed; each maps to an error code. */
export type AuthFailureKind = keyof AuthFacts['failures'];

/** In-transit encryption of one body field. */
export type EncryptionFacts = NonNullable<ConformanceFacts['encryption']>;

/** Password composition rules. */
export type PasswordPolicy = ConformanceFacts['passwordPolicy'];

/** A named character class and its exact alphabet. */
export type CharacterClass = PasswordPolicy['classes'][number];

/** What an operation answers in one situation (a fact, not a client's outcome): an error code, or a 200 with a `result` value (exactly one of them). */
export type AnswerFacts = NonNullable<PasswordPolicy['sameAsOld']>;

/** Which instance statuses may change the password. */
export type StatusFacts = ConformanceFacts['statuses'];

/** Lockout after consecutive wrong old passwords. */
export type LockoutFacts = NonNullable<ConformanceFacts['lockout']>;

/** Error codes for malformed requests. */
export type RequestErrorFacts = ConformanceFacts['requestErrors'];

/** Response conventions. */
export type ResponseShapeFacts = ConformanceFacts['responseShape'];

/**
 * What the suites may require for one situation (`x-conformance.expectations`): the documented
 * codes and the sentence that maps the situation to them, or — where no document does — the
 * reason any 4xx with the documented error shape is accepted (and recorded as an observation).
 */
export type Expectation = ConformanceFacts['expectations'][string];

/** One error code's status and default message. */
export type ErrorFacts = ConformanceFacts['errors'][string];

/** A loaded, validated spec with one reading chosen for each ambiguity. */
export interface Contract {
  /** Absolute path of the spec file. */
  file: string;
  service: string;
  /** The whole OpenAPI document, for response validation. */
  openapi: Record<string, unknown>;
  /** Facts under the chosen readings. */
  facts: ConformanceFacts;
  /** Facts as written, before any variant patch. */
  baseFacts: ConformanceFacts;
  /** Every instance status, from the enum `statuses.schema` names. */
  allStatuses: string[];
  /** Ambiguity rule id → the variant name in force. */
  variants: Record<string, string>;
}
