import { test } from "node:test";
import assert from "node:assert/strict";
import { FormatError, utf8 } from "../../crates/web/static/vault/bytes.js";
import { base32Decode, base32Encode, hotp, parseTotp, toOtpauth, totp } from "../../crates/web/static/vault/totp.js";

// RFC 6238 appendix B: the seeds are ASCII digits repeated to the hash's length.
const SEEDS = {
  SHA1: utf8("12345678901234567890"),
  SHA256: utf8("12345678901234567890123456789012"),
  SHA512: utf8("1234567890123456789012345678901234567890123456789012345678901234"),
};
const TABLE = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

test("RFC 6238 appendix B vectors, SHA-1, SHA-256 and SHA-512, 8 digits", async () => {
  for (const [seconds, ...codes] of TABLE) {
    for (const [i, algorithm] of ["SHA1", "SHA256", "SHA512"].entries()) {
      const { code } = await totp(SEEDS[algorithm], { time: seconds * 1000, algorithm, digits: 8 });
      assert.equal(code, codes[i], `${algorithm} at ${seconds}`);
    }
  }
});

test("RFC 4226 appendix D: HOTP values for counters 0 to 9", async () => {
  const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
  for (const [counter, code] of expected.entries()) assert.equal(await hotp(SEEDS.SHA1, counter), code);
});

test("six digits by default, and the seconds left in the period", async () => {
  const result = await totp(SEEDS.SHA1, { time: 59_000 });
  assert.deepEqual(result, { code: "287082", remaining: 1 });
});

test("base32 seeds as services print them", () => {
  assert.deepEqual(base32Decode("JBSW Y3DP EHPK 3PXP"), Uint8Array.of(...utf8("Hello!"), 0xde, 0xad, 0xbe, 0xef));
  assert.deepEqual(base32Decode("jbsw-y3dp-ehpk-3pxp"), base32Decode("JBSWY3DPEHPK3PXP"));
  assert.equal(base32Encode(utf8("12345678901234567890")), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  assert.deepEqual(base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ===="), utf8("12345678901234567890"));
  assert.throws(() => base32Decode("not base32!"), FormatError);
  assert.throws(() => base32Decode(""), FormatError);
});

test("otpauth URIs: defaults, issuer from label or parameter, SHA-256 and 8 digits", () => {
  const basic = parseTotp("otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example");
  assert.equal(basic.issuer, "Example");
  assert.equal(basic.account, "alice@google.com");
  assert.deepEqual([basic.algorithm, basic.digits, basic.period], ["SHA1", 6, 30]);
  const strong = parseTotp("otpauth://totp/Banque%3Atresorier?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&period=60");
  assert.deepEqual([strong.issuer, strong.account, strong.algorithm, strong.digits, strong.period], ["Banque", "tresorier", "SHA256", 8, 60]);
  const bare = parseTotp(" jbsw y3dp ehpk 3pxp ");
  assert.deepEqual(bare.secret, basic.secret);
  assert.deepEqual(parseTotp(toOtpauth(strong)), strong);
  assert.throws(() => parseTotp("otpauth://hotp/x?secret=JBSWY3DP&counter=1"), FormatError);
  assert.throws(() => parseTotp("otpauth://totp/x?secret=JBSWY3DP&algorithm=MD5"), FormatError);
  assert.throws(() => parseTotp("otpauth://totp/x?issuer=y"), FormatError);
});
