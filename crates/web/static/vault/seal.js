// Sealing: entries and files under a collection key, collection keys for
// members and under the association recovery key.
//
// Every sealed value is one opaque base64url string the server stores as it
// is. Its bytes start with a format version (1) and a kind, both also bound
// into the AES-GCM additional data, so a value of one kind cannot be replayed
// as another:
//
//   record    01 01 | nonce(12) | AES-GCM(JSON)            AAD: collection, entry, version
//   file      01 02 | nonce(12) | AES-GCM(bytes)           AAD: collection, entry, file
//   sealed-to 01 03 | ephemeral P-256 point(65) | nonce(12) | AES-GCM(bytes)   AAD: purpose
//   recovery  01 04 | nonce(12) | AES-GCM(bytes)           AAD: purpose
//   file-meta 01 05 | nonce(12) | AES-GCM(JSON)            AAD: collection, entry, file
//
// A file's content (kind 2, raw bytes, not base64) is under a random key of
// its own; that key, the name, media type and size are the file's metadata
// (kind 5), sealed under the collection key.
//
// Nonces are 96 random bits; a collection key seals at most a few thousand
// values between rotations, far below the 2^32 messages where random nonces
// would start to risk a repeat.

import {
  AuthenticationError, FormatError, concat, encodeContext, fromBase64url, fromUtf8, randomBytes,
  toBase64url, utf8,
} from "./bytes.js";

const VERSION = 1;
const KIND = { record: 1, file: 2, sealedTo: 3, recovery: 4, fileMeta: 5 };
const ECDH = { name: "ECDH", namedCurve: "P-256" };
const AES = { name: "AES-GCM", length: 256 };

function frame(kind, ...parts) {
  return toBase64url(concat(Uint8Array.of(VERSION, kind), ...parts));
}

function unframeBytes(bytes, kind, minLength) {
  if (!(bytes instanceof Uint8Array) || bytes.length < 2 + minLength || bytes[0] !== VERSION || bytes[1] !== kind) {
    throw new FormatError("not a sealed value of the expected kind and version");
  }
  return bytes.subarray(2);
}

const unframe = (text, kind, minLength) => unframeBytes(fromBase64url(text), kind, minLength);

function aad(kind, label, fields) {
  return concat(Uint8Array.of(VERSION, kind), encodeContext(label, fields));
}

function entryContext(context) {
  const { collection, entry, version } = context ?? {};
  if (collection === undefined || entry === undefined || !Number.isInteger(version) || version < 0) {
    throw new FormatError("context needs a collection, an entry and a whole version number");
  }
  return [collection, entry, version];
}

function fileContext(context) {
  const { collection, entry, file } = context ?? {};
  if (collection === undefined || entry === undefined || file === undefined) {
    throw new FormatError("context needs a collection, an entry and a file");
  }
  return [collection, entry, file];
}

async function gcmSeal(key, plaintext, additionalData) {
  const nonce = randomBytes(12);
  const sealed = await crypto.subtle.encrypt({ name: "AES-GCM", iv: nonce, additionalData }, key, plaintext);
  return concat(nonce, new Uint8Array(sealed));
}

async function gcmOpen(key, bytes, additionalData, what) {
  try {
    return new Uint8Array(await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes.subarray(0, 12), additionalData }, key, bytes.subarray(12),
    ));
  } catch {
    throw new AuthenticationError(what);
  }
}

// Extractable, since the point of a collection key is to be wrapped for others.
export async function generateCollectionKey() {
  return crypto.subtle.generateKey(AES, true, ["encrypt", "decrypt"]);
}

export async function importCollectionKey(raw) {
  if (raw.length !== 32) throw new FormatError("a collection key is 32 bytes");
  return crypto.subtle.importKey("raw", raw, AES, true, ["encrypt", "decrypt"]);
}

// An entry (any JSON value) under a collection key. A version bump per save
// stops the server from serving an older sealed copy under the newer version.
export async function sealRecord(key, record, context) {
  const additional = aad(KIND.record, "preau-vault/record/v1", entryContext(context));
  return frame(KIND.record, await gcmSeal(key, utf8(JSON.stringify(record)), additional));
}

export async function openRecord(key, sealed, context) {
  const additional = aad(KIND.record, "preau-vault/record/v1", entryContext(context));
  const plain = await gcmOpen(key, unframe(sealed, KIND.record, 28), additional, "entry");
  return JSON.parse(fromUtf8(plain));
}

