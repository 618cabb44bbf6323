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
  'skip-signature-check': { description: 'both services accept any signature', caughtBy: 'BCC-AUTH-SIGNATURE', behaviour: { skipSignatureCheck: true } },
  'no-request-id': { description: 'BCC omits x-bce-request-id', caughtBy: 'BCC-RESP-REQUEST-ID', factPatches: { bcc: { responseShape: { requestIdHeader: null } } } },
  'accept-same-password': { description: 'DCS accepts a new password equal to the old one', caughtBy: 'DCS-PWD-NEW-DIFFERS', factPatches: { dcs: { passwordPolicy: { mustDifferFromOld: false } } } },
  'two-classes-enough': { description: 'DCS accepts passwords with two character classes', caughtBy: 'DCS-PWD-CLASSES', factPatches: { dcs: { passwordPolicy: { minClasses: 2 } } } },
  'drop-password-writes': { description: 'success is reported but the password is not stored', caughtBy: 'BCC-PWD-ACCEPT-VALID', behaviour: { dropPasswordWrites: true } },
  'password-free-allowed': { description: 'DCS changes the password of a password-free instance', caughtBy: 'DCS-PASSWORD-FREE-4850', factPatches: { dcs: { statuses: { passwordFree: null } } } },
  'empty-body-4005': { description: 'DCS answers an empty body with DCS.4005 instead of DCS.4004 (a SHOULD rule)', caughtBy: 'DCS-BODY-EMPTY-4004', factPatches: { dcs: { requestErrors: { emptyBody: 'DCS.4005' } } } },
  'not-found-500': { description: 'BCC answers an unknown instance with 500 InternalError', caughtBy: 'BCC-NOT-FOUND', factPatches: { bcc: { notFound: 'InternalError' } } },
};

/** Looks up planted faults by name; unknown names are a usage error listing the known ones. */
export function plantedFaults(names: readonly string[]): PlantedFault[] {
  return names.map((name) => {
    const fault = PLANTED_FAULTS[name];
    if (!fault) throw new KitError('USAGE', `Unknown planted fault "${name}"`, `use one of: ${Object.keys(PLANTED_FAULTS).join(', ')}`);
    return fault;
  });
}
