// Password and passphrase generation, a strength estimate, and reuse detection.
//
// Generated secrets report their exact entropy (every choice is uniform, by
// rejection sampling, so log2 of the number of possible outputs is the truth).
// Typed passwords get a deliberately pessimistic estimate: it is there to say
// "too weak", not to flatter.

import { FormatError, toBase64url, utf8 } from "./bytes.js";
import { WORDS } from "./wordlist.js";

// Uniform integer in 0..n-1: draw 32 bits, refuse the top partial range so
// that every value has the same number of preimages (no modulo bias).
export function randomInt(n) {
  if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new FormatError("range must be 1 to 2^32");
  const limit = 2 ** 32 - (2 ** 32 % n);
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0] < limit) return buffer[0] % n;
  }
}

export const CLASSES = Object.freeze({
  lower: "abcdefghijklmnopqrstuvwxyz",
  upper: "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  digits: "0123456789",
  symbols: "!#$%&()*+,-./:;<=>?@[]^_{|}~",
});
// Characters people misread on paper or in some fonts.
const AMBIGUOUS = new Set("Il1O0o|");

// Random characters. Each chosen class appears at least once (sites demand
// it); drawing again until that holds keeps the result uniform over the
// strings that satisfy it, and `bits` counts exactly those strings.
export function generatePassword({ length = 20, lower = true, upper = true, digits = true, symbols = true, avoidAmbiguous = false } = {}) {
  const classes = Object.entries({ lower, upper, digits, symbols })
    .filter(([, on]) => on)
    .map(([name]) => [...CLASSES[name]].filter((c) => !avoidAmbiguous || !AMBIGUOUS.has(c)));
  if (classes.length === 0) throw new FormatError("choose at least one kind of character");
  if (!Number.isInteger(length) || length < classes.length || length > 256) throw new FormatError("length out of range");
  const alphabet = classes.flat();
  for (;;) {
    const chars = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]);
    if (classes.every((set) => chars.some((c) => set.includes(c)))) {
      return { password: chars.join(""), bits: countingBits(classes.map((c) => c.length), length) };
    }
  }
}

// log2 of the number of strings of `length` over the union of the classes
// containing every class at least once, by inclusion–exclusion over the
// classes left out; computed relative to the largest term to stay in range.
function countingBits(sizes, length) {
  const total = sizes.reduce((a, b) => a + b, 0);
  let ratio = 0;
  for (let mask = 0; mask < 1 << sizes.length; mask++) {
    const left = sizes.filter((_, i) => mask & (1 << i));
    const remaining = total - left.reduce((a, b) => a + b, 0);
    const sign = left.length % 2 === 0 ? 1 : -1;
    ratio += sign * (remaining / total) ** length;
  }
  return length * Math.log2(total) + Math.log2(ratio);
}

// Words from the project's list of 2,048: 11 bits per word, exactly. The
// default of 8 words (88 bits) meets the CNIL's 80 bits for a secret that
// protects alone, as the vault passphrase does.
export function generatePassphrase({ words = 8, separator = "-", capitalise = false } = {}) {
  if (!Number.isInteger(words) || words < 1 || words > 40) throw new FormatError("1 to 40 words");
  const chosen = Array.from({ length: words }, () => WORDS[randomInt(WORDS.length)]);
  const shaped = capitalise ? chosen.map((w) => w[0].toUpperCase() + w.slice(1)) : chosen;
  return { passphrase: shaped.join(separator), bits: words * Math.log2(WORDS.length) };
}

// The commonest passwords in breach lists, French ones included. Anything
// here, or a light variation of it, is rated as next to nothing.
const COMMON = new Set([
  "123456", "123456789", "12345678", "12345", "1234567", "1234567890", "111111", "000000", "123123",
  "password", "password1", "qwerty", "azerty", "azertyuiop", "qwertyuiop", "abc123", "iloveyou",
  "motdepasse", "soleil", "doudou", "loulou", "chouchou", "bonjour", "marseille", "nicolas",
  "camille", "coucou", "jetaime", "chocolat", "princesse", "football", "dragon", "monkey", "master",
  "letmein", "welcome", "admin", "administrateur", "root", "toor", "test", "secret", "changeme",
  "sunshine", "shadow", "superman", "batman", "starwars", "pokemon", "liverpool", "arsenal",
  "psg", "olympique", "france", "paris", "association", "asso", "bureau", "tresorier", "president",
  "secretaire", "vacances", "motdepasse1", "azerty123", "qwerty123", "1q2w3e4r", "zaq12wsx",
  "aaaaaa", "abcdef", "abcdefgh", "password123", "pass", "passw0rd", "p@ssw0rd", "p@ssword",
]);

