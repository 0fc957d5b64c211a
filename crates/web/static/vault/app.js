// The vault page's script: enrolment, unlocking, collections and entries,
// files attached to entries, sharing, revocation with key rotation,
// recovery, import and export. Every secret is sealed here before it is
// sent; the server stores what it gets.
// DOM built with textContent only (the page enforces Trusted Types).

import { AuthenticationError, WrongPassphraseError, fromBase64url, toBase64url } from "./bytes.js";
import { exportPublicKeys, fingerprint, generateMemberKeys, importPublicKeys, unwrapMemberKeys, wrapMemberKeys } from "./keys.js";
import {
  FILE_OVERHEAD, generateCollectionKey, generateRecoverySecret, makeRecoveryCheck, openFile, openFileMeta, openRecord,
  openSealed, openWithRecovery, sealFile, sealFileMeta, sealRecord, sealTo, sealWithRecovery, unwrapKeyForMember,
  verifyRecoverySecret, wrapKeyForMember,
} from "./seal.js";
import { combineSecret, shareToWords, splitSecret } from "./shamir.js";
import { estimateStrength, findReused, generatePassphrase, generatePassword } from "./passwords.js";
import { parseTotp, totp } from "./totp.js";
import { readExport, writeBitwardenJson, writeKeepassCsv } from "./formats.js";

const root = document.getElementById("vault-app");
const T = JSON.parse(document.getElementById("vault-text").textContent);
const csrf = root.dataset.csrf;
const ECDH = { name: "ECDH", namedCurve: "P-256" };

// ---- Small helpers -----------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v === undefined || v === null) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

let uid = 0;
const nextId = (stem) => `${stem}-${++uid}`;

function field(label, attrs = {}) {
  const id = nextId("f");
  const input = attrs.multiline ? h("textarea", { id, rows: 3, ...attrs, multiline: false }) : h("input", { id, ...attrs });
  return { wrap: h("div", { class: "field" }, h("label", { for: id, text: label }), input), input };
}

// The last message stays on screen across re-renders (render() rebuilds the page).
let message = { text: "", kind: "status" };
function say(text, kind = "status") {
  message = { text, kind };
  const status = document.getElementById("vault-status");
  status.textContent = text;
  status.className = kind === "error" ? "error" : "";
}

// A refusal as the server words it: { error: code, …details }.
function refused(data, status) {
  const e = new Error(data.error || `HTTP ${status}`);
  Object.assign(e, { status, data });
  return e;
}

// The response, once it is a success (else its JSON refusal is thrown).
async function send(path, init = {}) {
  const r = await fetch(path, { credentials: "same-origin", ...init });
  if (!r.ok) throw refused(await r.json().catch(() => ({})), r.status);
  return r;
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrf },
    body: JSON.stringify(body),
  };
  return (await send(path, init)).json().catch(() => ({}));
}

const lang = document.documentElement.lang || "fr";
function formatSize(bytes) {
  const [unit, value] = bytes >= 1024 * 1024 ? ["megabyte", bytes / 1048576] : bytes >= 1024 ? ["kilobyte", bytes / 1024] : ["byte", bytes];
  return new Intl.NumberFormat(lang, { style: "unit", unit, unitDisplay: unit === "byte" ? "long" : "short", maximumFractionDigits: 1 }).format(value);
}

function failure(e) {
  if (e instanceof WrongPassphraseError) return T["wrong-passphrase"];
  if (e instanceof AuthenticationError) return T.tampered;
  const limits = state?.file_limits;
  if (e.message === "file-too-large") return `${T["file-too-large"]} ${formatSize(limits.file)}.`;
  if (e.message === "vault-full") {
    const left = (e.data?.limit ?? limits.total) - (e.data?.used ?? limits.used) - FILE_OVERHEAD;
    return `${T["vault-full"]} ${formatSize(Math.max(0, left))}.`;
  }
  return `${T.error} ${e.message || e}`;
}

const nameContext = (c) => ({ collection: c.id, entry: 0, version: c.key_version });
const entryContext = (e) => ({ collection: e.collection_id, entry: e.id, version: e.version });
const fileContext = (f) => ({ collection: f.collection_id, entry: f.entry_id, file: f.id });

// ---- State -------------------------------------------------------------------

