/**
 * Simulator profiles: the choices the simulator makes where the documents are silent.
 *
 * The `default` profile makes one choice at each silent place; the `alternate` profile makes
 * another choice the documents equally allow (another code or 4xx status, another order of
 * checks, strict or lenient routing and media types). Running the whole kit against both is the
 * kit's guard against over-fitting its expectations to one implementation: a rule may only fail
 * a target for something a document says. ARCHITECTURE.md, "Silent places", lists the same table.
 */
import { KitError } from '../errors/kit-error.ts';
import { SILENT_PLACES, type SilentPlace } from './silent-places.ts';

export { SILENT_PLACES, type SilentPlace };

/** Names of the simulator profiles. */
export const PROFILE_NAMES = ['default', 'alternate'] as const;

/** A profile name. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** A code a profile answers with, declared like the spec's error table. */
export interface ProfileCode {
  code: string;
  status: number;
  message: string;
}

/** Ids of the silent places where the profile picks a code (and its status). */
export type SilentCodeId =
  | 'bcc-policy-code'
  | 'bcc-not-utf8-code'
  | 'bcc-not-object-code'
  | 'bcc-bad-ciphertext-code'
  | 'bcc-auth-missing'
  | 'bcc-auth-malformed'
  | 'bcc-unknown-route'
  | 'bcc-wrong-method'
  | 'bcc-body-too-large'
  | 'dcs-same-as-old-code'
  | 'dcs-length-charset-code'
  | 'dcs-status-code'
  | 'dcs-auth-missing'
  | 'dcs-auth-malformed'
  | 'dcs-auth-unknown-key'
  | 'dcs-project-mismatch'
  | 'dcs-unknown-route'
  | 'dcs-wrong-method'
  | 'dcs-body-too-large'
  | 'dcs-id-format';

/** Switches for the silent places that are not a code. */
export interface ProfileSwitches {
  /** BCC: decrypt and check the password policy before the instance status. */
  bccPolicyBeforeStatus: boolean;
  /** DCS: check the instance (exists, status) before validating the new password. */
  dcsInstanceBeforePolicy: boolean;
  /** DCS: verify old_password (and count a wrong one) before the new password's policy. */
  dcsOldBeforeNewPolicy: boolean;
  /** DCS: a trailing slash on the wire (`/password/`) is an unknown route. */
  dcsStrictTrailingSlash: boolean;
  /** Parse a JSON body whatever its Content-Type says (BCC and DCS). */
  lenientMediaType: boolean;
  /** DCS: `lock_time` outside a lock is the lock duration ("5", the v1 example) instead of "0". */
  dcsLockTimeIsDuration: boolean;
  /** DCS: `lock_time_left` rounds the remaining minutes down instead of up. */
  dcsLockLeftFloor: boolean;
  /** DCS: a wrong attempt during a lock restarts the 5 minutes (never more than 5 left). */
  dcsWrongDuringLockExtends: boolean;
  /** DCS: the right old password with a rejected new one resets the failure count (outside a lock). */
  dcsRejectedNewResetsCount: boolean;
  /** DCS: the success body carries `message`. */
  dcsSuccessMessage: boolean;
  /** BCC: the success body is `{"requestId": …}` instead of `{}`. */
  bccSuccessRequestId: boolean;
}

/** One profile: codes at the silent places where it differs from the spec's, and switches. */
export interface Profile {
  name: ProfileName;
  codes: Partial<Record<SilentCodeId, ProfileCode>>;
  switches: ProfileSwitches;
}

const DEFAULT_SWITCHES: ProfileSwitches = {
  bccPolicyBeforeStatus: false,
  dcsInstanceBeforePolicy: false,
  dcsOldBeforeNewPolicy: false,
  dcsStrictTrailingSlash: false,
  lenientMediaType: false,
  dcsLockTimeIsDuration: false,
  dcsLockLeftFloor: false,
  dcsWrongDuringLockExtends: false,
  dcsRejectedNewResetsCount: false,
  dcsSuccessMessage: true,
  bccSuccessRequestId: false,
};

