// Byte helpers and the vault's typed errors, shared by every vault module.
//
// Errors carry a stable `code` so a page can pick its message from the code
// (and translate it) instead of parsing English text.

export class VaultError extends Error {
  constructor(code, message, details = {}) {
    super(message);
    this.name = "VaultError";
    this.code = code;
    Object.assign(this, details);
  }
}

// The passphrase does not open this key blob; nothing was decrypted.
export class WrongPassphraseError extends VaultError {
  constructor() {
    super("wrong-passphrase", "wrong passphrase");
    this.name = "WrongPassphraseError";
  }
}

// AES-GCM refused: the ciphertext, its context (AAD) or the key is not the one
// it was sealed with. Never shown as data.
export class AuthenticationError extends VaultError {
  constructor(what = "ciphertext") {
    super("authentication", `${what} failed authentication: tampered, corrupted or sealed with another key`);
    this.name = "AuthenticationError";
  }
}

// A serialised blob, share or file that does not have the expected shape.
export class FormatError extends VaultError {
  constructor(message, details = {}) {
    super("format", message, details);
    this.name = "FormatError";
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export const utf8 = (text) => encoder.encode(text);
export const fromUtf8 = (bytes) => decoder.decode(bytes);

export function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// Unpadded base64url: safe in JSON, URLs and form fields alike.
export function toBase64url(bytes) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64url(text) {
  if (typeof text !== "string" || !/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new FormatError("not base64url");
  }
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(text) {
  if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new FormatError("not hexadecimal");
  return Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));
}

// Length-prefixed fields (2-byte big-endian length each), so that no two
// different contexts encode to the same bytes ("a","bc" vs "ab","c").
export function encodeContext(label, fields) {
  const parts = [utf8(label)];
  for (const field of fields) {
    const bytes = utf8(String(field));
    if (bytes.length > 0xffff) throw new FormatError("context field too long");
    parts.push(Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes);
  }
  return concat(...parts);
}

// Comparison whose time does not depend on where the first difference is.
export function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
