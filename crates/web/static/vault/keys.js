// A member's key pairs, and their private keys wrapped under the vault passphrase.
//
// P-256 for both pairs: ECDH for receiving collection keys and shares, ECDSA for
// signing what the member approves. X25519/Ed25519 would be nicer but are not
// in every browser's Web Crypto yet; P-256 is everywhere (and in Node).
//
// The server keeps the wrapped blob and the public keys. The passphrase and
// the private keys never leave the browser.

import {
  AuthenticationError, FormatError, WrongPassphraseError, concat, encodeContext, equalBytes,
  fromBase64url, fromUtf8, randomBytes, toBase64url, utf8,
} from "./bytes.js";

// OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. Stored in each blob, so a later
// release can raise it and rewrap at the next unlock.
export const DEFAULT_ITERATIONS = 600_000;
const MIN_ITERATIONS = 600_000;
// Far above anything we would choose; refusing more stops a blob from freezing the tab.
const MAX_ITERATIONS = 20_000_000;

const ECDH = { name: "ECDH", namedCurve: "P-256" };
const ECDSA = { name: "ECDSA", namedCurve: "P-256" };
const BLOB_KIND = "preau-member-keys";

export async function generateMemberKeys() {
  const encryption = await crypto.subtle.generateKey(ECDH, true, ["deriveBits"]);
  const signing = await crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]);
  return { encryption, signing };
}

// Public keys as unpadded base64url of the 65-byte uncompressed point: what the
// server stores and hands to other members.
export async function exportPublicKeys(keys) {
  return {
    encryption: toBase64url(new Uint8Array(await crypto.subtle.exportKey("raw", keys.encryption.publicKey))),
    signing: toBase64url(new Uint8Array(await crypto.subtle.exportKey("raw", keys.signing.publicKey))),
  };
}

export async function importPublicKeys(exported) {
  try {
    return {
      encryption: await crypto.subtle.importKey("raw", fromBase64url(exported.encryption), ECDH, true, []),
      signing: await crypto.subtle.importKey("raw", fromBase64url(exported.signing), ECDSA, true, ["verify"]),
    };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError("not a P-256 public key");
  }
}

// PBKDF2 stretches the passphrase; HKDF then splits the result into the key
// that seals the private keys and a check value, so that a wrong passphrase
// (check differs) is told apart from a tampered blob (check matches, GCM fails).
async function deriveFromPassphrase(passphrase, salt, iterations) {
  // NFKC so that the same passphrase typed on another keyboard or OS gives the
  // same bytes (NIST SP 800-63B asks for a normalisation).
  const material = await crypto.subtle.importKey("raw", utf8(passphrase.normalize("NFKC")), "PBKDF2", false, ["deriveBits"]);
  const stretched = await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, material, 256);
  const hkdf = await crypto.subtle.importKey("raw", stretched, "HKDF", false, ["deriveBits", "deriveKey"]);
  const kek = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: utf8("preau-vault/kek/v1") },
    hkdf, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"],
  );
  const check = new Uint8Array(await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: utf8("preau-vault/passphrase-check/v1") }, hkdf, 128,
  ));
  return { kek, check };
}

function blobContext(iterations, salt, publicKeys) {
  return encodeContext("preau-vault/member-keys/v1", [iterations, salt, publicKeys.encryption, publicKeys.signing]);
}

function checkIterations(iterations) {
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new FormatError(`PBKDF2 iterations must be between ${MIN_ITERATIONS} and ${MAX_ITERATIONS}`);
  }
}

// Returns the JSON text the server stores. The public keys ride along in clear
// and are bound to the sealed private keys by the AAD, so they cannot be
// swapped without the unwrap failing.
export async function wrapMemberKeys(keys, passphrase, { iterations = DEFAULT_ITERATIONS } = {}) {
  checkIterations(iterations);
  if (typeof passphrase !== "string" || passphrase.length === 0) throw new FormatError("empty passphrase");
  const salt = toBase64url(randomBytes(16));
  const publicKeys = await exportPublicKeys(keys);
  const { kek, check } = await deriveFromPassphrase(passphrase, fromBase64url(salt), iterations);
  const secret = utf8(JSON.stringify({
    encryption: toBase64url(new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.encryption.privateKey))),
    signing: toBase64url(new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.signing.privateKey))),
  }));
  const nonce = randomBytes(12);
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: nonce, additionalData: blobContext(iterations, salt, publicKeys) }, kek, secret,
  ));
  return JSON.stringify({
    v: 1,
    kind: BLOB_KIND,
    kdf: { name: "PBKDF2-SHA-256", iterations, salt },
    check: toBase64url(check),
    public: publicKeys,
    sealed: toBase64url(concat(nonce, sealed)),
  });
}

