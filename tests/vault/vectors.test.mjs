// Published test vectors run through Web Crypto exactly as the vault calls it:
// a sanity check that the primitives and our byte handling agree with the standards.

import { test } from "node:test";
import assert from "node:assert/strict";
import { fromHex, toHex, utf8 } from "../../crates/web/static/vault/bytes.js";

test("AES-256-GCM: GCM specification test case 16 (key, IV, AAD, tag)", async () => {
  const key = await crypto.subtle.importKey("raw", fromHex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308"), "AES-GCM", false, ["encrypt", "decrypt"]);
  const plaintext = fromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: "AES-GCM", iv: fromHex("cafebabefacedbaddecaf888"), additionalData: fromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2") }, key, plaintext,
  ));
  assert.equal(toHex(sealed),
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    + "76fc6ece0f4e1768cddf8853bb2d551b");
});

async function pbkdf2(password, salt, iterations, bits) {
  const material = await crypto.subtle.importKey("raw", utf8(password), "PBKDF2", false, ["deriveBits"]);
  return toHex(new Uint8Array(await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: utf8(salt), iterations }, material, bits)));
}

test("PBKDF2-HMAC-SHA-256: RFC 7914 section 11", async () => {
  assert.equal(await pbkdf2("passwd", "salt", 1, 512),
    "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
  assert.equal(await pbkdf2("Password", "NaCl", 80000, 512),
    "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
});

test("HKDF-SHA-256: RFC 5869 test case 1", async () => {
  const ikm = await crypto.subtle.importKey("raw", new Uint8Array(22).fill(0x0b), "HKDF", false, ["deriveBits"]);
  const okm = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: fromHex("000102030405060708090a0b0c"), info: fromHex("f0f1f2f3f4f5f6f7f8f9") }, ikm, 42 * 8,
  );
  assert.equal(toHex(new Uint8Array(okm)), "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
});