// Keyboard rows and the alphabet, for runs like "azer", "5678", "mnop".
const SEQUENCES = ["abcdefghijklmnopqrstuvwxyz", "0123456789", "azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm"];

function unleet(text) {
  return text.replace(/[@4]/g, "a").replace(/3/g, "e").replace(/[1!|]/g, "i").replace(/0/g, "o").replace(/[5$]/g, "s").replace(/7/g, "t");
}

const wordSet = new Set(WORDS);

// A conservative estimate in bits, and a level for the page to colour:
// "very-weak" < 40 ≤ "weak" < 65 ≤ "medium" < 80 ≤ "strong" < 100 ≤ "very-strong".
// `reasons` are stable codes for the page to explain: "common", "short",
// "repeats", "sequence", "words".
export function estimateStrength(password) {
  const reasons = [];
  const text = String(password).normalize("NFKC");
  const chars = [...text];
  const folded = text.toLowerCase();
  // A common password with a few digits or symbols around it ("Azerty123!").
  const stem = folded.replace(/^[^a-z]+|[^a-z]+$/g, "");
  const padded = stem.length >= 4 && chars.length - stem.length <= 4;
  if (COMMON.has(folded) || COMMON.has(unleet(folded)) || (padded && (COMMON.has(stem) || COMMON.has(unleet(stem))))) {
    return { bits: Math.min(10, chars.length), level: "very-weak", reasons: ["common"] };
  }
  // Made of words from our list? Then words are the unit, not characters.
  const parts = folded.split(/[^a-z]+/).filter(Boolean);
  const fromList = parts.length >= 2 && parts.every((p) => wordSet.has(p));
  let bits;
  if (fromList) {
    reasons.push("words");
    bits = parts.length * Math.log2(WORDS.length);
  } else {
    let pool = 0;
    if (/[a-z]/.test(text)) pool += 26;
    if (/[A-Z]/.test(text)) pool += 26;
    if (/[0-9]/.test(text)) pool += 10;
    if (/[^a-zA-Z0-9]/.test(text)) pool += 33;
    if (/[^\x00-\x7f]/.test(text)) pool += 100;
    // Characters that merely repeat or continue a run add little: count each
    // as one bit rather than a full pick from the pool.
    let plain = 0;
    let cheap = 0;
    for (let i = 0; i < chars.length; i++) {
      const previous = chars[i - 1]?.toLowerCase();
      const current = chars[i].toLowerCase();
      const repeat = previous === current || chars.slice(0, i).includes(chars[i]) && chars.length > 4 && new Set(chars).size <= chars.length / 2;
      const sequence = previous !== undefined && SEQUENCES.some((s) => s.includes(previous + current));
      if (repeat) {
        cheap++;
        if (!reasons.includes("repeats")) reasons.push("repeats");
      } else if (sequence) {
        cheap++;
        if (!reasons.includes("sequence")) reasons.push("sequence");
      } else {
        plain++;
      }
    }
    // Typed passwords are rarely uniform: take three quarters of the pool's bits.
    bits = plain * Math.log2(Math.max(pool, 2)) * 0.75 + cheap;
  }
  if (chars.length < 12) reasons.push("short");
  const level = bits < 40 ? "very-weak" : bits < 65 ? "weak" : bits < 80 ? "medium" : bits < 100 ? "strong" : "very-strong";
  return { bits: Math.round(bits * 10) / 10, level, reasons };
}

// Groups of entries that share a password, compared by HMAC-SHA-256 under a
// key made for this call and then dropped: no digest outlives the call, and
// nothing leaves the browser. `entries` is [{ id, password }]; empty
// passwords are ignored. Returns arrays of ids, each of two or more.
export async function findReused(entries) {
  const key = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const groups = new Map();
  for (const { id, password } of entries) {
    if (!password) continue;
    const tag = toBase64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, utf8(password.normalize("NFKC")))));
    if (!groups.has(tag)) groups.set(tag, []);
    groups.get(tag).push(id);
  }
  return [...groups.values()].filter((ids) => ids.length > 1);
}