export function parseMemberKeysBlob(blob) {
  let parsed;
  try {
    parsed = typeof blob === "string" ? JSON.parse(blob) : blob;
  } catch {
    throw new FormatError("member key blob is not JSON");
  }
  if (parsed?.v !== 1 || parsed.kind !== BLOB_KIND || parsed.kdf?.name !== "PBKDF2-SHA-256"
    || typeof parsed.kdf.salt !== "string" || typeof parsed.check !== "string"
    || typeof parsed.sealed !== "string" || typeof parsed.public?.encryption !== "string"
    || typeof parsed.public?.signing !== "string") {
    throw new FormatError("not a member key blob of version 1");
  }
  checkIterations(parsed.kdf.iterations);
  return parsed;
}

// Unlocks a blob. Throws WrongPassphraseError when the passphrase is wrong,
// AuthenticationError when the blob was altered. `extractable` is only for
// rewrapping (changePassphrase); pages keep the default.
export async function unwrapMemberKeys(blob, passphrase, { extractable = false } = {}) {
  const parsed = parseMemberKeysBlob(blob);
  const { iterations, salt } = parsed.kdf;
  const { kek, check } = await deriveFromPassphrase(passphrase, fromBase64url(salt), iterations);
  if (!equalBytes(check, fromBase64url(parsed.check))) throw new WrongPassphraseError();
  const sealed = fromBase64url(parsed.sealed);
  let secret;
  try {
    secret = JSON.parse(fromUtf8(new Uint8Array(await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: sealed.subarray(0, 12), additionalData: blobContext(iterations, salt, parsed.public) },
      kek, sealed.subarray(12),
    ))));
  } catch {
    throw new AuthenticationError("member key blob");
  }
  const publicKeys = await importPublicKeys(parsed.public);
  return {
    encryption: {
      privateKey: await crypto.subtle.importKey("pkcs8", fromBase64url(secret.encryption), ECDH, extractable, ["deriveBits"]),
      publicKey: publicKeys.encryption,
    },
    signing: {
      privateKey: await crypto.subtle.importKey("pkcs8", fromBase64url(secret.signing), ECDSA, extractable, ["sign"]),
      publicKey: publicKeys.signing,
    },
    publicKeys: parsed.public,
    // Lets the page rewrap under a higher count after a successful unlock.
    iterations,
  };
}

// New passphrase (or a higher iteration count), same keys.
export async function changePassphrase(blob, oldPassphrase, newPassphrase, options = {}) {
  const keys = await unwrapMemberKeys(blob, oldPassphrase, { extractable: true });
  return wrapMemberKeys(keys, newPassphrase, options);
}

// Six groups of five digits from SHA-256 over both public keys, for two people
// to read aloud and compare in person. Each group is a 40-bit slice taken
// modulo 100,000 (bias below 2^-23), about 99 bits in all.
export async function fingerprint(publicKeys) {
  const exported = publicKeys.encryption instanceof CryptoKey ? await exportPublicKeys({
    encryption: { publicKey: publicKeys.encryption }, signing: { publicKey: publicKeys.signing },
  }) : publicKeys;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", concat(
    utf8("preau-vault/fingerprint/v1"), fromBase64url(exported.encryption), fromBase64url(exported.signing),
  )));
  const groups = [];
  for (let g = 0; g < 6; g++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + digest[g * 5 + i];
    groups.push(String(value % 100_000).padStart(5, "0"));
  }
  return groups.join(" ");
}

// ECDSA P-256 with SHA-256, signature as 64 bytes (r || s) in base64url.
export async function signBytes(signingPrivateKey, bytes) {
  return toBase64url(new Uint8Array(await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, signingPrivateKey, bytes)));
}

export async function verifySignature(signingPublicKey, signature, bytes) {
  return crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, signingPublicKey, fromBase64url(signature), bytes);
}
