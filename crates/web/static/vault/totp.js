// One-time codes (RFC 4226 HOTP, RFC 6238 TOTP) for the seeds kept in vault
// entries, so the vault page can show the current code of a shared account.

import { FormatError } from "./bytes.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const HASHES = { SHA1: "SHA-1", SHA256: "SHA-256", SHA512: "SHA-512" };

// RFC 4648 base32, as services print seeds: case, spaces, dashes and padding
// are ignored.
export function base32Decode(text) {
  const clean = String(text).toUpperCase().replace(/[\s-]/g, "").replace(/=+$/, "");
  if (clean.length === 0 || !/^[A-Z2-7]+$/.test(clean)) throw new FormatError("not a base32 seed");
  const out = [];
  let acc = 0;
  let bits = 0;
  for (const c of clean) {
    acc = (acc << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
      acc &= (1 << bits) - 1;
    }
  }
  return Uint8Array.from(out);
}

export function base32Encode(bytes) {
  let out = "";
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
      acc &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

export async function hotp(secret, counter, { algorithm = "SHA1", digits = 6 } = {}) {
  const hash = HASHES[algorithm];
  if (!hash) throw new FormatError(`unknown algorithm ${algorithm}`);
  if (![6, 7, 8].includes(digits)) throw new FormatError("6, 7 or 8 digits");
  const message = new Uint8Array(8);
  // The counter can exceed 2^32 (time in the far future); split it by hand.
  let value = BigInt(counter);
  for (let i = 7; i >= 0; i--) {
    message[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  // Dynamic truncation, RFC 4226 §5.3.
  const offset = mac[mac.length - 1] & 0x0f;
  const code = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(code % 10 ** digits).padStart(digits, "0");
}

// The code at `time` (milliseconds, default now), and the seconds it has left.
export async function totp(secret, { time = Date.now(), period = 30, algorithm = "SHA1", digits = 6 } = {}) {
  if (!Number.isInteger(period) || period < 1) throw new FormatError("period must be a whole number of seconds");
  const seconds = Math.floor(time / 1000);
  const code = await hotp(secret, Math.floor(seconds / period), { algorithm, digits });
  return { code, remaining: period - (seconds % period) };
}

// Reads what a vault entry's TOTP field may hold: an otpauth:// URI (as in a
// QR code, Bitwarden and KeePassXC exports) or a bare base32 seed. Returns
// { secret (bytes), algorithm, digits, period, issuer, account }.
export function parseTotp(text) {
  const value = String(text).trim();
  if (!/^otpauth:/i.test(value)) {
    return { secret: base32Decode(value), algorithm: "SHA1", digits: 6, period: 30, issuer: "", account: "" };
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new FormatError("not an otpauth URI");
  }
  // WHATWG URL leaves non-special schemes' host in `host` or the path; both forms exist.
  const type = (url.host || url.pathname.replace(/^\/\//, "").split("/")[0]).toLowerCase();
  if (type !== "totp") throw new FormatError(`only totp URIs are supported (got ${type || "none"})`);
  const params = url.searchParams;
  const label = decodeURIComponent(url.pathname.replace(/^\/\/[^/]*/, "").replace(/^\//, ""));
  const [labelIssuer, account] = label.includes(":") ? label.split(/:(.*)/s).map((s) => s.trim()) : ["", label.trim()];
  const algorithm = (params.get("algorithm") ?? "SHA1").toUpperCase();
  const digits = Number(params.get("digits") ?? 6);
  const period = Number(params.get("period") ?? 30);
  if (!HASHES[algorithm]) throw new FormatError(`unknown algorithm ${algorithm}`);
  if (![6, 7, 8].includes(digits)) throw new FormatError("6, 7 or 8 digits");
  if (!Number.isInteger(period) || period < 1) throw new FormatError("bad period");
  const secret = params.get("secret");
  if (!secret) throw new FormatError("otpauth URI without a secret");
  return { secret: base32Decode(secret), algorithm, digits, period, issuer: params.get("issuer") ?? labelIssuer, account };
}

// The URI form, for exports and QR codes.
export function toOtpauth({ secret, algorithm = "SHA1", digits = 6, period = 30, issuer = "", account = "" }) {
  const label = encodeURIComponent(issuer ? `${issuer}:${account}` : account);
  const params = new URLSearchParams({ secret: base32Encode(secret) });
  if (issuer) params.set("issuer", issuer);
  if (algorithm !== "SHA1") params.set("algorithm", algorithm);
  if (digits !== 6) params.set("digits", String(digits));
  if (period !== 30) params.set("period", String(period));
  return `otpauth://totp/${label}?${params}`;
}