let state = null; // from /vault/api/state
let me = null; // unwrapped keys
const keys = new Map(); // collection id → CryptoKey
const names = new Map(); // collection id → name
const plain = new Map(); // entry id → decrypted record
const fileMeta = new Map(); // file id → { name, type, size, key }
let ticker = null;

async function load() {
  state = await api("/vault/api/state");
}

async function start() {
  try {
    await load();
  } catch (e) {
    say(failure(e), "error");
    return;
  }
  render();
}

// ---- Enrolment and unlocking ----------------------------------------------------

function strengthLine(input, out) {
  input.addEventListener("input", () => {
    const s = estimateStrength(input.value);
    out.textContent = input.value ? `${T.strength} ${Math.round(s.bits)} bits` : "";
  });
}

function enrolForm() {
  const one = field(T.passphrase, { type: "password", autocomplete: "new-password" });
  const two = field(T["passphrase-again"], { type: "password", autocomplete: "new-password" });
  const strength = h("p", { class: "help", "aria-live": "polite" });
  strengthLine(one.input, strength);
  const suggest = h("button", { type: "button", class: "secondary", text: T.generate, onclick: () => {
    const { passphrase } = generatePassphrase({ words: 8 });
    one.input.value = passphrase;
    two.input.value = passphrase;
    one.input.type = "text";
    one.input.dispatchEvent(new Event("input"));
  } });
  const form = h("form", { id: "vault-enrol", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    if (one.input.value !== two.input.value) return say(T.mismatch, "error");
    if (estimateStrength(one.input.value).bits < 80) return say(T["too-weak"], "error");
    say(T.working);
    try {
      const pair = await generateMemberKeys();
      const wrapped = await wrapMemberKeys(pair, one.input.value);
      const publicKeys = JSON.stringify(await exportPublicKeys(pair));
      await api("/vault/api/enrol", { public_keys: publicKeys, wrapped_keys: wrapped });
      await load();
      me = await unwrapMemberKeys(state.own.wrapped_keys, one.input.value);
      await unlocked();
    } catch (e) {
      say(failure(e), "error");
    }
  } }, h("p", { text: T["enrol-help"] }), one.wrap, strength, two.wrap, suggest, " ", h("button", { type: "submit", text: T.enrol }));
  return h("section", { "aria-labelledby": "enrol-title" }, h("h2", { id: "enrol-title", text: T["enrol-title"] }), form);
}

function unlockForm() {
  const pass = field(T.passphrase, { type: "password", autocomplete: "current-password" });
  const form = h("form", { id: "vault-unlock", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    say(T.working);
    try {
      me = await unwrapMemberKeys(state.own.wrapped_keys, pass.input.value);
      await unlocked();
    } catch (e) {
      say(failure(e), "error");
      pass.input.focus();
    }
  } }, pass.wrap, h("button", { type: "submit", text: T.unlock }));
  return h("section", { "aria-labelledby": "unlock-title" }, h("h2", { id: "unlock-title", text: T["unlock-title"] }), form);
}

// ---- Once unlocked ------------------------------------------------------------------

async function unlocked() {
  await load();
  keys.clear();
  names.clear();
  plain.clear();
  fileMeta.clear();
  const problems = [];
  for (const c of state.collections) {
    try {
      const key = await unwrapKeyForMember(c.wrapped_key, me.encryption, { collection: c.id, member: state.me });
      keys.set(c.id, key);
      names.set(c.id, await openRecord(key, c.sealed_name, nameContext(c)));
    } catch (e) {
      problems.push(failure(e));
    }
  }
  // Each entry and file's metadata, with its collection's key; a failure is shown, never its data.
  const openEach = async (rows, into, open) => {
    for (const row of rows) {
      const key = keys.get(row.collection_id);
      if (!key) continue;
      try {
        into.set(row.id, await open(key, row));
      } catch (err) {
        problems.push(failure(err));
      }
    }
  };
  await openEach(state.entries, plain, (key, e) => openRecord(key, e.sealed, entryContext(e)));
  await openEach(state.files, fileMeta, (key, f) => openFileMeta(key, f.sealed_meta, fileContext(f)));
  // Collections someone lost access to: rotate them now, from this browser.
  const pending = state.collections.filter((c) => c.rotate_since && keys.has(c.id));
  for (const c of pending) await rotate(c.id);
  if (pending.length) return unlocked();
  render(problems);
}