// What sealing adds to a file's content: version, kind, nonce, tag. The
// server counts sealed bytes against its limits (domain::vault, same figure).
export const FILE_OVERHEAD = 2 + 12 + 16;

// A file attached to an entry. The content goes under a fresh random key;
// that key, the name, the media type and the size go under the collection
// key as the file's metadata. Both are bound to (collection, entry, file):
// the server cannot hand one file's content or metadata out as another's.
// A key rotation seals the metadata again (sealFileMeta) and leaves the
// content alone. Returns { meta: string, content: Uint8Array }.
export async function sealFile(collectionKey, { name, type, bytes }, context) {
  const binding = fileContext(context);
  if (!(bytes instanceof Uint8Array)) throw new FormatError("a file's content is a Uint8Array");
  const raw = randomBytes(32);
  const fileKey = await crypto.subtle.importKey("raw", raw, AES, false, ["encrypt"]);
  const sealed = await gcmSeal(fileKey, bytes, aad(KIND.file, "preau-vault/file/v1", binding));
  const meta = await sealFileMeta(collectionKey, { name: String(name), type: type || "application/octet-stream", size: bytes.length, key: toBase64url(raw) }, context);
  raw.fill(0);
  return { meta, content: concat(Uint8Array.of(VERSION, KIND.file), sealed) };
}

// The metadata alone: { name, type, size, key } with `key` the file key in base64url.
export async function sealFileMeta(collectionKey, meta, context) {
  const additional = aad(KIND.fileMeta, "preau-vault/file-meta/v1", fileContext(context));
  return frame(KIND.fileMeta, await gcmSeal(collectionKey, utf8(JSON.stringify(meta)), additional));
}

export async function openFileMeta(collectionKey, sealed, context) {
  const additional = aad(KIND.fileMeta, "preau-vault/file-meta/v1", fileContext(context));
  const meta = JSON.parse(fromUtf8(await gcmOpen(collectionKey, unframe(sealed, KIND.fileMeta, 28), additional, "file metadata")));
  if (typeof meta?.name !== "string" || typeof meta.key !== "string" || !Number.isInteger(meta.size)) {
    throw new FormatError("file metadata without a name, a size or a key");
  }
  return meta;
}

// Opens a file's content with the key its metadata carries ({ name, type,
// bytes } out). Content sealed for another file fails authentication.
export async function openFile(collectionKey, sealedMeta, content, context) {
  const meta = await openFileMeta(collectionKey, sealedMeta, context);
  let fileKey;
  try {
    fileKey = await crypto.subtle.importKey("raw", fromBase64url(meta.key), AES, false, ["decrypt"]);
  } catch {
    throw new FormatError("file metadata with a malformed key");
  }
  const additional = aad(KIND.file, "preau-vault/file/v1", fileContext(context));
  const bytes = await gcmOpen(fileKey, unframeBytes(content, KIND.file, 28), additional, "file");
  if (bytes.length !== meta.size) throw new FormatError("file of another size than its metadata says");
  return { name: meta.name, type: meta.type, bytes };
}

// HPKE-like base mode (RFC 9180 in spirit, not its wire format): a fresh
// ephemeral P-256 key, ECDH with the recipient's public key, HKDF-SHA-256
// salted with both public points, then AES-256-GCM. `purpose` is a string
// naming what is sealed and for whom (e.g. "collection-key:12:member:7");
// opening with another purpose fails, so a wrapped key cannot be moved to
// another collection or member by the server.
export async function sealTo(recipientPublicKey, bytes, purpose) {
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ["deriveBits"]);
  const ephemeralPoint = new Uint8Array(await crypto.subtle.exportKey("raw", ephemeral.publicKey));
  const recipientPoint = new Uint8Array(await crypto.subtle.exportKey("raw", recipientPublicKey));
  const shared = await crypto.subtle.deriveBits({ name: "ECDH", public: recipientPublicKey }, ephemeral.privateKey, 256);
  const key = await sealingKey(shared, ephemeralPoint, recipientPoint, purpose);
  const additional = aad(KIND.sealedTo, "preau-vault/sealed-to/v1", [purpose]);
  return frame(KIND.sealedTo, ephemeralPoint, await gcmSeal(key, bytes, additional));
}

