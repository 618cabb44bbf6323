/**
 * Typed view of a loaded spec: the `x-conformance` facts (mirroring
 * `specs/x-conformance.schema.json`) plus what the loader derives from the OpenAPI part.
 */

/** MUST rules gate conformance; SHOULD rules only with `--fail-on should`. */
export type RuleLevel = 'MUST' | 'SHOULD';

/** Where a rule belongs; `ambiguity` rules report the reading a target follows. */
export type RuleCategory =
  | 'auth' | 'encryption' | 'policy' | 'precondition' | 'lockout' | 'request' | 'response' | 'client' | 'ambiguity';

/** One reading of an ambiguous statement, with the facts it changes. */
export interface RuleVariant {
  name: string;
  default?: boolean;
  description: string;
  /** JSON merge patch (RFC 7386) over `x-conformance` under this reading. */
  patch?: Record<string, unknown>;
}

/** One testable statement of a vendor document. */
export interface Rule {
  id: string;
  level: RuleLevel;
  category: RuleCategory;
  title: string;
  source: string;
  variants?: RuleVariant[];
}

/** How an operation is addressed; pointers name the fields the kit reads. */
export interface OperationFacts {
  operationId: string;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  query?: string;
  statusPointer?: string;
  passwordFreePointer?: string;
}

/** Why a signature check failed; each maps to an error code. */
export type AuthFailureKind = 'missing' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch' | 'project-mismatch';

/** Signing scheme facts. */
export interface AuthFacts {
  scheme: 'bce-auth-v1' | 'SDK-HMAC-SHA256';
  securityScheme: string;
  credentialEnv: { accessKeyId: string; secretAccessKey: string; projectId?: string };
  /** The header carrying the signing time (a request must send it). */
  dateHeader: string;
  /** A header that, when sent, must repeat a path parameter. */
  projectHeader?: { name: string; pathParameter: string };
  defaultExpirationSeconds?: number;
  maxFutureSkewSeconds?: number;
  maxClockSkewSeconds?: number;
  failures: Partial<Record<AuthFailureKind, string>> & Record<Exclude<AuthFailureKind, 'project-mismatch'>, string>;
}

/** In-transit encryption of one body field. */
export interface EncryptionFacts {
  field: string;
  algorithm: 'AES-128-ECB';
  keyDerivation: string;
  keyLength: 16;
  padding: 'PKCS7';
  encoding: 'hex-lowercase' | 'base64';
  onFailure: string;
  plaintextFallback: boolean;
}

/** A named character class and its exact alphabet. */
export interface CharacterClass { name: string; alphabet: string }

/** What an operation answers in one situation (a fact, not a client's outcome): an error code, or a 200 with a `result` value. */
export type AnswerFacts = { error: string; result?: undefined } | { result: string; error?: undefined };

/** Password composition rules. */
export interface PasswordPolicy {
  fields: string[];
  minLength: number;
  maxLength: number;
  classes: CharacterClass[];
  minClasses: number;
  mustDifferFromOld: boolean;
  onViolation: string;
  sameAsOld?: AnswerFacts;
}

/** Which instance statuses may change the password. */
export interface StatusFacts {
  schema: string;
  allowed: string[];
  onForbidden: string;
  passwordFree?: string;
}

/** Lockout after consecutive wrong old passwords. */
export interface LockoutFacts {
  threshold: number;
  durationSeconds: number;
  reportedUnit: 'minutes' | 'seconds';
  resetOnSuccess: boolean;
  lockedBlocksCorrectPassword: boolean;
  fifthAttemptResult: 'passwordFailed' | 'locked';
  wrongPasswordError?: string;
  fields: { result: string; retriesLeft: string; lockTime: string; lockTimeLeft: string; message: string };
  results: { success: string; wrongPassword: string; locked: string; failed: string };
}

/** Error codes for malformed requests. */
export interface RequestErrorFacts {
  malformedJson: string;
  emptyBody: string;
  invalidField: string;
  unsupportedMediaType: string;
  bodyTooLarge: string;
  unknownRoute: string;
  methodNotAllowed: string;
  internal: string;
}

/** Response conventions. */
export interface ResponseShapeFacts {
  requestIdHeader?: string;
  errorBodyFields: string[];
  contentType: string;
  numbersAsStrings: boolean;
  successBody: 'json' | 'empty';
}

/**
 * What the suites may require for one situation (`x-conformance.expectations`): the documented
 * codes and the sentence that maps the situation to them, or — where no document does — the
 * reason any 4xx with the documented error shape is accepted (and recorded as an observation).
 */
export interface Expectation {
  /** Short name of the situation, shown in observations. */
  title: string;
  /** Documented codes, any of which is right (each answered with its declared status). */
  codes?: string[];
  /** Where a document maps this situation to `codes`. */
  source?: string;
  /** Why no code is required: the documents are silent. */
  because?: string;
}

/** One error code's status and default message. */
export interface ErrorFacts { status: number; message: string; documented: boolean }

/** The `x-conformance` extension, as validated. */
export interface ConformanceFacts {
  service: string;
  title: string;
  document: string;
  operations: { changePassword: OperationFacts; readInstance: OperationFacts };
  auth: AuthFacts;
  encryption?: EncryptionFacts;
  passwordPolicy: PasswordPolicy;
  statuses: StatusFacts;
  notFound: string;
  lockout?: LockoutFacts;
  requestErrors: RequestErrorFacts;
  responseShape: ResponseShapeFacts;
  errors: Record<string, ErrorFacts>;
  /** Situation id → what a rejection must look like, with its provenance. */
  expectations: Record<string, Expectation>;
  rules: Rule[];
  notTestable: Array<{ rule: string; because: string }>;
}

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