const code = (c: string, status: number, message: string): ProfileCode => ({ code: c, status, message });

/** The profiles by name. Codes not listed come from the spec's facts (the default choices). */
export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  default: { name: 'default', codes: {}, switches: DEFAULT_SWITCHES },
  alternate: {
    name: 'alternate',
    codes: {
      'bcc-policy-code': code('InvalidParameter', 400, 'Invalid parameter.'),
      'bcc-not-utf8-code': code('InvalidParameter', 400, 'Invalid parameter.'),
      'bcc-not-object-code': code('InvalidParameter', 400, 'Invalid parameter.'),
      'bcc-bad-ciphertext-code': code('InvalidParameter', 400, 'Invalid parameter.'),
      'bcc-auth-missing': code('AuthorizationRequired', 401, 'The request carries no credentials.'),
      'bcc-auth-malformed': code('AccessDenied', 403, 'Access denied.'),
      'bcc-unknown-route': code('InvalidURI', 400, 'The URI is not valid.'),
      'bcc-wrong-method': code('ResourceNotFound', 404, 'No such resource.'),
      'bcc-body-too-large': code('RequestTooLarge', 400, 'The request is too large.'),
      'dcs-same-as-old-code': code('DCS.4800', 400, 'The new password must differ from the old password.'),
      'dcs-length-charset-code': code('DCS.4020', 400, 'Invalid password length or character.'),
      'dcs-status-code': code('DCS.4026', 400, 'The operation is not allowed in the current state.'),
      'dcs-auth-missing': code('APIGW.0302', 401, 'The request has no authorization information.'),
      'dcs-auth-malformed': code('APIGW.0302', 401, 'The request has no valid authorization information.'),
      'dcs-auth-unknown-key': code('APIGW.0306', 403, 'The access key is not allowed.'),
      'dcs-project-mismatch': code('DCS.1004', 401, 'The project id does not match the token.'),
      'dcs-unknown-route': code('APIGW.0002', 404, 'Not found.'),
      'dcs-wrong-method': code('APIGW.0105', 405, 'Method not allowed.'),
      'dcs-body-too-large': code('APIGW.0202', 400, 'The request body is too large.'),
      'dcs-id-format': code('DCS.4001', 400, 'Invalid instance id.'),
    },
    switches: {
      bccPolicyBeforeStatus: true,
      dcsInstanceBeforePolicy: true,
      dcsOldBeforeNewPolicy: true,
      dcsStrictTrailingSlash: true,
      lenientMediaType: true,
      dcsLockTimeIsDuration: true,
      dcsLockLeftFloor: true,
      dcsWrongDuringLockExtends: true,
      dcsRejectedNewResetsCount: true,
      dcsSuccessMessage: false,
      bccSuccessRequestId: true,
    },
  },
};

/** The profile of that name; an unknown name is a usage error listing the known ones. */
export function profileNamed(name: string | undefined): Profile {
  if (name === undefined) return PROFILES.default;
  if (!(PROFILE_NAMES as readonly string[]).includes(name)) {
    throw new KitError('USAGE', `Unknown simulator profile "${name}"`, `use one of: ${PROFILE_NAMES.join(', ')}`);
  }
  return PROFILES[name as ProfileName];
}

/**
 * The profile's codes declared as error facts, per service, so the simulator's response
 * builder knows their status and message (the spec's own table stays untouched).
 */
export function profileErrorFacts(profile: Profile): { bcc: Record<string, unknown>; dcs: Record<string, unknown> } {
  const out = { bcc: {} as Record<string, unknown>, dcs: {} as Record<string, unknown> };
  for (const [id, c] of Object.entries(profile.codes) as Array<[SilentCodeId, ProfileCode]>) {
    out[id.startsWith('bcc') ? 'bcc' : 'dcs'][c.code] = { status: c.status, message: c.message, documented: false };
  }
  return out;
}

/** The code the profile answers at a silent place, or `fallback` (the spec's code). */
export function silentCode(profile: Profile, id: SilentCodeId, fallback: string): string {
  return profile.codes[id]?.code ?? fallback;
}
