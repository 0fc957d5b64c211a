import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationError, FormatError, fromBase64url, toBase64url, utf8 } from "../../crates/web/static/vault/bytes.js";
import {
  FILE_OVERHEAD, generateCollectionKey, openFile, openFileMeta, openRecord, sealFile, sealFileMeta,
} from "../../crates/web/static/vault/seal.js";

const MARKER = "MANDAT-SEPA-FR76-3000-4000";
const mandate = { name: "mandat signé.pdf", type: "application/pdf", bytes: utf8(`%PDF-1.7 ${MARKER} ...`) };
const context = { collection: 3, entry: 17, file: 5 };

test("a file opens whole: name, media type and bytes; nothing of it readable in what is stored", async () => {
  const key = await generateCollectionKey();
  const { meta, content } = await sealFile(key, mandate, context);
  assert.deepEqual(await openFile(key, meta, content, context), mandate);
  assert.equal(content.length, mandate.bytes.length + FILE_OVERHEAD, "version, kind, nonce and tag only");
  assert.deepEqual(content.subarray(0, 2), Uint8Array.of(1, 2));
  assert.deepEqual(fromBase64url(meta).subarray(0, 2), Uint8Array.of(1, 5));
  for (const stored of [Buffer.from(content), Buffer.from(fromBase64url(meta)), Buffer.from(meta)]) {
    for (const clear of [MARKER, "mandat", "application/pdf"]) assert.ok(!stored.includes(clear), `${clear} in clear`);
  }
  const opened = await openFileMeta(key, meta, context);
  assert.equal(opened.size, mandate.bytes.length);
  assert.equal(fromBase64url(opened.key).length, 32, "a 256-bit key of its own");
  // An empty file is a file too.
  const empty = await sealFile(key, { name: "vide.txt", type: "", bytes: new Uint8Array(0) }, context);
  assert.deepEqual((await openFile(key, empty.meta, empty.content, context)).bytes, new Uint8Array(0));
});

test("each file has its own key: the same bytes seal to unrelated contents", async () => {
  const key = await generateCollectionKey();
  const a = await sealFile(key, mandate, context);
  const b = await sealFile(key, mandate, context);
  assert.notEqual((await openFileMeta(key, a.meta, context)).key, (await openFileMeta(key, b.meta, context)).key);
  assert.notDeepEqual(a.content, b.content);
});

test("a tampered content fails authentication, wherever the byte", async () => {
  const key = await generateCollectionKey();
  const { meta, content } = await sealFile(key, mandate, context);
  for (const at of [2, 13, 14, 20, content.length - 1]) {
    const bad = content.slice();
    bad[at] ^= 0x01;
    await assert.rejects(openFile(key, meta, bad, context), AuthenticationError, `byte ${at}`);
  }
  await assert.rejects(openFile(key, meta, content.subarray(0, content.length - 1), context), AuthenticationError, "cut short");
  const badKind = content.slice();
  badKind[1] = 1;
  await assert.rejects(openFile(key, meta, badKind, context), FormatError);
});

test("contents swapped between two files fail: each opens only with its own metadata", async () => {
  const key = await generateCollectionKey();
  const other = { collection: 3, entry: 17, file: 6 };
  const a = await sealFile(key, mandate, context);
  const b = await sealFile(key, { name: "codes.txt", type: "text/plain", bytes: utf8("codes de secours") }, other);
  await assert.rejects(openFile(key, a.meta, b.content, context), AuthenticationError);
  await assert.rejects(openFile(key, b.meta, a.content, other), AuthenticationError);
  // Metadata moved to another file id, entry or collection does not open either.
  await assert.rejects(openFile(key, a.meta, a.content, other), AuthenticationError);
  await assert.rejects(openFile(key, a.meta, a.content, { ...context, entry: 18 }), AuthenticationError);
  await assert.rejects(openFile(key, a.meta, a.content, { ...context, collection: 4 }), AuthenticationError);
  // Even with the right key, content bound to another file id is refused.
  const forged = await sealFileMeta(key, await openFileMeta(key, b.meta, other), context);
  await assert.rejects(openFile(key, forged, b.content, context), AuthenticationError);
});

test("another collection key opens nothing, and metadata is not a record", async () => {
  const key = await generateCollectionKey();
  const { meta, content } = await sealFile(key, mandate, context);
  await assert.rejects(openFile(await generateCollectionKey(), meta, content, context), AuthenticationError);
  await assert.rejects(openRecord(key, meta, { collection: 3, entry: 17, version: 5 }), FormatError);
  await assert.rejects(sealFile(key, mandate, { collection: 3, entry: 17 }), FormatError);
  await assert.rejects(sealFile(key, { ...mandate, bytes: mandate.bytes.buffer }, context), FormatError);
});

test("a rotation seals the metadata again under the new key; the content is unchanged and still opens", async () => {
  const oldKey = await generateCollectionKey();
  const newKey = await generateCollectionKey();
  const { meta, content } = await sealFile(oldKey, mandate, context);
  const resealed = await sealFileMeta(newKey, await openFileMeta(oldKey, meta, context), context);
  assert.deepEqual(await openFile(newKey, resealed, content, context), mandate);
  await assert.rejects(openFile(oldKey, resealed, content, context), AuthenticationError, "the old key opens no new metadata");
  // A tampered metadata is refused before any content is touched.
  const bytes = fromBase64url(resealed);
  bytes[bytes.length - 1] ^= 1;
  await assert.rejects(openFile(newKey, toBase64url(bytes), content, context), AuthenticationError);
});
