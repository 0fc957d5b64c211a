// Shamir's secret sharing over GF(256), the association recovery key's k-of-n split.
//
// Field: GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1 (0x11b), as
// vsss-rs, SLIP-39 and most byte-wise implementations use. Each byte of the
// secret is the constant term of its own random polynomial of degree k-1.
//
// Raw shares (splitBytes/combineBytes) are laid out like vsss-rs's Gf256
// byte shares: the x-coordinate (identifier) as the first byte, then one
// y byte per secret byte, in the secret's byte order. Identifiers are 1..n in
// order; 0 is never an identifier (it is where the secret sits).
//
// Coefficients: every coefficient above the constant, the leading one
// included, is uniform over 0..255 from crypto.getRandomValues. Drawing from
// 1..255 (the `sharks` bug, RUSTSEC-2024-0398; also a vsss-rs finding fixed in
// 5.4) biases the shares: k-1 shares then rule candidate secrets out, and
// re-sharing the same secret many times leaks it. A zero leading coefficient
// is not a weakness: with uniform coefficients, any k-1 shares are consistent
// with every possible secret byte, exactly once each.
//
// Field arithmetic is branch-free on secret data (no log tables indexed by
// secret bytes), in the spirit of constant time; JavaScript promises nothing
// stronger.

import { FormatError, VaultError, concat, encodeContext, equalBytes, randomBytes } from "./bytes.js";
import { WORDS } from "./wordlist.js";

export class ShareError extends VaultError {
  constructor(code, message, details = {}) {
    super(code, message, details);
    this.name = "ShareError";
  }
}

function mul(a, b) {
  let product = 0;
  for (let i = 0; i < 8; i++) {
    product ^= -(b & 1) & a;
    // Multiply a by x, reducing by 0x11b when bit 7 falls out.
    a = ((a << 1) ^ (-(a >> 7) & 0x11b)) & 0xff;
    b >>= 1;
  }
  return product;
}

// a^254 = a^-1 in GF(256)*, by square and multiply over the fixed exponent.
function inverse(a) {
  let result = 1;
  let power = a;
  for (let e = 254; e > 0; e >>= 1) {
    if (e & 1) result = mul(result, power);
    power = mul(power, power);
  }
  return result;
}

export const gf256 = { mul, inverse };

function checkParameters(k, n) {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 2 || n < k || n > 255) {
    throw new ShareError("parameters", "need whole numbers with 2 ≤ k ≤ n ≤ 255");
  }
}

// Evaluates the polynomial with the given coefficients (constant first) at x, by Horner's rule.
function evaluate(coefficients, x) {
  let y = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) y = mul(y, x) ^ coefficients[i];
  return y;
}

// Raw split: n shares [x, y_0 .. y_{len-1}] with x = 1..n. `random` is for
// tests with fixed coefficients: given the byte index it returns the k-1
// coefficients above the constant. Leave it out in real use.
export function splitBytes(secret, k, n, random) {
  checkParameters(k, n);
  if (!(secret instanceof Uint8Array) || secret.length === 0) throw new ShareError("parameters", "empty secret");
  const shares = Array.from({ length: n }, (_, i) => {
    const share = new Uint8Array(secret.length + 1);
    share[0] = i + 1;
    return share;
  });
  const coefficients = new Uint8Array(k);
  for (let b = 0; b < secret.length; b++) {
    coefficients[0] = secret[b];
    coefficients.set(random ? random(b) : randomBytes(k - 1), 1);
    for (const share of shares) share[b + 1] = evaluate(coefficients, share[0]);
  }
  coefficients.fill(0);
  return shares;
}

