import { test } from "node:test";
import assert from "node:assert/strict";
import { fromHex, toHex } from "../../crates/web/static/vault/bytes.js";
import {
  ShareError, combineBytes, combineSecret, describeShare, gf256, shareToWords, splitBytes, splitSecret, wordsToShare,
} from "../../crates/web/static/vault/shamir.js";
import { WORDS } from "../../crates/web/static/vault/wordlist.js";

// Every k-element subset of items.
function* subsets(items, k, start = 0, chosen = []) {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let i = start; i < items.length; i++) yield* subsets(items, k, i + 1, [...chosen, items[i]]);
}

test("GF(256) products of FIPS-197 (section 4.2) and the AES inverse pair 53·CA = 01", () => {
  assert.equal(gf256.mul(0x57, 0x83), 0xc1);
  assert.equal(gf256.mul(0x57, 0x13), 0xfe);
  assert.equal(gf256.mul(0x53, 0xca), 0x01);
  assert.equal(gf256.inverse(0x53), 0xca);
  for (let a = 1; a < 256; a++) assert.equal(gf256.mul(a, gf256.inverse(a)), 1);
});

// Computed apart from shamir.js, with log/antilog tables (generator 3) in
// Python, from secret 53 00 ff 2a and coefficients (a1, a2) per byte: (12, 34),
// (00, 00), (ab, 00) — a zero leading coefficient — and (ff, 01).
const VECTOR = ["01750054d4", "02a700b2cb", "0381001935", "04760065eb", "055000ce15"];

test("fixed coefficients give the shares computed independently", () => {
  const coefficients = [[0x12, 0x34], [0x00, 0x00], [0xab, 0x00], [0xff, 0x01]];
  const shares = splitBytes(fromHex("5300ff2a"), 3, 5, (b) => Uint8Array.from(coefficients[b]));
  assert.deepEqual(shares.map(toHex), VECTOR);
  assert.equal(toHex(combineBytes([VECTOR[4], VECTOR[0], VECTOR[2]].map(fromHex))), "5300ff2a");
});

test("every k-subset of n shares gives the secret back", () => {
  for (const [k, n] of [[2, 2], [2, 3], [3, 5], [4, 7], [5, 5]]) {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const shares = splitBytes(secret, k, n);
    assert.deepEqual(shares.map((s) => s[0]), Array.from({ length: n }, (_, i) => i + 1));
    for (const subset of subsets(shares, k)) assert.deepEqual(combineBytes(subset), secret);
    // More than k shares also work.
    assert.deepEqual(combineBytes(shares), secret);
  }
  const secret = crypto.getRandomValues(new Uint8Array(16));
  const shares = splitBytes(secret, 3, 255);
  assert.deepEqual(combineBytes([shares[254], shares[0], shares[127]]), secret);
});

test("coefficients are uniform over 0..255, zero included (the sharks bug)", () => {
  // With k = 2 the share at x = 1 is secret xor a1, so it shows a1 directly.
  const seen = new Uint32Array(256);
  const secret = new Uint8Array(64);
  for (let i = 0; i < 2000; i++) for (const byte of splitBytes(secret, 2, 2)[0].subarray(1)) seen[byte]++;
  assert.ok(seen[0] > 0, "a zero coefficient never came up");
  // 128,000 draws, 500 expected per value: a biased generator (odd values only,
  // or no zero) is far outside these bounds.
  assert.ok(Math.min(...seen) > 350 && Math.max(...seen) < 650, `counts from ${Math.min(...seen)} to ${Math.max(...seen)}`);
});

test("bad parameters and bad share sets are refused", () => {
  const secret = Uint8Array.of(1, 2, 3);
  for (const [k, n] of [[1, 3], [4, 3], [2, 256], [0, 0], [2.5, 3]]) assert.throws(() => splitBytes(secret, k, n), { code: "parameters" });
  const shares = splitBytes(secret, 2, 3);
  assert.throws(() => combineBytes([shares[0]]), { code: "too-few-shares" });
  assert.throws(() => combineBytes([shares[0], shares[0].slice()]), { code: "duplicate-share" });
  assert.throws(() => combineBytes([shares[0], shares[1].subarray(0, 3)]), { code: "share-length" });
  assert.throws(() => combineBytes([Uint8Array.of(0, 1, 2, 3), shares[1]]), { code: "zero-identifier" });
});