// `recipient` is the member's encryption pair { privateKey, publicKey } as
// unwrapMemberKeys returns it.
export async function openSealed(recipient, sealed, purpose) {
  const bytes = unframe(sealed, KIND.sealedTo, 65 + 28);
  const ephemeralPoint = bytes.subarray(0, 65);
  let ephemeral;
  try {
    ephemeral = await crypto.subtle.importKey("raw", ephemeralPoint, ECDH, false, []);
  } catch {
    throw new AuthenticationError("sealed value");
  }
  const recipientPoint = new Uint8Array(await crypto.subtle.exportKey("raw", recipient.publicKey));
  const shared = await crypto.subtle.deriveBits({ name: "ECDH", public: ephemeral }, recipient.privateKey, 256);
  const key = await sealingKey(shared, ephemeralPoint, recipientPoint, purpose);
  const additional = aad(KIND.sealedTo, "preau-vault/sealed-to/v1", [purpose]);
  return gcmOpen(key, bytes.subarray(65), additional, "sealed value");
}

async function sealingKey(shared, ephemeralPoint, recipientPoint, purpose) {
  const ikm = await crypto.subtle.importKey("raw", shared, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: concat(ephemeralPoint, recipientPoint), info: encodeContext("preau-vault/sealed-to-key/v1", [purpose]) },
    ikm, AES, false, ["encrypt", "decrypt"],
  );
}

const keyPurpose = (collection, member) => `collection-key:${collection}:member:${member}`;

export async function wrapKeyForMember(collectionKey, memberPublicKey, { collection, member }) {
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", collectionKey));
  return sealTo(memberPublicKey, raw, keyPurpose(collection, member));
}

export async function unwrapKeyForMember(wrapped, memberEncryptionPair, { collection, member }) {
  return importCollectionKey(await openSealed(memberEncryptionPair, wrapped, keyPurpose(collection, member)));
}

// The association recovery key is 32 random bytes: it is what Shamir splits.
// The AES key that wraps collection keys is derived from it by HKDF, so the
// secret itself is never used directly as a cipher key.
export function generateRecoverySecret() {
  return randomBytes(32);
}

async function recoveryKey(secret) {
  if (!(secret instanceof Uint8Array) || secret.length !== 32) throw new FormatError("a recovery secret is 32 bytes");
  const ikm = await crypto.subtle.importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: utf8("preau-vault/recovery-key/v1") },
    ikm, AES, false, ["encrypt", "decrypt"],
  );
}

export async function wrapKeyWithRecovery(collectionKey, recoverySecret, { collection }) {
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", collectionKey));
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", [`collection-key:${collection}`]);
  return frame(KIND.recovery, await gcmSeal(await recoveryKey(recoverySecret), raw, additional));
}

export async function unwrapKeyWithRecovery(wrapped, recoverySecret, { collection }) {
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", [`collection-key:${collection}`]);
  const raw = await gcmOpen(await recoveryKey(recoverySecret), unframe(wrapped, KIND.recovery, 28), additional, "wrapped key");
  return importCollectionKey(raw);
}

// A known value sealed under the recovery key, stored by the server when the
// key is made. A secret recombined from shares is accepted only if it opens
// this (AES-GCM authentication), so wrong or forged shares are caught before
// anything is unwrapped with the result.
export async function makeRecoveryCheck(recoverySecret) {
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", ["check"]);
  return frame(KIND.recovery, await gcmSeal(await recoveryKey(recoverySecret), utf8("preau recovery key"), additional));
}

export async function verifyRecoverySecret(recoverySecret, check) {
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", ["check"]);
  try {
    await gcmOpen(await recoveryKey(recoverySecret), unframe(check, KIND.recovery, 28), additional, "recovery check");
    return true;
  } catch (e) {
    if (e instanceof AuthenticationError) return false;
    throw e;
  }
}

// Any bytes under the recovery key, bound to `purpose`: the recovery key
// pair's private key is kept this way, so collection keys can be sealed to
// its public key by anyone while only a recombined secret opens them.
export async function sealWithRecovery(recoverySecret, bytes, purpose) {
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", [purpose]);
  return frame(KIND.recovery, await gcmSeal(await recoveryKey(recoverySecret), bytes, additional));
}

export async function openWithRecovery(recoverySecret, sealed, purpose) {
  const additional = aad(KIND.recovery, "preau-vault/recovery/v1", [purpose]);
  return gcmOpen(await recoveryKey(recoverySecret), unframe(sealed, KIND.recovery, 28), additional, "recovery-sealed value");
}