// Lagrange interpolation at x = 0. With fewer shares than the threshold this
// returns a wrong secret without knowing it: the share format below and the
// recovery check are what catch that.
export function combineBytes(shares) {
  if (!Array.isArray(shares) || shares.length < 2) throw new ShareError("too-few-shares", "at least two shares are needed", { needed: 2, got: shares?.length ?? 0 });
  const length = shares[0].length;
  if (length < 2 || shares.some((s) => !(s instanceof Uint8Array) || s.length !== length)) {
    throw new ShareError("share-length", "shares differ in length or are empty");
  }
  const xs = shares.map((s) => s[0]);
  if (xs.includes(0)) throw new ShareError("zero-identifier", "a share has identifier 0");
  if (new Set(xs).size !== xs.length) throw new ShareError("duplicate-share", "the same share was given twice", { identifiers: xs });
  // Basis polynomial values at 0: l_i(0) = prod_{j≠i} x_j / (x_j - x_i); minus is xor.
  const basis = xs.map((xi, i) => {
    let numerator = 1;
    let denominator = 1;
    xs.forEach((xj, j) => {
      if (i === j) return;
      numerator = mul(numerator, xj);
      denominator = mul(denominator, xj ^ xi);
    });
    return mul(numerator, inverse(denominator));
  });
  const secret = new Uint8Array(length - 1);
  for (let b = 1; b < length; b++) {
    let byte = 0;
    shares.forEach((share, i) => {
      byte ^= mul(share[b], basis[i]);
    });
    secret[b - 1] = byte;
  }
  return secret;
}

// The share format of the vault (version 1): what is encrypted to a holder
// and printed on their sheet.
//
//   version(1)=1 | set(2) | threshold k(1) | raw share: x(1) | y(len + 4)
//
// `set` is a random 16-bit tag common to the n shares of one split, so shares
// of an older split (before a handover's rekey) are refused when mixed in. The
// split secret is the secret followed by 4 bytes of SHA-256 over a label, the
// set and the secret: recombining checks them, so too few, wrong or altered
// shares give a typed error rather than a wrong key (like SLIP-39's digest).
// The recovery key is also checked against a blob it sealed (seal.js's
// verifyRecoverySecret), which does not rely on this digest.
const SHARE_VERSION = 1;
const HEADER = 4;
const DIGEST = 4;

async function digest(set, secret) {
  const hash = await crypto.subtle.digest("SHA-256", concat(encodeContext("preau-vault/share-digest/v1", []), set, secret));
  return new Uint8Array(hash, 0, DIGEST);
}

export async function splitSecret(secret, k, n) {
  checkParameters(k, n);
  if (!(secret instanceof Uint8Array) || secret.length < 1 || secret.length > 200) {
    throw new ShareError("parameters", "a secret is 1 to 200 bytes");
  }
  const set = randomBytes(2);
  const raw = splitBytes(concat(secret, await digest(set, secret)), k, n);
  return raw.map((share) => concat(Uint8Array.of(SHARE_VERSION, set[0], set[1], k), share));
}

export function describeShare(share) {
  if (!(share instanceof Uint8Array) || share.length < HEADER + 2 + DIGEST || share[0] !== SHARE_VERSION) {
    throw new FormatError("not a share of version 1");
  }
  return { set: (share[1] << 8) | share[2], threshold: share[3], x: share[4], secretLength: share.length - HEADER - 1 - DIGEST };
}

export async function combineSecret(shares) {
  if (!Array.isArray(shares) || shares.length === 0) throw new ShareError("too-few-shares", "no share given", { needed: 2, got: 0 });
  const described = shares.map(describeShare);
  const first = described[0];
  if (described.some((d) => d.set !== first.set || d.threshold !== first.threshold || d.secretLength !== first.secretLength)) {
    throw new ShareError("mixed-shares", "these shares come from different splits");
  }
  if (shares.length < first.threshold) {
    throw new ShareError("too-few-shares", `${first.threshold} shares are needed`, { needed: first.threshold, got: shares.length });
  }
  const joined = combineBytes(shares.map((s) => s.subarray(HEADER)));
  const secret = joined.subarray(0, joined.length - DIGEST);
  const set = shares[0].subarray(1, 3);
  if (!equalBytes(joined.subarray(joined.length - DIGEST), await digest(set, secret))) {
    throw new ShareError("integrity", "the shares do not recombine to a valid secret: one is wrong or altered");
  }
  return secret.slice();
}

// A share as a sheet of words. The share's bits, most significant first, are
// followed by a single 1 bit and zero bits up to a multiple of 11 (so the byte
// length needs no field), cut into 11-bit word indices. Words are in lines of
// up to five, each line ending with a check word: 11 bits of SHA-256 over the
// line number, the number of lines and the line's word indices. A typo that
// makes a word unknown is reported with its position; one that lands on
// another word of the list, or two words swapped, fails that line's check
// (one chance in 2,048 to slip through, which the share digest then catches).
// A 32-byte recovery key gives 41 share bytes, 30 words, 6 lines of 5 + 1.
const PER_LINE = 5;

