/**
 * Every place where the documents leave the answer open, with the choice each simulator profile
 * makes there (see `profiles.ts`). ARCHITECTURE.md, "Silent places", shows this table; a unit
 * test (`profiles.test.ts`) shows each entry behaves as declared under both profiles.
 */

/** One silent place. */
export interface SilentPlace {
  /** Stable id, e.g. `bcc-policy-code`. */
  id: string;
  service: 'bcc' | 'dcs';
  /** The situation, in a few words. */
  situation: string;
  /** What the default profile does. */
  defaultChoice: string;
  /** What the alternate profile does. */
  alternateChoice: string;
  /** The document section that is silent about it (cited by name, never quoted). */
  silentIn: string;
  /**
   * A word of the alternate's answer (a code, status or field) that an observation of this
   * place names (in its choice or evidence) when the kit runs against the alternate profile.
   */
  evidence: string;
  /** A word the observation's topic contains, where the evidence alone would be ambiguous. */
  topic?: string;
}

const BCC_PAGE = 'BCC seed page "Modify the instance password"';
const BCC_CODES = 'BCE common error codes';
const DCS_PAGE = 'DCS seed page "Changing the Password"';
const APIGW = 'API gateway signing guide, authentication failures';

/** The table of silent places. */
export const SILENT_PLACES: readonly SilentPlace[] = [
  { id: 'bcc-policy-code', service: 'bcc', situation: 'password that breaks the rules', defaultChoice: '400 BadRequest', alternateChoice: '400 InvalidParameter', silentIn: `${BCC_PAGE}, adminPass row and error table (no code named)`, evidence: 'InvalidParameter' },
  { id: 'bcc-not-utf8-code', service: 'bcc', situation: 'body with non-UTF-8 bytes', defaultChoice: '400 MalformedJSON', alternateChoice: '400 InvalidParameter', silentIn: `${BCC_CODES} (MalformedJSON names JSON, not encodings)`, evidence: 'InvalidParameter' },
  { id: 'bcc-not-object-code', service: 'bcc', situation: 'JSON that is not an object, or adminPass of a wrong type', defaultChoice: '400 InvalidHTTPRequest', alternateChoice: '400 InvalidParameter', silentIn: `${BCC_PAGE}, request body table`, evidence: 'InvalidParameter' },
  { id: 'bcc-bad-ciphertext-code', service: 'bcc', situation: 'adminPass that does not decrypt', defaultChoice: '400 BadRequest', alternateChoice: '400 InvalidParameter', silentIn: `${BCC_PAGE}, adminPass row (encryption named, failure code not)`, evidence: 'InvalidParameter' },
  { id: 'bcc-auth-missing', service: 'bcc', situation: 'no Authorization header', defaultChoice: '403 AccessDenied', alternateChoice: '401 AuthorizationRequired', silentIn: `${BCC_CODES} (AccessDenied is not tied to a missing header)`, evidence: 'AuthorizationRequired' },
  { id: 'bcc-auth-malformed', service: 'bcc', situation: 'Authorization that is not a bce-auth-v1 string', defaultChoice: '400 InvalidHTTPAuthHeader', alternateChoice: '403 AccessDenied', silentIn: `${BCC_CODES}; bce-auth-v1 specification (no code per parse error)`, evidence: 'AccessDenied' },
  { id: 'bcc-unknown-route', service: 'bcc', situation: 'path that names no operation', defaultChoice: '404 NoSuchObject', alternateChoice: '400 InvalidURI', silentIn: `${BCC_PAGE} (one operation only)`, evidence: 'InvalidURI' },
  { id: 'bcc-wrong-method', service: 'bcc', situation: 'known path, other method', defaultChoice: '405 MethodNotAllowed', alternateChoice: '404 ResourceNotFound', silentIn: `${BCC_PAGE} (one method only)`, evidence: 'ResourceNotFound' },
  { id: 'bcc-body-too-large', service: 'bcc', situation: 'body over the size limit', defaultChoice: '413 EntityTooLarge', alternateChoice: '400 RequestTooLarge', silentIn: `${BCC_PAGE} (no size limit named)`, evidence: 'RequestTooLarge' },
  { id: 'bcc-order-policy-status', service: 'bcc', situation: 'invalid password on an instance in a forbidden status', defaultChoice: 'status first: 409', alternateChoice: 'password first: 400', silentIn: `${BCC_PAGE} (no order of checks)`, evidence: '400', topic: 'status' },
  { id: 'bcc-media-type', service: 'bcc', situation: 'JSON body labelled text/plain', defaultChoice: 'rejected: 400 InvalidHTTPRequest', alternateChoice: 'accepted as JSON', silentIn: `${BCC_PAGE}, request headers (Content-Type not required to be checked)`, evidence: 'text/plain', topic: 'media-type' },
  { id: 'bcc-success-body', service: 'bcc', situation: 'body of a successful change', defaultChoice: '{}', alternateChoice: '{"requestId": …}', silentIn: `${BCC_PAGE}, response (no body listed)`, evidence: 'requestId', topic: 'success' },
  { id: 'dcs-same-as-old-code', service: 'dcs', situation: 'new password equal to the old one', defaultChoice: '400 DCS.4019', alternateChoice: '400 DCS.4800', silentIn: `${DCS_PAGE}, new_password row (rule stated, code not)`, evidence: 'DCS.4800' },
  { id: 'dcs-length-charset-code', service: 'dcs', situation: 'new password of a wrong length or with a character outside the sets', defaultChoice: '400 DCS.4019', alternateChoice: '400 DCS.4020', silentIn: `${DCS_PAGE}, error table (DCS.4019 documented for complexity only)`, evidence: 'DCS.4020' },
  { id: 'dcs-status-code', service: 'dcs', situation: 'instance not RUNNING', defaultChoice: '400 DCS.4049', alternateChoice: '400 DCS.4026', silentIn: 'DCS error-code table (both codes documented, neither tied to this operation)', evidence: 'DCS.4026' },
  { id: 'dcs-auth-missing', service: 'dcs', situation: 'no or empty Authorization header', defaultChoice: '401 APIGW.0301', alternateChoice: '401 APIGW.0302', silentIn: `${APIGW} (APIGW.0301 documented for a bad signature)`, evidence: 'APIGW.0302' },
  { id: 'dcs-auth-malformed', service: 'dcs', situation: 'Authorization that is not an SDK-HMAC-SHA256 string', defaultChoice: '401 APIGW.0301', alternateChoice: '401 APIGW.0302', silentIn: APIGW, evidence: 'APIGW.0302' },
  { id: 'dcs-auth-unknown-key', service: 'dcs', situation: 'unknown access key id', defaultChoice: '401 APIGW.0301', alternateChoice: '403 APIGW.0306', silentIn: APIGW, evidence: 'APIGW.0306' },
  { id: 'dcs-project-mismatch', service: 'dcs', situation: 'X-Project-Id differing from the path', defaultChoice: '401 APIGW.0301', alternateChoice: '401 DCS.1004', silentIn: 'API gateway signing guide, X-Project-Id (rejection stated, code not)', evidence: 'DCS.1004' },
  { id: 'dcs-unknown-route', service: 'dcs', situation: 'path that names no operation', defaultChoice: '404 APIGW.0101', alternateChoice: '404 APIGW.0002', silentIn: `${DCS_PAGE} (one operation only)`, evidence: 'APIGW.0002' },
  { id: 'dcs-wrong-method', service: 'dcs', situation: 'known path, other method', defaultChoice: '404 APIGW.0101', alternateChoice: '405 APIGW.0105', silentIn: `${DCS_PAGE} (one method only)`, evidence: 'APIGW.0105' },
  { id: 'dcs-body-too-large', service: 'dcs', situation: 'body over the size limit', defaultChoice: '413 APIGW.0201', alternateChoice: '400 APIGW.0202', silentIn: `${DCS_PAGE} (no size limit named)`, evidence: 'APIGW.0202' },
  { id: 'dcs-id-format', service: 'dcs', situation: 'unknown instance id not in the id format (space, non-ASCII)', defaultChoice: '404 DCS.3022', alternateChoice: '400 DCS.4001 (a well-formed unknown id still 404 DCS.3022)', silentIn: `${DCS_PAGE}, path parameter table (no id format given)`, evidence: 'DCS.4001' },
  { id: 'dcs-order-status-policy', service: 'dcs', situation: 'invalid new password on a non-RUNNING instance', defaultChoice: 'password first: 400 DCS.4019', alternateChoice: 'status first: 400 status code', silentIn: `${DCS_PAGE} (no order of checks)`, evidence: 'DCS.4026', topic: 'status' },
  { id: 'dcs-order-old-new', service: 'dcs', situation: 'wrong old_password with an invalid new_password', defaultChoice: 'new password first: 400, not counted', alternateChoice: 'old password first: 200 passwordFailed, counted', silentIn: `${DCS_PAGE} (no order of checks)`, evidence: 'passwordFailed', topic: 'old' },
  { id: 'dcs-trailing-slash', service: 'dcs', situation: 'trailing slash on the wire (`/password/`)', defaultChoice: 'routed to the operation', alternateChoice: '404 unknown route', silentIn: 'API gateway signing guide (the slash is part of the canonical URI only)', evidence: '404', topic: 'trailing-slash' },
  { id: 'dcs-media-type', service: 'dcs', situation: 'JSON body labelled text/plain', defaultChoice: 'rejected: 400 DCS.4005', alternateChoice: 'accepted as JSON', silentIn: `${DCS_PAGE}, request headers`, evidence: 'text/plain', topic: 'media-type' },
  { id: 'dcs-lock-time-before-lock', service: 'dcs', situation: '`lock_time` when no lock is in force', defaultChoice: '"0"', alternateChoice: '"5" (as in the v1 example)', silentIn: `${DCS_PAGE}, response table, lock_time row`, evidence: '5', topic: 'lock-time-before-lock' },
  { id: 'dcs-lock-left-rounding', service: 'dcs', situation: '`lock_time_left` between whole minutes', defaultChoice: 'rounded up', alternateChoice: 'rounded down', silentIn: `${DCS_PAGE}, response table, lock_time_left row`, evidence: 'down', topic: 'rounding' },
  { id: 'dcs-lock-extends', service: 'dcs', situation: 'wrong attempt during a lock', defaultChoice: 'lock end unchanged', alternateChoice: 'lock restarts: 5 minutes from that attempt (never more than 5 left)', silentIn: 'DCS user manual, lockout (5 minutes per lock)', evidence: 'extend', topic: 'lock' },
  { id: 'dcs-invalid-new-count', service: 'dcs', situation: 'right old_password, new password rejected, after wrong attempts', defaultChoice: 'failure count kept', alternateChoice: 'failure count reset', silentIn: `${DCS_PAGE}, lock_time row (5 consecutive incorrect attempts; a refused change with the right old password not named)`, evidence: 'resets', topic: 'invalid-new-and-count' },
  { id: 'dcs-success-message', service: 'dcs', situation: 'body of a successful change', defaultChoice: 'with message', alternateChoice: 'without message', silentIn: `${DCS_PAGE}, response table (message optional)`, evidence: 'message', topic: 'success' },
];
