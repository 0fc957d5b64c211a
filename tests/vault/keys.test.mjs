import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationError, FormatError, WrongPassphraseError, fromBase64url, toBase64url, utf8 } from "../../crates/web/static/vault/bytes.js";
import {
  DEFAULT_ITERATIONS, changePassphrase, exportPublicKeys, fingerprint, generateMemberKeys, importPublicKeys,
  signBytes, unwrapMemberKeys, verifySignature, wrapMemberKeys,
} from "../../crates/web/static/vault/keys.js";
import { openSealed, sealTo } from "../../crates/web/static/vault/seal.js";

// One enrolment shared by the tests: each wrap or unwrap costs 600,000 PBKDF2 rounds.
const keys = await generateMemberKeys();
const passphrase = "abeille-cinema-drain-sabre-nimbe-durit-liane-rouge";
const blob = await wrapMemberKeys(keys, passphrase);

test("the blob holds public keys and parameters, never the passphrase or a private key in clear", async () => {
  const parsed = JSON.parse(blob);
  assert.equal(parsed.v, 1);
  assert.equal(parsed.kdf.name, "PBKDF2-SHA-256");
  assert.equal(parsed.kdf.iterations, DEFAULT_ITERATIONS);
  assert.ok(DEFAULT_ITERATIONS >= 600_000);
  assert.deepEqual(parsed.public, await exportPublicKeys(keys));
  assert.ok(!blob.includes(passphrase));
  const pkcs8 = toBase64url(new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.encryption.privateKey)));
  assert.ok(!blob.includes(pkcs8.slice(-40)));
});

test("the right passphrase unwraps keys that open what was sealed to the member", async () => {
  const unlocked = await unwrapMemberKeys(blob, passphrase);
  const sealed = await sealTo(keys.encryption.publicKey, utf8("secret"), "test");
  assert.deepEqual(await openSealed(unlocked.encryption, sealed, "test"), utf8("secret"));
  assert.equal(unlocked.encryption.privateKey.extractable, false);
  const signature = await signBytes(unlocked.signing.privateKey, utf8("approve"));
  assert.ok(await verifySignature(keys.signing.publicKey, signature, utf8("approve")));
  assert.ok(!(await verifySignature(keys.signing.publicKey, signature, utf8("approve!"))));
});

test("a wrong passphrase is a WrongPassphraseError, not garbage", async () => {
  await assert.rejects(unwrapMemberKeys(blob, passphrase + "x"), WrongPassphraseError);
  await assert.rejects(unwrapMemberKeys(blob, passphrase + "x"), { code: "wrong-passphrase" });
});

test("a tampered blob is an AuthenticationError, even with the right passphrase", async () => {
  const parsed = JSON.parse(blob);
  const sealed = fromBase64url(parsed.sealed);
  sealed[20] ^= 1;
  await assert.rejects(unwrapMemberKeys({ ...parsed, sealed: toBase64url(sealed) }, passphrase), AuthenticationError);
  // A public key swapped by the server no longer matches the sealed private keys.
  const other = await exportPublicKeys(await generateMemberKeys());
  await assert.rejects(unwrapMemberKeys({ ...parsed, public: { ...parsed.public, encryption: other.encryption } }, passphrase), AuthenticationError);
});

test("too few iterations and malformed blobs are refused before any work", async () => {
  await assert.rejects(wrapMemberKeys(keys, passphrase, { iterations: 1000 }), FormatError);
  const parsed = JSON.parse(blob);
  await assert.rejects(unwrapMemberKeys({ ...parsed, kdf: { ...parsed.kdf, iterations: 10 } }, passphrase), FormatError);
  await assert.rejects(unwrapMemberKeys("not json", passphrase), FormatError);
  await assert.rejects(unwrapMemberKeys({ v: 2 }, passphrase), FormatError);
});

test("changing the passphrase keeps the keys and drops the old passphrase", async () => {
  const renewed = await changePassphrase(blob, passphrase, "nouvelle phrase de passe assez longue", { iterations: 650_000 });
  assert.equal(JSON.parse(renewed).kdf.iterations, 650_000);
  await assert.rejects(unwrapMemberKeys(renewed, passphrase), WrongPassphraseError);
  const unlocked = await unwrapMemberKeys(renewed, "nouvelle phrase de passe assez longue");
  assert.deepEqual(unlocked.publicKeys, JSON.parse(blob).public);
});

test("fingerprints: six groups of five digits, same for the same keys, different for others", async () => {
  const exported = await exportPublicKeys(keys);
  const print = await fingerprint(exported);
  assert.match(print, /^\d{5}( \d{5}){5}$/);
  assert.equal(await fingerprint(await importPublicKeys(exported)), print);
  assert.notEqual(await fingerprint(await exportPublicKeys(await generateMemberKeys())), print);
});
