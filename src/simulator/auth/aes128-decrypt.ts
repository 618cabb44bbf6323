/**
 * AES-128 block decryption (FIPS 197) in JavaScript, for BCC's `adminPass` (AES-128-ECB).
 *
 * Why not node's `Decipher`: an adminPass is one or two blocks, and inside the HTTP server each
 * native call (`update`: hex decoding, two allocations, a new Buffer) cost more than twice what
 * it costs in a loop (bench/README.md, round 5). Table-driven decryption of a block is a few
 * hundred integer operations. The tables are computed here from the field arithmetic, not typed
 * in; `aes128-decrypt.test.ts` checks every result against node's `aes-128-ecb` decipher.
 */

/** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
function gmul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) product ^= a;
    const high = a & 0x80;
    a = (a << 1) & 0xff;
    if (high) a ^= 0x1b;
    b >>= 1;
  }
  return product;
}

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
{
  // The S-box: the multiplicative inverse followed by the affine map (FIPS 197 §5.1.1).
  for (let x = 0; x < 256; x++) {
    let inverse = 0;
    for (let y = 1; y < 256 && x !== 0; y++) {
      if (gmul(x, y) === 1) {
        inverse = y;
        break;
      }
    }
    let s = inverse;
    for (let shift = 1; shift <= 4; shift++) s ^= ((inverse << shift) | (inverse >> (8 - shift))) & 0xff;
    SBOX[x] = s ^ 0x63;
  }
  for (let x = 0; x < 256; x++) INV_SBOX[SBOX[x]!] = x;
}

/** TD[k][x]: InvSubBytes then InvMixColumns of byte x in row k, as a column word (big-endian). */
const TD = [0, 1, 2, 3].map(() => new Uint32Array(256));
for (let x = 0; x < 256; x++) {
  const s = INV_SBOX[x]!;
  const word = ((gmul(s, 14) << 24) | (gmul(s, 9) << 16) | (gmul(s, 13) << 8) | gmul(s, 11)) >>> 0;
  for (let k = 0; k < 4; k++) TD[k]![x] = ((word >>> (8 * k)) | (word << (32 - 8 * k))) >>> 0;
}
const [TD0, TD1, TD2, TD3] = TD as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];

/** The 44 round-key words of the equivalent inverse cipher (FIPS 197 §5.3.5), in decryption order. */
export type Aes128DecryptionKey = Uint32Array;

/** Expands a 16-byte key for {@link aes128DecryptBlocks}. */
export function aes128DecryptionKey(key: Uint8Array): Aes128DecryptionKey {
  if (key.length !== 16) throw new RangeError(`an AES-128 key is 16 bytes, got ${key.length}`);
  const w = new Uint32Array(44);
  for (let i = 0; i < 4; i++) w[i] = ((key[4 * i]! << 24) | (key[4 * i + 1]! << 16) | (key[4 * i + 2]! << 8) | key[4 * i + 3]!) >>> 0;
  let rcon = 1;
  for (let i = 4; i < 44; i++) {
    let t = w[i - 1]!;
    if (i % 4 === 0) {
      // RotWord, SubWord, Rcon.
      t = ((SBOX[(t >>> 16) & 0xff]! << 24) | (SBOX[(t >>> 8) & 0xff]! << 16) | (SBOX[t & 0xff]! << 8) | SBOX[t >>> 24]!) ^ (rcon << 24);
      rcon = gmul(rcon, 2);
    }
    w[i] = (w[i - 4]! ^ t) >>> 0;
  }
  // Decryption order: the last round key first; the middle ones through InvMixColumns
  // (TD of SBOX[x] is InvMixColumns of x alone, since InvSubBytes undoes SubBytes).
  const dk = new Uint32Array(44);
  for (let round = 0; round <= 10; round++) {
    for (let j = 0; j < 4; j++) {
      const word = w[4 * (10 - round) + j]!;
      dk[4 * round + j] =
        round === 0 || round === 10 ? word : (TD0[SBOX[word >>> 24]!]! ^ TD1[SBOX[(word >>> 16) & 0xff]!]! ^ TD2[SBOX[(word >>> 8) & 0xff]!]! ^ TD3[SBOX[word & 0xff]!]!) >>> 0;
    }
  }
  return dk;
}