async function reload() {
  await unlocked();
}

async function publicKeyOf(userId) {
  const m = state.members.find((x) => x.user_id === userId);
  if (!m) throw new Error("not-enrolled");
  return (await importPublicKeys(JSON.parse(m.public_keys))).encryption;
}

async function recoveryPublic() {
  if (!state.recovery) return null;
  return crypto.subtle.importKey("raw", fromBase64url(state.recovery.public_key), ECDH, true, []);
}

async function createCollection(name) {
  const { first: id } = await api("/vault/api/ids", { kind: "collection", count: 1 });
  const key = await generateCollectionKey();
  const c = { id, key_version: 1 };
  const rec = await recoveryPublic();
  await api("/vault/api/collections", {
    id,
    sealed_name: await sealRecord(key, name, nameContext(c)),
    wrapped_key: await wrapKeyForMember(key, me.encryption.publicKey, { collection: id, member: state.me }),
    recovery_wrapped: rec ? await wrapKeyForMember(key, rec, { collection: id, member: "recovery" }) : null,
  });
  return id;
}

async function saveEntry(collectionId, record, existing, changed = false) {
  const c = state.collections.find((x) => x.id === collectionId);
  const key = keys.get(collectionId);
  let id = existing?.id;
  if (!id) id = (await api("/vault/api/ids", { kind: "entry", count: 1 })).first;
  const version = existing ? existing.version + 1 : 1;
  const sealed = await sealRecord(key, record, { collection: collectionId, entry: id, version });
  await api("/vault/api/entries", { id, collection_id: collectionId, sealed, version, key_version: c.key_version, changed });
}

// A new key for the collection, wrapped for everyone who still may open it
// (the server's list, after a revocation) and for the recovery key; every
// entry and every file's metadata sealed again under it. A removed member's
// old wrapped key opens nothing written after this. File contents stay as
// they are: each is under its own key, which only the metadata carries.
async function rotate(collectionId) {
  const c = state.collections.find((x) => x.id === collectionId);
  const oldKey = keys.get(collectionId);
  const key = await generateCollectionKey();
  const version = c.key_version + 1;
  const { users } = await api(`/vault/api/collections/${collectionId}/access`);
  const access = [];
  for (const u of users.filter((u) => state.members.some((m) => m.user_id === u))) {
    const pub = u === state.me ? me.encryption.publicKey : await publicKeyOf(u);
    access.push([u, await wrapKeyForMember(key, pub, { collection: collectionId, member: u })]);
  }
  const entries = [];
  for (const e of state.entries.filter((x) => x.collection_id === collectionId)) {
    const record = await openRecord(oldKey, e.sealed, entryContext(e));
    entries.push([e.id, await sealRecord(key, record, { collection: collectionId, entry: e.id, version: e.version + 1 }), e.version + 1]);
  }
  const files = [];
  for (const f of state.files.filter((x) => x.collection_id === collectionId)) {
    const meta = await openFileMeta(oldKey, f.sealed_meta, fileContext(f));
    files.push([f.id, await sealFileMeta(key, meta, fileContext(f))]);
  }
  const rec = await recoveryPublic();
  await api(`/vault/api/collections/${collectionId}/rotate`, {
    key_version: version,
    sealed_name: await sealRecord(key, names.get(collectionId), { collection: collectionId, entry: 0, version }),
    recovery_wrapped: rec ? await wrapKeyForMember(key, rec, { collection: collectionId, member: "recovery" }) : null,
    access,
    entries,
    files,
  });
  say(T.rotated);
}

// ---- Rendering ------------------------------------------------------------------------

function render(problems = []) {
  if (ticker) clearInterval(ticker);
  const status = h("p", { id: "vault-status", role: "status", "aria-live": "polite", class: message.kind === "error" ? "error" : false, text: message.text });
  root.replaceChildren(status);
  for (const p of problems) root.append(h("p", { class: "error", text: p }));
  if (!state.own) return root.append(enrolForm());
  if (!me) return root.append(unlockForm());
  root.append(
    h("p", {}, h("button", { type: "button", class: "secondary", text: T.lock, onclick: () => { me = null; keys.clear(); plain.clear(); fileMeta.clear(); render(); } })),
    fingerprintPanel(),
    collectionsPanel(),
    membersPanel(),
    recoveryPanel(),
  );
  for (const span of document.querySelectorAll(".entry-name[data-entry]")) {
    const record = plain.get(Number(span.dataset.entry));
    if (record) span.textContent = record.name;
  }
  ticker = setInterval(updateCodes, 1000);
  updateCodes();
}

