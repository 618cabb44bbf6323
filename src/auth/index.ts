/** Public surface of the kit's own request signers and the BCC password cipher. */
export {
  bceCanonicalRequest,
  bceDefaultSignedHeaders,
  bceSignature,
  bceSigningKey,
  bceTimestamp,
  signBceRequest,
} from './bce-auth-v1.ts';
export type { BceCanonicalParts, BceCredentials, BceSignOptions } from './bce-auth-v1.ts';
export {
  sdkHmacCanonicalRequest,
  sdkHmacDate,
  sdkHmacSignature,
  sdkHmacStringToSign,
  signSdkHmacRequest,
} from './sdk-hmac-sha256.ts';
export type { SdkHmacCanonicalParts, SdkHmacCredentials, SdkHmacSignOptions } from './sdk-hmac-sha256.ts';
export { adminPassKey, encryptAdminPass } from './password-cipher.ts';
