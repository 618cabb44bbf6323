/**
 * Behaviour switches that are not facts of the API: planted faults the kit's own tests use
 * to prove each rule can fail, and the live-like mode's injected transport faults.
 * Faults that *are* facts (a limit, a status list) are planted as spec patches instead.
 */
export interface Behaviour {
  /** Accept any signature (a planted fault: "skips signature checks"). */
  skipSignatureCheck: boolean;
  /** Answer with the old password still set while reporting success (planted fault). */
  dropPasswordWrites: boolean;
  /** Planted: a DCS change also writes every other instance of the project. */
  dcsLeakWrites: boolean;
  /** Planted: a BCC change also writes every other instance. */
  bccLeakWrites: boolean;
  /** Planted: the DCS failure count survives the end of a lock. */
  counterSurvivesLock: boolean;
  /** Planted: DCS lock_time and lock_time_left in seconds instead of minutes. */
  lockTimeInSeconds: boolean;
  /** Planted: BCC's 409 status rejection still stores the new password. */
  bccStoreOnStatusReject: boolean;
  /** Planted: DCS's status rejection still stores the new password. */
  dcsStoreOnStatusReject: boolean;
  /** Planted: a DCS password-policy rejection counts as a wrong attempt. */
  policyRejectionCounts: boolean;
  /** Planted: a DCS request rejected for its body resets the failure count. */
  badBodyResetsCount: boolean;
  /** Planted: BCC ignores the signature's own expirationSeconds (the 1800 s default applies). */
  ignoreExpirationField: boolean;
  /** Planted: only the first AES block of adminPass is used. */
  adminPassFirstBlockOnly: boolean;
  /** Planted: adminPass PKCS#7 padding is not checked (only its last byte is read). */
  adminPassLaxPadding: boolean;
  /** Planted: the adminPass key is the SK's last 16 characters. */
  adminPassKeyFromEnd: boolean;
  /** Planted: DCS compares old_password case-insensitively. */
  oldPasswordCaseInsensitive: boolean;
  /** Planted: DCS retry_times_left stays at the threshold. */
  retriesStuck: boolean;
  /** Planted: BCC accepts only the bare `?changePass` form. */
  bareQueryOnly: boolean;
  /** Planted: BCC ignores the signed-header list and signs its default set. */
  ignoreSignedHeaderList: boolean;
  /** Planted: DCS hashes the body even when X-Sdk-Content-Sha256 says UNSIGNED-PAYLOAD. */
  ignoreUnsignedPayload: boolean;
  /** Planted: DCS does not compare X-Project-Id with the path. */
  skipProjectCheck: boolean;
  /** Planted: the BCC read operation always reports the first allowed status. */
  bccReadReportsRunning: boolean;
  /** Planted: the DCS read operation always reports the first allowed status. */
  dcsReadReportsRunning: boolean;
  /** Planted: a request without Authorization is accepted (both services). */
  acceptMissingAuth: boolean;
  /** Planted: BCC verifies an unknown access key id with the first known secret. */
  acceptUnknownKey: boolean;
  /** Planted: BCC takes an Authorization header of another scheme (not bce-auth-v1) as authenticated. */
  acceptForeignAuthScheme: boolean;
  /** Planted: a successful BCC change answers 204 instead of 200. */
  bccSuccess204: boolean;
  /**
   * Planted: a DCS change reads the lockout state when it arrives and decides this many ms
   * later, on what it read (a lost update between concurrent attempts); 0 = off.
   */
  lockRaceMs: number;
  /** Planted: DCS turns a non-string password field (number, array, …) into a string instead of rejecting it. */
  dcsCoerceFieldTypes: boolean;
  /** Planted: DCS answers are labelled text/html. */
  dcsHtmlContentType: boolean;
  /** Planted: BCC answers are labelled text/html. */
  bccHtmlContentType: boolean;
  /** Planted: BCC signs the request path as received (escapes kept) instead of the canonical URI. */
  bccRawPathCanonical: boolean;
  /** Planted: BCC treats a missing or null adminPass as "nothing to change" and answers success. */
  bccMissingAdminPassNoop: boolean;
  /** Planted: BCC refuses a status with its password-policy code (400) instead of the status code. */
  bccStatusRejectAsPolicy: boolean;
  /** Planted: BCC requires a digit on top of its class rule. */
  bccDigitRequired: boolean;
  /** Planted: BCC stores a UUID-shaped adminPass as written (the page example special-cased). */
  bccAcceptUuidAdminPass: boolean;
  /** Planted: a successful BCC change answers the text `success`. */
  bccSuccessBodyText: boolean;
  /** Planted: BCC answers a password that breaks the rules with its error body and status 200. */
  bccPolicyError200: boolean;
  /** Planted: DCS skips verifying an old_password outside the length range. */
  dcsOldRangeSkipsCheck: boolean;
  /** Planted: each wrong DCS attempt during a lock adds another lock duration to its end. */
  lockStacksOnWrong: boolean;
  /** Planted: DCS forgets a failure count after this many seconds without a wrong attempt (0: never). */
  countForgottenAfterSeconds: number;
  /** Planted: DCS retry_times_left is one more than the attempts left. */
  retriesOffByOne: boolean;
  /** Injected latency before answering, in ms (live-like mode). */
  latencyMs: number;
  /** Share of requests answered with a 500 not asked for (live-like mode), 0–1. */
  errorRate: number;
  /** Share of requests whose connection is dropped without an answer (live-like mode), 0–1. */
  dropRate: number;
}

/** Nothing planted, nothing injected. */
export const NORMAL_BEHAVIOUR: Readonly<Behaviour> = Object.freeze({
  skipSignatureCheck: false,
  dropPasswordWrites: false,
  dcsLeakWrites: false,
  bccLeakWrites: false,
  counterSurvivesLock: false,
  lockTimeInSeconds: false,
  bccStoreOnStatusReject: false,
  dcsStoreOnStatusReject: false,
  policyRejectionCounts: false,
  badBodyResetsCount: false,
  ignoreExpirationField: false,
  adminPassFirstBlockOnly: false,
  adminPassLaxPadding: false,
  adminPassKeyFromEnd: false,
  oldPasswordCaseInsensitive: false,
  retriesStuck: false,
  bareQueryOnly: false,
  ignoreSignedHeaderList: false,
  ignoreUnsignedPayload: false,
  skipProjectCheck: false,
  bccReadReportsRunning: false,
  dcsReadReportsRunning: false,
  acceptMissingAuth: false,
  acceptUnknownKey: false,
  acceptForeignAuthScheme: false,
  bccSuccess204: false,
  lockRaceMs: 0,
  dcsCoerceFieldTypes: false,
  dcsHtmlContentType: false,
  bccHtmlContentType: false,
  bccRawPathCanonical: false,
  bccMissingAdminPassNoop: false,
  bccStatusRejectAsPolicy: false,
  bccDigitRequired: false,
  bccAcceptUuidAdminPass: false,
  bccSuccessBodyText: false,
  bccPolicyError200: false,
  dcsOldRangeSkipsCheck: false,
  lockStacksOnWrong: false,
  retriesOffByOne: false,
  countForgottenAfterSeconds: 0,
  latencyMs: 0,
  errorRate: 0,
  dropRate: 0,
});