function fingerprintPanel() {
  const out = h("p", { class: "codes", id: "my-fingerprint" });
  fingerprint(me.publicKeys).then((f) => { out.textContent = f; });
  return h("section", {}, h("h2", { text: T.fingerprint }), h("p", { class: "help", text: T["fingerprint-help"] }), out);
}

function collectionsPanel() {
  const section = h("section", { "aria-labelledby": "collections-title" }, h("h2", { id: "collections-title", text: T.collections }));
  if (!state.collections.length) section.append(h("p", { class: "empty", text: T["no-collection"] }));
  const reused = new Set();
  findReused([...plain].filter(([, r]) => r.password).map(([id, r]) => ({ id, password: r.password }))).then((groups) => {
    for (const g of groups) for (const id of g) reused.add(id);
    for (const id of reused) document.querySelector(`[data-reused="${id}"]`)?.removeAttribute("hidden");
  });
  for (const c of state.collections.filter((x) => keys.has(x.id))) section.append(collectionBlock(c));
  const limits = state.file_limits;
  if (limits.used) section.append(h("p", { class: "help", id: "files-used", text: `${T["files-used"]} ${formatSize(limits.used)} / ${formatSize(limits.total)}` }));
  const name = field(T.name, { required: true });
  section.append(h("form", { id: "new-collection", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    if (!name.input.value.trim()) return;
    try {
      await createCollection(name.input.value.trim());
      await reload();
    } catch (e) { say(failure(e), "error"); }
  } }, h("h3", { text: T["new-collection"] }), name.wrap, h("button", { type: "submit", text: T.create })));
  section.append(importForm());
  return section;
}

function collectionBlock(c) {
  const entries = state.entries.filter((e) => e.collection_id === c.id);
  const block = h("section", { class: "collection", "data-collection": c.id }, h("h3", { text: names.get(c.id) }));
  const list = h("ul", { class: "entries" });
  for (const e of entries) list.append(entryItem(c, e));
  block.append(list, entryForm(c), shareForm(c), exportButtons(c));
  return block;
}

function entryItem(c, e) {
  const r = plain.get(e.id);
  if (!r) return h("li", { class: "error", text: T.tampered });
  const secret = h("span", { class: "secret", "data-secret": e.id, text: "••••••••" });
  let shown = false;
  const toggle = h("button", { type: "button", class: "secondary", text: T.show, onclick: () => {
    shown = !shown;
    secret.textContent = shown ? r.password || "" : "••••••••";
    toggle.textContent = shown ? T.hide : T.show;
  } });
  const copy = h("button", { type: "button", class: "secondary", text: T.copy, onclick: async () => {
    await navigator.clipboard?.writeText(r.password || "");
    say(T.copied);
  } });
  const code = r.totp ? h("span", { class: "totp", "data-totp": e.id }) : null;
  const item = h("li", { "data-entry": e.id, id: `entry-${e.id}` },
    h("strong", { text: r.name }), h("span", { class: "tag", text: ` n° ${e.id}` }), e.change_since ? h("span", { class: "status status-late", text: ` ${T["to-change"]}` }) : null,
    h("br"), r.login ? `${T.login} : ${r.login} ` : "", r.url ? h("span", { class: "tag", text: r.url }) : null,
    h("br"), `${T.password} : `, secret, " ", toggle, " ", copy,
    code ? h("span", {}, ` ${T.code} `, code) : null,
    h("span", { class: "warning", hidden: true, "data-reused": e.id, text: T.reused }),
    r.notes ? h("p", { class: "help", text: r.notes }) : null,
    r.recovery_codes ? h("pre", { text: r.recovery_codes }) : null,
    filesBlock(c, e),
    lazyDetails(T.edit, () => entryFields(c, e, r)),
    h("button", { type: "button", class: "danger", text: T.delete, onclick: async () => {
      try { await api(`/vault/api/entries/${e.id}/delete`, {}); await reload(); } catch (err) { say(failure(err), "error"); }
    } }),
  );
  return item;
}