const readWord = (bytes: Uint8Array, at: number): number => (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;

function writeWord(bytes: Uint8Array, at: number, word: number): void {
  bytes[at] = word >>> 24;
  bytes[at + 1] = word >>> 16;
  bytes[at + 2] = word >>> 8;
  bytes[at + 3] = word;
}

/**
 * Decrypts the first `length` bytes (whole 16-byte blocks; default all) of `input` into `output`
 * (may be the same array), each block on its own (ECB). Throws on a length that is not a
 * multiple of 16 or does not fit.
 */
export function aes128DecryptBlocks(dk: Aes128DecryptionKey, input: Uint8Array, output: Uint8Array, length = input.length): void {
  if (length % 16 !== 0 || length > input.length || output.length < length) throw new RangeError(`AES-128 decrypts whole 16-byte blocks; got ${length} of ${input.length} bytes into ${output.length}`);
  for (let at = 0; at < length; at += 16) {
    let s0 = readWord(input, at) ^ dk[0]!;
    let s1 = readWord(input, at + 4) ^ dk[1]!;
    let s2 = readWord(input, at + 8) ^ dk[2]!;
    let s3 = readWord(input, at + 12) ^ dk[3]!;
    for (let k = 4; k < 40; k += 4) {
      const t0 = TD0[s0 >>> 24]! ^ TD1[(s3 >>> 16) & 0xff]! ^ TD2[(s2 >>> 8) & 0xff]! ^ TD3[s1 & 0xff]! ^ dk[k]!;
      const t1 = TD0[s1 >>> 24]! ^ TD1[(s0 >>> 16) & 0xff]! ^ TD2[(s3 >>> 8) & 0xff]! ^ TD3[s2 & 0xff]! ^ dk[k + 1]!;
      const t2 = TD0[s2 >>> 24]! ^ TD1[(s1 >>> 16) & 0xff]! ^ TD2[(s0 >>> 8) & 0xff]! ^ TD3[s3 & 0xff]! ^ dk[k + 2]!;
      const t3 = TD0[s3 >>> 24]! ^ TD1[(s2 >>> 16) & 0xff]! ^ TD2[(s1 >>> 8) & 0xff]! ^ TD3[s0 & 0xff]! ^ dk[k + 3]!;
      s0 = t0;
      s1 = t1;
      s2 = t2;
      s3 = t3;
    }
    // The last round: InvShiftRows and InvSubBytes, no InvMixColumns.
    writeWord(output, at, ((INV_SBOX[s0 >>> 24]! << 24) | (INV_SBOX[(s3 >>> 16) & 0xff]! << 16) | (INV_SBOX[(s2 >>> 8) & 0xff]! << 8) | INV_SBOX[s1 & 0xff]!) ^ dk[40]!);
    writeWord(output, at + 4, ((INV_SBOX[s1 >>> 24]! << 24) | (INV_SBOX[(s0 >>> 16) & 0xff]! << 16) | (INV_SBOX[(s3 >>> 8) & 0xff]! << 8) | INV_SBOX[s2 & 0xff]!) ^ dk[41]!);
    writeWord(output, at + 8, ((INV_SBOX[s2 >>> 24]! << 24) | (INV_SBOX[(s1 >>> 16) & 0xff]! << 16) | (INV_SBOX[(s0 >>> 8) & 0xff]! << 8) | INV_SBOX[s3 & 0xff]!) ^ dk[42]!);
    writeWord(output, at + 12, ((INV_SBOX[s3 >>> 24]! << 24) | (INV_SBOX[(s2 >>> 16) & 0xff]! << 16) | (INV_SBOX[(s1 >>> 8) & 0xff]! << 8) | INV_SBOX[s0 & 0xff]!) ^ dk[43]!);
  }
}