function toIndices(bytes) {
  const indices = [];
  let acc = 0;
  let bits = 0;
  const push = (value, count) => {
    acc = (acc << count) | value;
    bits += count;
    while (bits >= 11) {
      bits -= 11;
      indices.push((acc >> bits) & 0x7ff);
      acc &= (1 << bits) - 1;
    }
  };
  for (const byte of bytes) push(byte, 8);
  push(1, 1);
  if (bits > 0) push(0, 11 - bits);
  return indices;
}

function fromIndices(indices) {
  const bits = [];
  for (const index of indices) for (let i = 10; i >= 0; i--) bits.push((index >> i) & 1);
  const end = bits.lastIndexOf(1);
  // After the data: one 1 bit, then at most ten 0 bits.
  if (end < 0 || end % 8 !== 0 || bits.length - end - 1 > 10) return null;
  const bytes = new Uint8Array(end / 8);
  for (let i = 0; i < bytes.length; i++) {
    for (let j = 0; j < 8; j++) bytes[i] = (bytes[i] << 1) | bits[i * 8 + j];
  }
  return bytes;
}

async function checkWord(lineNumber, lineCount, indices) {
  const data = new Uint8Array(indices.length * 2);
  indices.forEach((index, i) => {
    data[2 * i] = index >> 8;
    data[2 * i + 1] = index & 0xff;
  });
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(encodeContext("preau-vault/sheet-line/v1", [lineNumber, lineCount]), data)));
  return ((hash[0] << 8) | hash[1]) >> 5;
}

// Returns lines of words, each line's last word being its check word.
export async function shareToWords(share) {
  describeShare(share);
  const indices = toIndices(share);
  const lineCount = Math.ceil(indices.length / PER_LINE);
  const lines = [];
  for (let l = 0; l < lineCount; l++) {
    const data = indices.slice(l * PER_LINE, (l + 1) * PER_LINE);
    lines.push([...data, await checkWord(l + 1, lineCount, data)].map((i) => WORDS[i]));
  }
  return lines;
}

const byPrefix = new Map(WORDS.map((word, index) => [word.slice(0, 4), index]));

// Lower case, accents and anything but letters removed: "Abeille," reads as "abeille".
function normaliseWord(word) {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z]/g, "");
}

// Reads a sheet typed back: `lines` is an array of lines (each an array of
// words, or a string of words), or one string with one line per text line.
// Only the first four letters of each word count. Errors are ShareErrors with
// code "unknown-word" (line, word: 1-based, text), "checksum" (line) or
// "sheet-length".
export async function wordsToShare(lines) {
  const rows = (typeof lines === "string" ? lines.split(/\r?\n/) : lines)
    .map((line) => (typeof line === "string" ? line.split(/[\s,;]+/) : line).filter((w) => w.trim() !== ""))
    .filter((line) => line.length > 0);
  const lineCount = rows.length;
  const indices = [];
  for (const [l, row] of rows.entries()) {
    const rowIndices = row.map((word, w) => {
      const index = byPrefix.get(normaliseWord(word).slice(0, 4));
      if (normaliseWord(word).length < 4 || index === undefined) {
        throw new ShareError("unknown-word", `line ${l + 1}, word ${w + 1}: "${word}" is not in the word list`, { line: l + 1, word: w + 1, text: word });
      }
      return index;
    });
    if (rowIndices.length < 2 || (l < lineCount - 1 && rowIndices.length !== PER_LINE + 1)) {
      throw new ShareError("sheet-length", `line ${l + 1} has ${row.length} words`, { line: l + 1 });
    }
    const data = rowIndices.slice(0, -1);
    if (rowIndices.at(-1) !== await checkWord(l + 1, lineCount, data)) {
      throw new ShareError("checksum", `line ${l + 1} does not match its check word: a word is mistyped or out of order`, { line: l + 1 });
    }
    indices.push(...data);
  }
  const share = fromIndices(indices);
  if (share === null) throw new ShareError("sheet-length", "the sheet does not end where a share ends: a line is missing");
  try {
    describeShare(share);
  } catch {
    throw new ShareError("sheet-length", "the words do not make a share of this version");
  }
  return share;
}