function entryFields(c, e, r = {}) {
  const f = {
    name: field(T.name, { value: r.name || "", required: true }),
    login: field(T.login, { value: r.login || "", autocomplete: "off" }),
    password: field(T.password, { value: r.password || "", type: "text", autocomplete: "off", spellcheck: "false" }),
    url: field(T.url, { value: r.url || "" }),
    totp: field(T.totp, { value: r.totp || "", autocomplete: "off" }),
    recovery_codes: field(T["recovery-codes"], { multiline: true }),
    notes: field(T.notes, { multiline: true }),
  };
  f.recovery_codes.input.value = r.recovery_codes || "";
  f.notes.input.value = r.notes || "";
  const strength = h("p", { class: "help", "aria-live": "polite" });
  strengthLine(f.password.input, strength);
  const changedId = nextId("changed");
  const changed = e?.change_since ? h("div", { class: "check" }, h("input", { type: "checkbox", id: changedId }), h("label", { for: changedId, text: T.changed })) : null;
  const gen = h("button", { type: "button", class: "secondary", text: T.generate, onclick: () => {
    f.password.input.value = generatePassword({ length: 20 }).password;
    f.password.input.dispatchEvent(new Event("input"));
  } });
  return h("form", { class: "entry-form", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const record = {};
    for (const [k, v] of Object.entries(f)) record[k] = v.input.value;
    if (!record.name.trim()) return say(`${T.error} ${T.name}`, "error");
    if (record.totp) {
      try { parseTotp(record.totp); } catch (err) { return say(`${T.error} ${T.totp}`, "error"); }
    }
    try {
      await saveEntry(c.id, record, e, Boolean(changed?.querySelector("input").checked));
      await reload();
    } catch (err) { say(failure(err), "error"); }
  } }, Object.values(f).map((x) => x.wrap), gen, strength, changed, h("button", { type: "submit", text: T.save }));
}

// ---- Files attached to an entry ----------------------------------------------------

// The entry's files (name, size, download, delete), then the add form,
// built when opened like the entry's edit form.
function filesBlock(c, e) {
  const files = state.files.filter((f) => f.entry_id === e.id);
  const list = files.length ? h("ul", { class: "files", "aria-label": `${T.files} : ${plain.get(e.id)?.name ?? e.id}` }, files.map((f) => fileItem(f))) : null;
  const add = lazyDetails(T["add-file"], () => fileForm(c, e));
  add.classList.add("add-file");
  return h("div", { class: "entry-files" }, list, add);
}

function fileItem(f) {
  const m = fileMeta.get(f.id);
  if (!m) return h("li", { class: "error", "data-file": f.id, text: T.tampered });
  const item = h("li", { "data-file": f.id });
  const remove = h("button", { type: "button", class: "danger", text: T.delete, "aria-label": `${T.delete} ${m.name}`, onclick: () => confirming() });
  const shown = () => {
    item.replaceChildren(h("span", { class: "file-name", text: m.name }), " ", h("span", { class: "tag", text: `(${formatSize(m.size)})` }), " ",
      h("button", { type: "button", class: "secondary", text: T.download, "aria-label": `${T.download} ${m.name}`, onclick: () => downloadFile(f) }), " ", remove);
  };
  // Deleting asks once more, in place; the focus goes to the answer and back.
  const confirming = () => {
    const yes = h("button", { type: "button", class: "danger", text: T["confirm-delete"], onclick: async () => {
      try {
        await api(`/vault/api/files/${f.id}/delete`, {});
        await reload();
        say(T["file-deleted"]);
      } catch (err) { say(failure(err), "error"); }
    } });
    const no = h("button", { type: "button", class: "secondary", text: T.cancel, onclick: () => { shown(); remove.focus(); } });
    item.replaceChildren(h("span", { text: `${m.name} : ${T["delete-file-confirm"]} ` }), yes, " ", no);
    yes.focus();
  };
  shown();
  return item;
}

async function downloadFile(f) {
  try {
    const content = new Uint8Array(await (await send(`/vault/api/files/${f.id}`)).arrayBuffer());
    const { name, type, bytes } = await openFile(keys.get(f.collection_id), f.sealed_meta, content, fileContext(f));
    download(name, bytes, type);
  } catch (err) { say(failure(err), "error"); }
}

