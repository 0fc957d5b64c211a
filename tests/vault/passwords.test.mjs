import { test } from "node:test";
import assert from "node:assert/strict";
import { CLASSES, estimateStrength, findReused, generatePassphrase, generatePassword, randomInt } from "../../crates/web/static/vault/passwords.js";
import { WORDS } from "../../crates/web/static/vault/wordlist.js";

test("the word list: 2,048 distinct words, lower-case a–z, 5 to 7 letters, decided by four letters", () => {
  assert.equal(WORDS.length, 2048);
  assert.equal(new Set(WORDS).size, 2048);
  assert.ok(WORDS.every((w) => /^[a-z]{5,7}$/.test(w)));
  assert.equal(new Set(WORDS.map((w) => w.slice(0, 4))).size, 2048);
});

test("randomInt stays in range and covers it evenly", () => {
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) counts[randomInt(6)]++;
  assert.ok(counts.every((c) => c > 9_400 && c < 10_600), counts.join(","));
  assert.equal(randomInt(1), 0);
  assert.throws(() => randomInt(0));
  // A range that does not divide 2^32: values stay below it.
  for (let i = 0; i < 1000; i++) assert.ok(randomInt(3_000_000_000) < 3_000_000_000);
});

test("random passwords: length, every chosen class present, exact bits", () => {
  const { password, bits } = generatePassword();
  assert.equal(password.length, 20);
  for (const chars of Object.values(CLASSES)) assert.ok([...password].some((c) => chars.includes(c)));
  assert.ok(bits > 120 && bits < 20 * Math.log2(90));
  // Digits only: 10^4 strings.
  assert.equal(generatePassword({ length: 4, lower: false, upper: false, symbols: false }).bits, 4 * Math.log2(10));
  // Lower case and digits, length 2, both present: 36² − 26² − 10² = 520 strings.
  const two = generatePassword({ length: 2, upper: false, symbols: false });
  assert.ok(Math.abs(two.bits - Math.log2(520)) < 1e-9);
  assert.match(two.password, /^(?=.*[a-z])(?=.*[0-9])[a-z0-9]{2}$/);
  const plain = generatePassword({ length: 200, avoidAmbiguous: true });
  assert.ok(!/[Il1O0o|]/.test(plain.password));
  assert.throws(() => generatePassword({ lower: false, upper: false, digits: false, symbols: false }));
  assert.throws(() => generatePassword({ length: 3 }));
});

test("passphrases: words from the list, 11 bits each", () => {
  const { passphrase, bits } = generatePassphrase();
  const words = passphrase.split("-");
  assert.equal(words.length, 8);
  assert.ok(words.every((w) => WORDS.includes(w)));
  assert.equal(bits, 88);
  const spaced = generatePassphrase({ words: 5, separator: " ", capitalise: true });
  assert.match(spaced.passphrase, /^([A-Z][a-z]+ ){4}[A-Z][a-z]+$/);
  assert.equal(spaced.bits, 55);
});

test("strength: common passwords near zero, generated ones rated by their real entropy", () => {
  for (const weak of ["azerty", "Azerty123", "P@ssw0rd", "motdepasse", "123456789", "soleil2024", "Azerty123!", "m0td3p4ss3"]) {
    assert.deepEqual(estimateStrength(weak).reasons, ["common"], weak);
    assert.equal(estimateStrength(weak).level, "very-weak", weak);
  }
  assert.ok(estimateStrength("aaaaaaaaaaaaaaaaaaaa").bits < 40);
  assert.ok(estimateStrength("abcdefghijklmnop").reasons.includes("sequence"));
  assert.ok(estimateStrength("Tr0ub4dor&3").reasons.includes("short"));
  const phrase = generatePassphrase();
  const rated = estimateStrength(phrase.passphrase);
  assert.equal(rated.bits, 88);
  assert.ok(rated.reasons.includes("words"));
  assert.equal(rated.level, "strong");
  const random = generatePassword({ length: 24 });
  assert.ok(estimateStrength(random.password).bits <= random.bits);
  assert.ok(["strong", "very-strong"].includes(estimateStrength(random.password).level));
});

test("reuse: entries sharing a password are grouped, others and empty ones left alone", async () => {
  const groups = await findReused([
    { id: 1, password: "même-secret" },
    { id: 2, password: "autre" },
    { id: 3, password: "même-secret" },
    { id: 4, password: "" },
    { id: 5, password: "" },
    { id: 6, password: "autre" },
    { id: 7, password: "unique" },
  ]);
  assert.deepEqual(groups.map((g) => g.sort()).sort(), [[1, 3], [2, 6]]);
});