test("the share format: k shares recombine, k-1 are refused or fail the digest, sets do not mix", async () => {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const shares = await splitSecret(secret, 3, 5);
  assert.equal(shares[0].length, 41);
  assert.deepEqual(describeShare(shares[2]), { set: describeShare(shares[0]).set, threshold: 3, x: 3, secretLength: 32 });
  for (const subset of subsets(shares, 3)) assert.deepEqual(await combineSecret(subset), secret);
  await assert.rejects(combineSecret(shares.slice(0, 2)), { code: "too-few-shares", needed: 3, got: 2 });
  // Raw interpolation of k-1 shares gives a wrong value, which the digest catches
  // (headers rewritten to claim a threshold of 2).
  const forged = shares.slice(0, 2).map((s) => Uint8Array.from([...s.subarray(0, 3), 2, ...s.subarray(4)]));
  await assert.rejects(combineSecret(forged), { code: "integrity" });
  const raw = combineBytes(shares.slice(0, 2).map((s) => s.subarray(4)));
  assert.notDeepEqual(raw.subarray(0, 32), secret);
  // One altered byte is caught.
  const altered = shares.slice(0, 3).map((s) => s.slice());
  altered[1][10] ^= 0x40;
  await assert.rejects(combineSecret(altered), ShareError);
  const other = await splitSecret(secret, 3, 5);
  await assert.rejects(combineSecret([shares[0], shares[1], other[2]]), { code: "mixed-shares" });
});

test("a share as a sheet of words comes back from the words, typed loosely", async () => {
  const [share] = await splitSecret(crypto.getRandomValues(new Uint8Array(32)), 2, 3);
  const lines = await shareToWords(share);
  assert.equal(lines.length, 6);
  assert.ok(lines.every((line) => line.length === 6 && line.every((w) => WORDS.includes(w))));
  assert.deepEqual(await wordsToShare(lines), share);
  // One string, upper case, accents, punctuation, only four letters of each word.
  const typed = lines.map((line) => line.map((w) => `${w.slice(0, 4).toUpperCase()}é`).join(", ")).join("\n");
  assert.deepEqual(await wordsToShare(typed), share);
  // Other secret lengths round-trip too (the padding rule needs no length field).
  for (const length of [1, 7, 8, 16, 24, 64]) {
    const [s] = await splitSecret(crypto.getRandomValues(new Uint8Array(length)), 2, 2);
    assert.deepEqual(await wordsToShare(await shareToWords(s)), s);
  }
});

test("typos on a sheet: the unknown word's place, or the line whose check fails", async () => {
  const [share] = await splitSecret(crypto.getRandomValues(new Uint8Array(32)), 2, 3);
  const lines = await shareToWords(share);
  const unknown = lines.map((l) => [...l]);
  unknown[2][3] = "xyzzy";
  await assert.rejects(wordsToShare(unknown), { code: "unknown-word", line: 3, word: 4 });
  // Another real word in place of the right one.
  const substituted = lines.map((l) => [...l]);
  substituted[4][1] = WORDS[(WORDS.indexOf(substituted[4][1]) + 1) % WORDS.length];
  await assert.rejects(wordsToShare(substituted), { code: "checksum", line: 5 });
  // Two words swapped within a line (if they differ).
  const swapped = lines.map((l) => [...l]);
  if (swapped[1][0] !== swapped[1][1]) {
    [swapped[1][0], swapped[1][1]] = [swapped[1][1], swapped[1][0]];
    await assert.rejects(wordsToShare(swapped), { code: "checksum", line: 2 });
  }
  // A missing line shifts every line number, so the first check fails.
  await assert.rejects(wordsToShare(lines.slice(1)), { code: "checksum", line: 1 });
  await assert.rejects(wordsToShare(lines.slice(0, -1)), ShareError);
});