// Refused here before anything is read or sent when the file is over a limit
// (the server checks again); otherwise sealed under a reserved id and sent
// as raw bytes.
async function addFile(c, e, file) {
  const limits = state.file_limits;
  if (file.size > limits.file) throw refused({ error: "file-too-large" });
  if (limits.used + file.size + limits.overhead > limits.total) throw refused({ error: "vault-full" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const { first: id } = await api("/vault/api/ids", { kind: "file", count: 1 });
  const { meta, content } = await sealFile(keys.get(c.id), { name: file.name, type: file.type, bytes }, { collection: c.id, entry: e.id, file: id });
  await send(`/vault/api/entries/${e.id}/files`, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream", "x-csrf-token": csrf,
      "x-vault-file-id": String(id), "x-vault-key-version": String(c.key_version), "x-vault-sealed-meta": meta,
    },
    body: content,
  });
}

function fileForm(c, e) {
  const id = nextId("file");
  const helpId = nextId("help");
  const input = h("input", { type: "file", id, "aria-describedby": helpId });
  const problem = h("p", { class: "error", "aria-live": "polite" });
  return h("form", { class: "file-form", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    problem.textContent = "";
    const file = input.files[0];
    if (!file) return (problem.textContent = T["no-file-chosen"]);
    say(T.working);
    try {
      await addFile(c, e, file);
      await reload();
      say(T["file-added"]);
    } catch (err) {
      say("");
      problem.textContent = failure(err);
      input.focus();
    }
  } },
  h("div", { class: "field" }, h("label", { for: id, text: T["add-file"] }), input,
    h("p", { class: "help", id: helpId, text: `${T["file-help"]} ${formatSize(state.file_limits.file)}.` })),
  problem, h("button", { type: "submit", text: T["add-file-button"] }));
}

function entryForm(c) {
  const d = lazyDetails(T["new-entry"], () => entryFields(c, null));
  d.classList.add("new-entry");
  return d;
}

// A <details> whose form is built when first opened: a vault of thousands
// of entries renders its list, not thousands of forms.
function lazyDetails(summary, build) {
  const d = h("details", {}, h("summary", { text: summary }));
  d.addEventListener("toggle", () => {
    if (d.open && d.children.length === 1) d.append(build());
  });
  return d;
}

function shareForm(c) {
  const others = state.members.filter((m) => m.user_id !== state.me);
  if (!others.length) return null;
  const id = nextId("share");
  const select = h("select", { id }, others.map((m) => h("option", { value: m.user_id, text: m.name })));
  return h("form", { class: "share", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const user = Number(select.value);
    try {
      const wrapped = await wrapKeyForMember(keys.get(c.id), await publicKeyOf(user), { collection: c.id, member: user });
      await api(`/vault/api/collections/${c.id}/share`, { user_id: user, wrapped_key: wrapped, key_version: c.key_version });
      await reload();
    } catch (err) { say(failure(err), "error"); }
  } }, h("label", { for: id, text: `${T.share} ` }), select, " ", h("button", { type: "submit", class: "secondary", text: T.share }));
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exported(c) {
  return state.entries.filter((e) => e.collection_id === c.id && plain.has(e.id)).map((e) => {
    const r = plain.get(e.id);
    return { name: r.name, folder: names.get(c.id), login: r.login, password: r.password, urls: r.url ? [r.url] : [], notes: r.notes || "", totp: r.totp || "", fields: [] };
  });
}

function exportButtons(c) {
  return h("p", {},
    h("button", { type: "button", class: "secondary", text: T["export-bitwarden"], onclick: () => download(`${names.get(c.id)}.json`, writeBitwardenJson(exported(c)), "application/json") }), " ",
    h("button", { type: "button", class: "secondary", text: T["export-keepass"], onclick: () => download(`${names.get(c.id)}.csv`, writeKeepassCsv(exported(c)), "text/csv") }));
}

