import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationError, FormatError, fromBase64url, toBase64url, utf8 } from "../../crates/web/static/vault/bytes.js";
import { generateMemberKeys } from "../../crates/web/static/vault/keys.js";
import {
  generateCollectionKey, generateRecoverySecret, makeRecoveryCheck, openRecord, openSealed, sealFile,
  sealRecord, sealTo, unwrapKeyForMember, unwrapKeyWithRecovery, verifyRecoverySecret, wrapKeyForMember,
  wrapKeyWithRecovery,
} from "../../crates/web/static/vault/seal.js";

const entry = { name: "Banque en ligne", login: "tresorier@asso.fr", password: "S3cret-tres-long!", urls: ["https://banque.example"] };
const context = { collection: 3, entry: 17, version: 2 };

function flip(sealed, at) {
  const bytes = fromBase64url(sealed);
  bytes[at] ^= 0x01;
  return toBase64url(bytes);
}

test("a record opens with its key and context, and its plaintext is not in the sealed text", async () => {
  const key = await generateCollectionKey();
  const sealed = await sealRecord(key, entry, context);
  assert.deepEqual(await openRecord(key, sealed, context), entry);
  assert.ok(!sealed.includes("tresorier") && !Buffer.from(fromBase64url(sealed)).includes("S3cret"));
  // Random nonces: the same record seals differently each time.
  assert.notEqual(await sealRecord(key, entry, context), sealed);
  assert.deepEqual(fromBase64url(sealed).subarray(0, 2), Uint8Array.of(1, 1));
});

test("tampering with any byte, or opening under another context or key, is an AuthenticationError", async () => {
  const key = await generateCollectionKey();
  const sealed = await sealRecord(key, entry, context);
  for (const at of [2, 13, 14, 30, fromBase64url(sealed).length - 1]) {
    await assert.rejects(openRecord(key, flip(sealed, at), context), AuthenticationError);
  }
  await assert.rejects(openRecord(key, sealed, { ...context, entry: 18 }), AuthenticationError);
  await assert.rejects(openRecord(key, sealed, { ...context, version: 1 }), AuthenticationError);
  await assert.rejects(openRecord(key, sealed, { ...context, collection: 4 }), AuthenticationError);
  await assert.rejects(openRecord(await generateCollectionKey(), sealed, context), AuthenticationError);
  // A file's metadata sealed under the same key is not accepted as a record.
  const file = await sealFile(key, { name: "a.pdf", type: "application/pdf", bytes: utf8("%PDF") }, { collection: 3, entry: 17, file: 2 });
  await assert.rejects(openRecord(key, file.meta, context), FormatError);
  await assert.rejects(openRecord(key, "AQE", context), FormatError);
  await assert.rejects(sealRecord(key, entry, { collection: 3, entry: 17 }), FormatError);
});

test("a collection key wrapped for a member opens only for that member, collection and purpose", async () => {
  const alice = await generateMemberKeys();
  const bob = await generateMemberKeys();
  const key = await generateCollectionKey();
  const wrapped = await wrapKeyForMember(key, alice.encryption.publicKey, { collection: 3, member: 7 });
  const unwrapped = await unwrapKeyForMember(wrapped, alice.encryption, { collection: 3, member: 7 });
  const sealed = await sealRecord(key, entry, context);
  assert.deepEqual(await openRecord(unwrapped, sealed, context), entry);
  await assert.rejects(unwrapKeyForMember(wrapped, bob.encryption, { collection: 3, member: 7 }), AuthenticationError);
  await assert.rejects(unwrapKeyForMember(wrapped, alice.encryption, { collection: 4, member: 7 }), AuthenticationError);
  await assert.rejects(unwrapKeyForMember(wrapped, alice.encryption, { collection: 3, member: 8 }), AuthenticationError);
  await assert.rejects(unwrapKeyForMember(flip(wrapped, 80), alice.encryption, { collection: 3, member: 7 }), AuthenticationError);
  // An ephemeral point off the curve is an authentication failure too, not a crash.
  await assert.rejects(openSealed(alice.encryption, flip(wrapped, 10), "collection-key:3:member:7"), AuthenticationError);
});

test("sealTo carries any bytes, e.g. a recovery share for its holder", async () => {
  const holder = await generateMemberKeys();
  const share = crypto.getRandomValues(new Uint8Array(41));
  const sealed = await sealTo(holder.encryption.publicKey, share, "share:1:holder:2");
  assert.deepEqual(await openSealed(holder.encryption, sealed, "share:1:holder:2"), share);
});

test("the recovery key wraps collection keys and is checked by a blob it sealed", async () => {
  const secret = generateRecoverySecret();
  const key = await generateCollectionKey();
  const wrapped = await wrapKeyWithRecovery(key, secret, { collection: 5 });
  const back = await unwrapKeyWithRecovery(wrapped, secret, { collection: 5 });
  assert.deepEqual(new Uint8Array(await crypto.subtle.exportKey("raw", back)), new Uint8Array(await crypto.subtle.exportKey("raw", key)));
  await assert.rejects(unwrapKeyWithRecovery(wrapped, secret, { collection: 6 }), AuthenticationError);
  const check = await makeRecoveryCheck(secret);
  assert.equal(await verifyRecoverySecret(secret, check), true);
  const wrong = secret.slice();
  wrong[0] ^= 1;
  assert.equal(await verifyRecoverySecret(wrong, check), false);
  await assert.rejects(unwrapKeyWithRecovery(wrapped, wrong, { collection: 5 }), AuthenticationError);
});

test("bytes sealed under the recovery key open only with that secret and purpose", async () => {
  const { sealWithRecovery, openWithRecovery } = await import("../../crates/web/static/vault/seal.js");
  const secret = generateRecoverySecret();
  const pkcs8 = utf8("a private key, in reality PKCS#8 bytes");
  const sealed = await sealWithRecovery(secret, pkcs8, "recovery-private:4");
  assert.deepEqual(await openWithRecovery(secret, sealed, "recovery-private:4"), pkcs8);
  await assert.rejects(openWithRecovery(secret, sealed, "recovery-private:5"), AuthenticationError);
  await assert.rejects(openWithRecovery(generateRecoverySecret(), sealed, "recovery-private:4"), AuthenticationError);
  await assert.rejects(openWithRecovery(secret, flip(sealed, 20), "recovery-private:4"), AuthenticationError);
});
