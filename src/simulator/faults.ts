/**
 * Planted faults: named ways to make the simulator break one documented rule, for demos and
 * for the kit's own tests (each rule must be shown able to fail). Most are patches over the
 * simulator's facts; a few switch behaviour the facts cannot express.
 */
import { KitError } from '../errors/kit-error.ts';
import type { Behaviour } from './core/behaviour.ts';

/** One planted fault and the rule that must catch it. */
export interface PlantedFault {
  description: string;
  /** The rule named for this fault: a run against the faulty simulator must fail it. */
  caughtBy: string;
  /**
   * Rules whose checks send the requests that expose the fault, where `caughtBy` judges what
   * other checks saw (the `*-NO-5XX` rules); run with it to show the catch.
   */
  exposedBy?: string[];
  /** The fault changes the answers of both services (default: only those of `caughtBy`'s service). */
  bothServices?: true;
  factPatches?: { bcc?: Record<string, unknown>; dcs?: Record<string, unknown> };
  behaviour?: Partial<Behaviour>;
}

const BCC_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The catalogue of planted faults. */
export const PLANTED_FAULTS: Readonly<Record<string, PlantedFault>> = {
  'lock-after-4': { description: 'DCS locks after 4 wrong attempts instead of 5', caughtBy: 'DCS-LOCK-THRESHOLD', factPatches: { dcs: { lockout: { threshold: 4 } } } },
  'accept-33-chars': { description: 'BCC accepts 33-character passwords', caughtBy: 'BCC-PWD-LENGTH', factPatches: { bcc: { passwordPolicy: { maxLength: 33 } } } },
  'accept-ampersand': {
    description: 'BCC accepts & as a symbol',
    caughtBy: 'BCC-PWD-SYMBOLS',
    factPatches: { bcc: { passwordPolicy: { classes: [{ name: 'letters', alphabet: BCC_LETTERS }, { name: 'digits', alphabet: '0123456789' }, { name: 'symbols', alphabet: '!@#$%^*()&' }] } } },
  },
  'allow-starting': { description: 'BCC lets a Starting instance change its password', caughtBy: 'BCC-STATUS-409', factPatches: { bcc: { statuses: { allowed: ['Running', 'Stopped', 'Starting'] } } } },
  'no-reset-on-success': { description: 'DCS keeps the failure count after a success', caughtBy: 'DCS-LOCK-RESET-ON-SUCCESS', factPatches: { dcs: { lockout: { resetOnSuccess: false } } } },
  'numbers-not-strings': { description: 'DCS sends retry_times_left and friends as JSON numbers', caughtBy: 'DCS-RESP-STRINGS', factPatches: { dcs: { responseShape: { numbersAsStrings: false } } } },
  'lock-never-expires': { description: 'the DCS lock lasts a week', caughtBy: 'DCS-LOCK-DURATION', factPatches: { dcs: { lockout: { durationSeconds: 604_800 } } } },
  'accept-plaintext-adminpass': { description: 'BCC takes a plaintext adminPass as the password', caughtBy: 'BCC-ENC-REQUIRED', factPatches: { bcc: { encryption: { plaintextFallback: true } } } },
  'skip-signature-check': { description: 'both services accept any signature', caughtBy: 'BCC-AUTH-SIGNATURE', bothServices: true, behaviour: { skipSignatureCheck: true } },
  'no-request-id': { description: 'BCC omits x-bce-request-id', caughtBy: 'BCC-RESP-REQUEST-ID', factPatches: { bcc: { responseShape: { requestIdHeader: null } } } },
  'accept-same-password': { description: 'DCS accepts a new password equal to the old one', caughtBy: 'DCS-PWD-NEW-DIFFERS', factPatches: { dcs: { passwordPolicy: { mustDifferFromOld: false } } } },
  'two-classes-enough': { description: 'DCS accepts passwords with two character classes', caughtBy: 'DCS-PWD-CLASSES', factPatches: { dcs: { passwordPolicy: { minClasses: 2 } } } },
  'drop-password-writes': { description: 'success is reported but the password is not stored', caughtBy: 'BCC-PWD-ACCEPT-VALID', bothServices: true, behaviour: { dropPasswordWrites: true } },
  'password-free-allowed': { description: 'DCS changes the password of a password-free instance', caughtBy: 'DCS-PASSWORD-FREE-4850', factPatches: { dcs: { statuses: { passwordFree: null } } } },
  'empty-body-4005': { description: 'DCS answers an empty body with DCS.4005 instead of DCS.4004 (a SHOULD rule)', caughtBy: 'DCS-BODY-EMPTY-4004', factPatches: { dcs: { requestErrors: { emptyBody: 'DCS.4005' } } } },
  'not-found-500': { description: 'BCC answers an unknown instance with 500 InternalError', caughtBy: 'BCC-NO-5XX', exposedBy: ['BCC-NOT-FOUND'], factPatches: { bcc: { notFound: 'InternalError' } } },
  // --- state that leaks between instances ---
  'dcs-change-leaks': { description: 'a DCS change also sets the password of every other instance of the project (a store keyed by project)', caughtBy: 'DCS-ISOLATION', behaviour: { dcsLeakWrites: true } },
  'bcc-change-leaks': { description: 'a BCC change also sets the password of every other instance ("last instance written")', caughtBy: 'BCC-ISOLATION', behaviour: { bccLeakWrites: true } },
  // --- lockout: counters across the end of a lock, units of time fields ---
  'counter-survives-lock': { description: 'DCS keeps the failure count when a lock ends, so the next wrong attempt locks again', caughtBy: 'DCS-LOCK-THRESHOLD', behaviour: { counterSurvivesLock: true } },
  'lock-time-in-seconds': { description: 'DCS reports lock_time and lock_time_left in seconds instead of minutes', caughtBy: 'DCS-LOCK-DURATION', behaviour: { lockTimeInSeconds: true } },
  'retries-stuck': { description: 'DCS retry_times_left does not count down', caughtBy: 'DCS-LOCK-WRONG-OLD', behaviour: { retriesStuck: true } },
  'old-password-case-insensitive': { description: 'DCS compares old_password case-insensitively', caughtBy: 'DCS-LOCK-WRONG-OLD', behaviour: { oldPasswordCaseInsensitive: true } },
  // --- side effects of a rejected attempt ---
  'bcc-409-still-stores': { description: 'BCC answers 409 for a forbidden status but stores the new password anyway', caughtBy: 'BCC-STATUS-409', behaviour: { bccStoreOnStatusReject: true } },
  'dcs-status-reject-still-stores': { description: 'DCS refuses a non-RUNNING instance but stores the new password anyway', caughtBy: 'DCS-STATUS-4049', behaviour: { dcsStoreOnStatusReject: true } },
  'policy-rejection-counts': { description: 'a DCS new password breaking the rules counts as a wrong attempt, even with the right old password', caughtBy: 'DCS-LOCK-THRESHOLD', behaviour: { policyRejectionCounts: true } },
  'bad-body-resets-count': { description: 'a DCS request rejected for its body (no password in it) resets the failure count', caughtBy: 'DCS-LOCK-THRESHOLD', behaviour: { badBodyResetsCount: true } },
  // --- signature expiry and canonicalisation ---
  'bcc-ignores-expiration': { description: 'BCC ignores the expirationSeconds of the auth string (the spec\'s default window, auth.defaultExpirationSeconds, applies)', caughtBy: 'BCC-AUTH-EXPIRED', behaviour: { ignoreExpirationField: true } },
  'dcs-skew-25-min': { description: 'DCS accepts an X-Sdk-Date 25 minutes off', caughtBy: 'DCS-AUTH-EXPIRED', factPatches: { dcs: { auth: { maxClockSkewSeconds: 1500 } } } },
  'ignore-signed-header-list': { description: 'BCC ignores the signed-header list of the auth string and signs its default set', caughtBy: 'BCC-AUTH-SIGNED-HEADERS', behaviour: { ignoreSignedHeaderList: true } },
  'ignore-unsigned-payload': { description: 'DCS hashes the body even when X-Sdk-Content-Sha256 says UNSIGNED-PAYLOAD', caughtBy: 'DCS-AUTH-CANONICAL', behaviour: { ignoreUnsignedPayload: true } },
  'project-id-mismatch-accepted': { description: 'DCS accepts an X-Project-Id that differs from the path', caughtBy: 'DCS-AUTH-PROJECT-ID', behaviour: { skipProjectCheck: true } },
  'bare-query-only': { description: 'BCC accepts only ?changePass, not ?changePass=', caughtBy: 'BCC-AUTH-QUERY-FORMS', behaviour: { bareQueryOnly: true } },
  'accept-missing-auth': { description: 'both services accept a request without an Authorization header', caughtBy: 'DCS-AUTH-REQUIRED', bothServices: true, behaviour: { acceptMissingAuth: true } },
  'accept-unknown-key': { description: 'BCC verifies an unknown access key id with a known secret and accepts it', caughtBy: 'BCC-AUTH-UNKNOWN-KEY', behaviour: { acceptUnknownKey: true } },
  // --- ciphertext handling ---
  'adminpass-first-block-only': { description: 'BCC keeps only the first AES block of adminPass (passwords over 16 bytes are cut)', caughtBy: 'BCC-ENC-ACCEPT', behaviour: { adminPassFirstBlockOnly: true } },
  'adminpass-lax-padding': { description: 'BCC does not check the PKCS#7 padding of adminPass (only its last byte)', caughtBy: 'BCC-ENC-KEY', behaviour: { adminPassLaxPadding: true } },
  'adminpass-key-from-end': { description: 'BCC derives the AES key from the last 16 characters of the SK', caughtBy: 'BCC-ENC-ACCEPT', behaviour: { adminPassKeyFromEnd: true } },
  // --- boundary values rejected ---
  'bcc-rejects-8-chars': { description: 'BCC rejects passwords of exactly 8 characters', caughtBy: 'BCC-PWD-ACCEPT-VALID', factPatches: { bcc: { passwordPolicy: { minLength: 9 } } } },
  'bcc-rejects-32-chars': { description: 'BCC rejects passwords of exactly 32 characters', caughtBy: 'BCC-PWD-ACCEPT-VALID', factPatches: { bcc: { passwordPolicy: { maxLength: 31 } } } },
  // 64 is valid under the current reading only, and 33 under it alone too: rejecting 64 while accepting 33 follows no reading of DCS-A4.
  'dcs-rejects-64-chars': { description: 'DCS rejects new passwords of exactly 64 characters (while accepting 33)', caughtBy: 'DCS-A4', factPatches: { dcs: { passwordPolicy: { maxLength: 63 } } } },
  // --- password rules too lax ---
  'dcs-accepts-65-chars': { description: 'DCS accepts new passwords of 65 characters', caughtBy: 'DCS-PWD-LENGTH', factPatches: { dcs: { passwordPolicy: { maxLength: 65 } } } },
  'dcs-accepts-space': { description: 'DCS accepts a space as a special character', caughtBy: 'DCS-PWD-CHARSET', factPatches: { dcs: { passwordPolicy: { classes: [{ name: 'lowercase', alphabet: 'abcdefghijklmnopqrstuvwxyz' }, { name: 'uppercase', alphabet: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' }, { name: 'digits', alphabet: '0123456789' }, { name: 'special', alphabet: '`~!@#$%^&*()-_=+|{},<.>/? ' }] } } } },
  'bcc-two-classes-enough': { description: 'BCC accepts passwords with letters and digits only', caughtBy: 'BCC-PWD-CLASSES', factPatches: { bcc: { passwordPolicy: { minClasses: 2 } } } },
  // --- response shape ---
  'bcc-error-without-message': { description: 'BCC error bodies lack message', caughtBy: 'BCC-RESP-ERROR-BODY', factPatches: { bcc: { responseShape: { errorBodyFields: ['requestId', 'code'] } } } },
  'dcs-error-without-error-msg': { description: 'DCS error bodies lack error_msg', caughtBy: 'DCS-RESP-ERROR-BODY', factPatches: { dcs: { responseShape: { errorBodyFields: ['error_code', 'error_ext_msg'] } } } },
  'result-outside-enum': { description: 'DCS answers a wrong old password with result "wrongPassword"', caughtBy: 'DCS-RESP-RESULT-ENUM', factPatches: { dcs: { lockout: { results: { wrongPassword: 'wrongPassword' } } } } },
  'dcs-html-content-type': { description: 'DCS labels its answers text/html', caughtBy: 'DCS-RESP-SCHEMA', behaviour: { dcsHtmlContentType: true } },
  'bcc-html-content-type': { description: 'BCC labels its answers text/html', caughtBy: 'BCC-RESP-SCHEMA', behaviour: { bccHtmlContentType: true } },
  'bcc-read-says-running': { description: 'the BCC read operation always reports Running', caughtBy: 'BCC-READ-INSTANCE', behaviour: { bccReadReportsRunning: true } },
  // --- more rules shown able to fail ---
  'bcc-accept-missing-auth': { description: 'both services accept a request without an Authorization header (shown on BCC)', caughtBy: 'BCC-AUTH-REQUIRED', bothServices: true, behaviour: { acceptMissingAuth: true } },
  'dcs-accept-any-signature': { description: 'both services accept any signature (shown on DCS)', caughtBy: 'DCS-AUTH-SIGNATURE', bothServices: true, behaviour: { skipSignatureCheck: true } },
  'accept-foreign-auth-scheme': { description: 'BCC takes an Authorization header of another scheme (e.g. Bearer) as authenticated', caughtBy: 'BCC-AUTH-MALFORMED', behaviour: { acceptForeignAuthScheme: true } },
  'bcc-success-204': { description: 'a successful BCC change answers 204 with no body', caughtBy: 'BCC-RESP-SUCCESS', behaviour: { bccSuccess204: true } },
  'stopped-refused': { description: 'BCC refuses a Stopped instance', caughtBy: 'BCC-STATUS-ALLOWED', factPatches: { bcc: { statuses: { allowed: ['Running'] } } } },
  'bcc-not-found-403': { description: 'BCC answers an unknown instance with 403 AccessDenied', caughtBy: 'BCC-NOT-FOUND', factPatches: { bcc: { notFound: 'AccessDenied' } } },
  'bcc-malformed-json-code': { description: 'BCC answers a body that is not JSON with InvalidHTTPRequest instead of MalformedJSON', caughtBy: 'BCC-BODY-MALFORMED', factPatches: { bcc: { requestErrors: { malformedJson: 'InvalidHTTPRequest' } } } },
  'dcs-rejects-8-chars': { description: 'DCS rejects new passwords of exactly 8 characters', caughtBy: 'DCS-PWD-ACCEPT-VALID', factPatches: { dcs: { passwordPolicy: { minLength: 9 } } } },
  'dcs-not-found-400': { description: 'DCS answers a well-formed unknown instance id with 400 DCS.4019', caughtBy: 'DCS-NOT-FOUND-3022', factPatches: { dcs: { notFound: 'DCS.4019' } } },
  'dcs-not-found-500': { description: 'DCS answers an unknown instance with 500 DCS.5000', caughtBy: 'DCS-NO-5XX', exposedBy: ['DCS-NOT-FOUND-3022'], factPatches: { dcs: { notFound: 'DCS.5000' } } },
  'locked-lets-right-password-through': { description: 'a DCS lock does not block the right old password', caughtBy: 'DCS-LOCK-BLOCKS', factPatches: { dcs: { lockout: { lockedBlocksCorrectPassword: false } } } },
  'dcs-not-json-4019': { description: 'DCS answers a body that is not JSON with DCS.4019 instead of DCS.4005 (a SHOULD rule)', caughtBy: 'DCS-BODY-NOT-JSON-4005', factPatches: { dcs: { requestErrors: { malformedJson: 'DCS.4019' } } } },
  // In-process too: the planted await lets concurrent attempts interleave, as on a real server.
  'lockout-race': { description: 'DCS decides each attempt on the failure count read when it arrived, 20 ms earlier (concurrent attempts lose updates)', caughtBy: 'DCS-LOCK-ATOMIC', behaviour: { lockRaceMs: 20 } },
  'dcs-coerces-field-types': { description: 'DCS turns a non-string password field (e.g. ["Abc12345!"]) into a string instead of rejecting it', caughtBy: 'DCS-PWD-TYPE', behaviour: { dcsCoerceFieldTypes: true } },
  'dcs-frozen-allowed': { description: 'DCS lets RUNNING and FROZEN instances change their password, no other (no reading of DCS-A5)', caughtBy: 'DCS-A5', factPatches: { dcs: { statuses: { allowed: ['RUNNING', 'FROZEN'] } } } },
  'dcs-read-says-running': { description: 'the DCS read operation always reports RUNNING', caughtBy: 'DCS-READ-INSTANCE', behaviour: { dcsReadReportsRunning: true } },
  // --- the last rules shown able to fail (issue 13) ---
  'bcc-signs-raw-path': { description: 'BCC verifies the signature over the path as received (escapes such as %2d kept) instead of the canonical URI', caughtBy: 'BCC-AUTH-ENCODING', behaviour: { bccRawPathCanonical: true } },
  'bcc-missing-adminpass-noop': { description: 'BCC treats a missing or null adminPass as "nothing to change" and answers 200 (PATCH semantics on a required field)', caughtBy: 'BCC-PWD-TYPE', behaviour: { bccMissingAdminPassNoop: true } },
  'dcs-old-out-of-range-unchecked': { description: 'DCS takes an old_password outside 8-64 characters as "not given" and changes the password without verifying it', caughtBy: 'DCS-PWD-OLD-RULES', behaviour: { dcsOldRangeSkipsCheck: true } },
  'lock-stacks-on-wrong': { description: 'each wrong DCS attempt during a lock adds another 5 minutes to its end (a penalty box)', caughtBy: 'DCS-LOCK-DURATION', behaviour: { lockStacksOnWrong: true } },
  // (A refused change with the right old password that restarts the count is a reading, not a fault: the alternate profile's dcs-invalid-new-count.)
  'count-forgotten-after-a-minute': { description: 'DCS forgets the failure count after a minute without a wrong attempt, so 5 consecutive wrong attempts spread over minutes never lock (a window no document gives)', caughtBy: 'DCS-LOCK-SEQUENCES', behaviour: { countForgottenAfterSeconds: 60 } },
  // Ambiguity checks fail only for a target that follows no documented reading.
  'bcc-running-refused-400': { description: 'BCC lets only Stopped instances change (the stopped-only reading) but refuses the others with its password-validation 400 instead of the documented 409 (no reading of BCC-A1)', caughtBy: 'BCC-A1', factPatches: { bcc: { statuses: { allowed: ['Stopped'] } } }, behaviour: { bccStatusRejectAsPolicy: true } },
  'bcc-digit-always-required': {
    description: 'BCC applies three of four classes but always requires a digit (no reading of BCC-A2)',
    caughtBy: 'BCC-A2',
    factPatches: { bcc: { passwordPolicy: { minClasses: 3, classes: [{ name: 'lowercase', alphabet: BCC_LETTERS.slice(0, 26) }, { name: 'uppercase', alphabet: BCC_LETTERS.slice(26) }, { name: 'digits', alphabet: '0123456789' }, { name: 'symbols', alphabet: '!@#$%^*()' }] } } },
    behaviour: { bccDigitRequired: true },
  },
  'bcc-uuid-example-special-cased': { description: "BCC stores the page's example adminPass (a UUID) as written while refusing any other plaintext (no reading of BCC-A3)", caughtBy: 'BCC-A3', behaviour: { bccAcceptUuidAdminPass: true } },
  'bcc-success-body-text': { description: 'a successful BCC change answers the text "success": neither a JSON object nor empty (no reading of BCC-A4)', caughtBy: 'BCC-A4', behaviour: { bccSuccessBodyText: true } },
  'bcc-policy-error-200': { description: 'BCC answers a password that breaks the rules with its error body but status 200 (no reading of BCC-A5)', caughtBy: 'BCC-A5', behaviour: { bccPolicyError200: true } },
  'retries-off-by-one': { description: 'DCS retry_times_left is one more than the attempts left, so the fifth wrong attempt answers "1" (no reading of DCS-A1)', caughtBy: 'DCS-A1', behaviour: { retriesOffByOne: true } },
  'wrong-password-as-failed': { description: 'DCS reports a wrong old password as result "failed" (no reading of DCS-A2)', caughtBy: 'DCS-A2', factPatches: { dcs: { lockout: { results: { wrongPassword: 'failed' } } } } },
  'same-as-old-as-password-failed': { description: 'DCS answers a new password equal to the old one with 200 result "passwordFailed", as if the old one were wrong (no reading of DCS-A3)', caughtBy: 'DCS-A3', factPatches: { dcs: { passwordPolicy: { sameAsOld: { error: null, result: 'passwordFailed' } } } } },
};

/** Looks up planted faults by name; unknown names are a usage error listing the known ones. */
export function plantedFaults(names: readonly string[]): PlantedFault[] {
  return names.map((name) => {
    const fault = PLANTED_FAULTS[name];
    if (!fault) throw new KitError('USAGE', `Unknown planted fault "${name}"`, `use one of: ${Object.keys(PLANTED_FAULTS).join(', ')}`);
    return fault;
  });
}