function importForm() {
  const id = nextId("import");
  const input = h("input", { type: "file", id, accept: ".json,.csv,.xml" });
  const problems = h("div", { "aria-live": "polite" });
  return h("form", { id: "vault-import", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const file = input.files[0];
    if (!file) return;
    const { entries, problems: found } = readExport(await file.text());
    problems.replaceChildren();
    if (found.length) {
      problems.append(h("p", { class: "error", text: T["import-problems"] }),
        h("ul", {}, found.map((p) => h("li", { text: `${p.line ? `ligne ${p.line}` : p.item ?? ""} : ${p.reason}${p.detail ? ` (${p.detail})` : ""}` }))));
      return;
    }
    try {
      const byFolder = new Map();
      for (const e of entries) {
        const folder = e.folder || "Import";
        if (!byFolder.has(folder)) byFolder.set(folder, []);
        byFolder.get(folder).push(e);
      }
      for (const [folder, list] of byFolder) {
        const cid = await createCollection(folder);
        await load();
        const c = state.collections.find((x) => x.id === cid);
        keys.set(cid, await unwrapKeyForMember(c.wrapped_key, me.encryption, { collection: cid, member: state.me }));
        for (const e of list) {
          const extra = e.fields.map((x) => `${x.name}: ${x.value}`).join("\n");
          await saveEntry(cid, { name: e.name, login: e.login, password: e.password, url: e.urls[0] || "", notes: [e.notes, extra].filter(Boolean).join("\n"), totp: e.totp || "", recovery_codes: "" }, null);
        }
      }
      await reload();
      say(`${T["import-done"]} ${entries.length}`);
    } catch (err) { say(failure(err), "error"); }
  } }, h("h3", { text: T.import }), h("div", { class: "field" }, h("label", { for: id, text: T.import }), input), problems, h("button", { type: "submit", text: T.import }));
}

function membersPanel() {
  const section = h("section", { "aria-labelledby": "members-title" }, h("h2", { id: "members-title", text: T.members }));
  const list = h("ul", {});
  for (const m of state.members) {
    const fp = h("span", { class: "tag" });
    importPublicKeys(JSON.parse(m.public_keys)).then((k) => fingerprint(k)).then((f) => { fp.textContent = ` ${f}`; });
    const item = h("li", { "data-member": m.user_id }, m.name, fp);
    if (state.can_revoke && m.user_id !== state.me) item.append(" ", revokeForm(m));
    list.append(item);
  }
  section.append(list);
  return section;
}

function revokeForm(m) {
  const owner = h("select", { "aria-label": T["revoke-owner"] }, state.members.filter((x) => x.user_id !== m.user_id).map((x) => h("option", { value: x.user_id, text: x.name, selected: x.user_id === state.me })));
  const due = new Date(Date.now() + 30 * 86400e3).toISOString().slice(0, 10);
  const deadline = h("input", { value: due, "aria-label": T["revoke-deadline"], size: 10 });
  return h("form", { class: "inline revoke", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await api(`/vault/api/members/${m.user_id}/revoke`, { owner: Number(owner.value), deadline: deadline.value });
      // unlocked() rotates every collection now flagged that this browser can open.
      await reload();
    } catch (err) { say(failure(err), "error"); }
  } }, owner, " ", deadline, " ", h("button", { type: "submit", class: "danger", text: `${T.revoke} : ${m.name}` }));
}

// ---- Recovery --------------------------------------------------------------------------

function recoveryPanel() {
  const section = h("section", { "aria-labelledby": "vault-recovery-title" }, h("h2", { id: "vault-recovery-title", text: T["recovery-setup"] }));
  if (state.own_share) section.append(ownShare());
  for (const q of state.requests.filter((q) => !q.cancelled_at && !q.completed_at)) {
    if (q.requester === state.me) {
      section.append(h("p", {}, h("button", { type: "button", id: `recover-${q.id}`, text: T.recover, onclick: () => recover(q) })));
    } else if (state.own_share) {
      section.append(h("p", {}, h("button", { type: "button", id: `approve-${q.id}`, text: `${T.approve} ${q.requester_name}`, onclick: () => approve(q) })));
    }
  }
  if (state.is_admin) section.append(recoverySetupForm());
  return section;
}

function ownShare() {
  const out = h("pre", { class: "codes", id: "my-share" });
  const [split, sealed] = state.own_share;
  openSealed(me.encryption, sealed, `share:${split}:holder:${state.me}`)
    .then((share) => shareToWords(share))
    .then((lines) => { out.textContent = lines.map((l) => l.join(" ")).join("\n"); })
    .catch((e) => { out.textContent = failure(e); });
  return h("div", {}, h("h3", { text: T["your-share"] }), h("p", { class: "help", text: T["your-share-help"] }), out);
}

function recoverySetupForm() {
  const boxes = state.members.map((m) => {
    const id = nextId("holder");
    const box = h("input", { type: "checkbox", id, value: m.user_id });
    return { box, wrap: h("div", { class: "check" }, box, h("label", { for: id, text: m.name })) };
  });
  const k = field(T["recovery-threshold"], { type: "number", min: 2, value: 2 });
  const delay = field(T["recovery-delay"], { type: "number", min: 1, value: state.recovery?.delay_hours ?? 72 });
  return h("form", { id: "recovery-setup", novalidate: true, onsubmit: async (ev) => {
    ev.preventDefault();
    const holders = boxes.filter((b) => b.box.checked).map((b) => Number(b.box.value));
    const threshold = Number(k.input.value);
    try {
      const secret = generateRecoverySecret();
      const shares = await splitSecret(secret, threshold, holders.length);
      const split = (state.recovery?.split ?? 0) + 1;
      const pair = await crypto.subtle.generateKey(ECDH, true, ["deriveBits"]);
      const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
      const sealedShares = [];
      for (const [i, holder] of holders.entries()) {
        sealedShares.push([holder, await sealTo(await publicKeyOf(holder), shares[i], `share:${split}:holder:${holder}`)]);
      }
      const collections = [];
      for (const [id, key] of keys) collections.push([id, await wrapKeyForMember(key, pair.publicKey, { collection: id, member: "recovery" })]);
      await api("/vault/api/recovery", {
        split, threshold, delay_hours: Number(delay.input.value),
        check_blob: await makeRecoveryCheck(secret),
        public_key: toBase64url(new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey))),
        sealed_private: await sealWithRecovery(secret, pkcs8, `recovery-private:${split}`),
        shares: sealedShares,
        collections,
      });
      await reload();
      say(T["recovery-done"]);
    } catch (err) { say(failure(err), "error"); }
  } }, h("fieldset", {}, h("legend", { text: T["recovery-holders"] }), boxes.map((b) => b.wrap)), k.wrap, delay.wrap, h("button", { type: "submit", text: T["recovery-setup"] }));
}

async function approve(q) {
  try {
    const [split, sealed] = state.own_share;
    const share = await openSealed(me.encryption, sealed, `share:${split}:holder:${state.me}`);
    const requester = (await importPublicKeys(JSON.parse(q.request_key))).encryption;
    const resealed = await sealTo(requester, share, `recovery:${q.id}:holder:${state.me}`);
    await api(`/vault/api/recovery/requests/${q.id}/approve`, { sealed_share: resealed });
    say(T.approved);
  } catch (err) { say(failure(err), "error"); }
}

async function recover(q) {
  try {
    const opened = await api(`/vault/api/recovery/requests/${q.id}`);
    const shares = [];
    for (const [holder, sealed] of opened.approvals) shares.push(await openSealed(me.encryption, sealed, `recovery:${q.id}:holder:${holder}`));
    const secret = await combineSecret(shares);
    if (!(await verifyRecoverySecret(secret, opened.recovery.check_blob))) throw new AuthenticationError("recovery check");
    const pkcs8 = await openWithRecovery(secret, opened.recovery.sealed_private, `recovery-private:${opened.recovery.split}`);
    const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, ECDH, false, ["deriveBits"]);
    const publicKey = await crypto.subtle.importKey("raw", fromBase64url(opened.recovery.public_key), ECDH, true, []);
    const pair = { privateKey, publicKey };
    const out = [];
    for (const [id, version, wrapped] of opened.collections) {
      const key = await unwrapKeyForMember(wrapped, pair, { collection: id, member: "recovery" });
      out.push([id, version, await wrapKeyForMember(key, me.encryption.publicKey, { collection: id, member: state.me })]);
    }
    await api(`/vault/api/recovery/requests/${q.id}/complete`, { keys: out });
    await reload();
    say(T.recovered);
  } catch (err) { say(failure(err.status === 404 ? { message: "not-open" } : err), "error"); }
}

async function updateCodes() {
  for (const el of document.querySelectorAll("[data-totp]")) {
    const r = plain.get(Number(el.dataset.totp));
    try {
      const p = parseTotp(r.totp);
      const { code, remaining } = await totp(p.secret, p);
      el.textContent = `${code} (${remaining} s)`;
    } catch {
      el.textContent = "—";
    }
  }
}

start();
