// Moving in and out: Bitwarden and KeePass exports read into vault entries,
// and a collection written back in formats those tools import.
//
// Everything runs in the browser on the decrypted file; the page seals the
// entries before anything is sent. A file with any problem imports nothing:
// the reader returns every problem found (where and why) and no entries, so a
// person fixes the file and tries again instead of guessing what went in.
//
// An entry, as the vault keeps it (and as sealRecord seals it):
//   { name, folder, login, password, urls: [string], notes, totp,
//     fields: [{ name, value, hidden }] }
// `folder` is a path of names joined by "/", which the page maps to a
// collection. `totp` is an otpauth:// URI or a base32 seed, as found.

const EMPTY_ENTRY = () => ({ name: "", folder: "", login: "", password: "", urls: [], notes: "", totp: "", fields: [] });

function result(entries, problems) {
  return problems.length > 0 ? { entries: [], folders: [], problems } : { entries, folders: foldersOf(entries), problems };
}

function foldersOf(entries) {
  return [...new Set(entries.map((e) => e.folder).filter(Boolean))].sort();
}

// A problem: `line` (CSV, XML) or `item` (1-based position in a JSON list),
// a stable `reason` code for the page to translate, and `detail` in English.
function problem(where, reason, detail) {
  return { ...where, reason, detail };
}

// Picks the reader from the content: JSON for Bitwarden, XML for KeePass 2,
// CSV told apart by its header.
export function readExport(text) {
  const body = stripBom(String(text)).trimStart();
  if (body.startsWith("{")) return readBitwardenJson(body);
  if (body.startsWith("<")) return readKeepassXml(body);
  const header = body.split(/\r?\n/, 1)[0].toLowerCase();
  if (header.includes("login_username") || header.includes("login_password")) return readBitwardenCsv(body);
  if (header.includes("title") && header.includes("password")) return readKeepassCsv(body);
  return result([], [problem({ line: 1 }, "unknown-format", "not a Bitwarden or KeePass export this vault reads")]);
}

function stripBom(text) {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// ---- CSV (RFC 4180: quotes doubled inside quoted fields, CRLF or LF) ----

// Rows with the line each starts on. Throws on an unterminated quote.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let fieldStarted = false;
  const source = stripBom(text);
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push({ line: rowLine, cells: row });
      row = [];
      field = "";
      fieldStarted = false;
      line++;
      rowLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) throw Object.assign(new Error("unterminated quote"), { line: rowLine });
  row.push(field);
  if (row.length > 1 || row[0] !== "") rows.push({ line: rowLine, cells: row });
  return rows;
}

function csvRecords(text, required) {
  let rows;
  try {
    rows = parseCsv(text);
  } catch (e) {
    return { records: [], problems: [problem({ line: e.line }, "unterminated-quote", "a quoted field never ends")] };
  }
  if (rows.length === 0) return { records: [], problems: [problem({ line: 1 }, "empty", "the file is empty")] };
  const header = rows[0].cells.map((h) => h.trim().toLowerCase());
  const missing = required.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    return { records: [], problems: [problem({ line: 1 }, "missing-column", `missing column(s): ${missing.join(", ")}`)] };
  }
  const problems = [];
  const records = [];
  for (const { line, cells } of rows.slice(1)) {
    if (cells.length !== header.length) {
      problems.push(problem({ line }, "column-count", `${cells.length} fields where the header has ${header.length}`));
      continue;
    }
    records.push({ line, get: (name) => (header.includes(name) ? cells[header.indexOf(name)] : "") });
  }
  return { records, problems };
}

function csvField(value) {
  return `"${String(value ?? "").replace(/"/g, '""')}"`;
}

// ---- Bitwarden ----

// Bitwarden's item types: 1 login, 2 secure note, 3 card, 4 identity, 5 SSH key.
// Cards, identities and SSH keys have no login: their fields are kept as
// entry fields, so nothing in the file is dropped.
const BITWARDEN_CARD = ["cardholderName", "brand", "number", "expMonth", "expYear", "code"];
const BITWARDEN_IDENTITY = ["title", "firstName", "middleName", "lastName", "address1", "address2", "address3", "city",
  "state", "postalCode", "country", "company", "email", "phone", "ssn", "username", "passportNumber", "licenseNumber"];
const BITWARDEN_SSH = ["privateKey", "publicKey", "keyFingerprint"];
const HIDDEN_FIELDS = new Set(["number", "code", "ssn", "passportNumber", "licenseNumber", "privateKey"]);

export function readBitwardenJson(text) {
  let data;
  try {
    data = JSON.parse(stripBom(text));
  } catch (e) {
    return result([], [problem({ line: 1 }, "not-json", `not JSON: ${e.message}`)]);
  }
  if (data?.encrypted === true) {
    return result([], [problem({}, "encrypted-export", "an encrypted Bitwarden export: export again as unencrypted JSON")]);
  }
  if (!Array.isArray(data?.items)) return result([], [problem({}, "not-bitwarden", "no list of items")]);
  // Personal exports file items in folders, organisation exports in collections.
  const names = new Map();
  for (const group of [...(data.folders ?? []), ...(data.collections ?? [])]) {
    if (typeof group?.id === "string" && typeof group?.name === "string") names.set(group.id, group.name);
  }
  const entries = [];
  const problems = [];
  data.items.forEach((item, index) => {
    const where = { item: index + 1, name: typeof item?.name === "string" ? item.name : "" };
    if (typeof item !== "object" || item === null || typeof item.name !== "string") {
      problems.push(problem(where, "bad-item", "an item without a name"));
      return;
    }
    const entry = EMPTY_ENTRY();
    entry.name = item.name;
    entry.notes = stringOr(item.notes);
    const groupId = item.folderId ?? item.collectionIds?.[0] ?? null;
    if (groupId !== null) {
      if (!names.has(groupId)) {
        problems.push(problem(where, "unknown-folder", `folder or collection ${groupId} is not in the file`));
        return;
      }
      entry.folder = names.get(groupId);
    }
    for (const field of item.fields ?? []) {
      if (typeof field?.name !== "string" && typeof field?.value !== "string") {
        problems.push(problem(where, "bad-field", "a custom field without name or value"));
        return;
      }
      entry.fields.push({ name: stringOr(field.name), value: stringOr(field.value), hidden: field.type === 1 });
    }
    switch (item.type) {
      case 1: {
        const login = item.login ?? {};
        entry.login = stringOr(login.username);
        entry.password = stringOr(login.password);
        entry.totp = stringOr(login.totp);
        entry.urls = (login.uris ?? []).map((u) => stringOr(u?.uri)).filter(Boolean);
        break;
      }
      case 2:
        break;
      case 3:
        copyFields(entry, item.card, BITWARDEN_CARD);
        break;
      case 4:
        copyFields(entry, item.identity, BITWARDEN_IDENTITY);
        break;
      case 5:
        copyFields(entry, item.sshKey, BITWARDEN_SSH);
        break;
      default:
        problems.push(problem(where, "unknown-type", `item type ${item.type} is not one Bitwarden documents`));
        return;
    }
    entries.push(entry);
  });
  return result(entries, problems);
}

function stringOr(value) {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
}

function copyFields(entry, source, names) {
  for (const name of names) {
    const value = stringOr(source?.[name]);
    if (value !== "") entry.fields.push({ name, value, hidden: HIDDEN_FIELDS.has(name) });
  }
}

// Bitwarden's CSV: folder (personal) or collections (organisation), type
// "login" or "note", custom fields as "name: value" lines, several URIs
// separated by commas.
export function readBitwardenCsv(text) {
  const { records, problems } = csvRecords(text, ["type", "name", "login_username", "login_password"]);
  const entries = [];
  for (const record of records) {
    const type = record.get("type").trim().toLowerCase();
    if (type !== "login" && type !== "note") {
      problems.push(problem({ line: record.line }, "unknown-type", `type "${record.get("type")}" (login or note expected)`));
      continue;
    }
    const entry = EMPTY_ENTRY();
    entry.name = record.get("name");
    entry.folder = record.get("folder") || record.get("collections").split(",")[0].trim();
    entry.notes = record.get("notes");
    entry.login = record.get("login_username");
    entry.password = record.get("login_password");
    entry.totp = record.get("login_totp");
    entry.urls = record.get("login_uri").split(",").map((u) => u.trim()).filter(Boolean);
    for (const line of record.get("fields").split(/\r?\n/).filter((l) => l.trim() !== "")) {
      const at = line.indexOf(": ");
      entry.fields.push(at < 0 ? { name: line, value: "", hidden: false } : { name: line.slice(0, at), value: line.slice(at + 2), hidden: false });
    }
    entries.push(entry);
  }
  return result(entries, problems);
}

// Unencrypted Bitwarden JSON (personal vault layout), which Bitwarden and
// Vaultwarden import, as do KeePassXC and most managers.
export function writeBitwardenJson(entries) {
  const folders = foldersOf(entries).map((name) => ({ id: crypto.randomUUID(), name }));
  const folderId = new Map(folders.map((f) => [f.name, f.id]));
  const items = entries.map((entry) => ({
    id: crypto.randomUUID(),
    organizationId: null,
    folderId: folderId.get(entry.folder) ?? null,
    type: 1,
    reprompt: 0,
    name: entry.name,
    notes: entry.notes || null,
    favorite: false,
    fields: entry.fields.map((f) => ({ name: f.name, value: f.value, type: f.hidden ? 1 : 0, linkedId: null })),
    login: {
      uris: entry.urls.map((uri) => ({ match: null, uri })),
      username: entry.login || null,
      password: entry.password || null,
      totp: entry.totp || null,
    },
    collectionIds: null,
  }));
  return JSON.stringify({ encrypted: false, folders, items }, null, 2);
}

// ---- KeePass ----

// KeePassXC's CSV export: Group, Title, Username, Password, URL, Notes, and
// since 2.6 TOTP, Icon, Last Modified, Created. The group path starts with
// the database's root group, which is dropped.
export function readKeepassCsv(text) {
  const { records, problems } = csvRecords(text, ["group", "title", "username", "password", "url", "notes"]);
  const entries = records.map((record) => ({
    ...EMPTY_ENTRY(),
    name: record.get("title"),
    folder: record.get("group").split("/").slice(1).join("/"),
    login: record.get("username"),
    password: record.get("password"),
    urls: record.get("url") ? [record.get("url")] : [],
    notes: record.get("notes"),
    totp: record.get("totp"),
  }));
  return result(entries, problems);
}

const KEEPASS_CSV_HEADER = ["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"];

// KeePassXC's own CSV layout, which its CSV import maps without help. Only
// the first URL fits; other URLs and custom fields go into the notes so that
// nothing is lost on the way out.
export function writeKeepassCsv(entries, { root = "Root" } = {}) {
  const lines = [KEEPASS_CSV_HEADER.map(csvField).join(",")];
  for (const entry of entries) {
    const extra = [...entry.urls.slice(1).map((u) => `URL: ${u}`), ...entry.fields.map((f) => `${f.name}: ${f.value}`)];
    const notes = [entry.notes, ...extra].filter(Boolean).join("\n");
    const group = entry.folder ? `${root}/${entry.folder}` : root;
    lines.push([group, entry.name, entry.login, entry.password, entry.urls[0] ?? "", notes, entry.totp, "0", "", ""].map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// KeePass 2 XML (File > Export > KeePass XML (2.x), also KeePassXC's XML
// export): String elements with Key/Value per entry, groups nested, entry
// history and the recycle bin skipped.
const KEEPASS_STANDARD = new Set(["Title", "UserName", "Password", "URL", "Notes", "otp"]);

export function readKeepassXml(text) {
  let root;
  try {
    root = parseXml(text);
  } catch (e) {
    return result([], [problem({ line: e.line ?? 1 }, "not-xml", e.message)]);
  }
  if (root.name !== "KeePassFile") return result([], [problem({ line: 1 }, "not-keepass", `root element ${root.name}, not KeePassFile`)]);
  const recycleBin = child(root, "Meta") && textOf(child(child(root, "Meta"), "RecycleBinUUID"));
  const top = child(child(root, "Root") ?? { children: [] }, "Group");
  if (!top) return result([], [problem({ line: root.line }, "not-keepass", "no Root/Group element")]);
  const entries = [];
  const problems = [];
  const walk = (group, path) => {
    if (recycleBin && textOf(child(group, "UUID")) === recycleBin) return;
    for (const node of group.children) {
      if (node.name === "Group") {
        walk(node, [...path, textOf(child(node, "Name"))]);
      } else if (node.name === "Entry") {
        const entry = keepassEntry(node, path.join("/"), problems);
        if (entry) entries.push(entry);
      }
    }
  };
  walk(top, []);
  return result(entries, problems);
}

function keepassEntry(node, folder, problems) {
  const strings = new Map();
  for (const s of node.children.filter((c) => c.name === "String")) {
    const key = child(s, "Key");
    if (!key) {
      problems.push(problem({ line: s.line }, "bad-field", "a String without Key"));
      return null;
    }
    const value = child(s, "Value");
    strings.set(textOf(key), { value: value ? textOf(value) : "", hidden: value?.attrs.Protected === "True" });
  }
  const get = (k) => strings.get(k)?.value ?? "";
  const entry = {
    ...EMPTY_ENTRY(),
    name: get("Title"),
    folder,
    login: get("UserName"),
    password: get("Password"),
    urls: get("URL") ? [get("URL")] : [],
    notes: get("Notes"),
    totp: get("otp") || keepassTimeOtp(get),
  };
  for (const [name, { value, hidden }] of strings) {
    if (!KEEPASS_STANDARD.has(name) && !name.startsWith("TimeOtp-")) entry.fields.push({ name, value, hidden });
  }
  return entry;
}

// KeePass 2.47+ keeps TOTP settings as TimeOtp-* strings; we keep an otpauth URI.
function keepassTimeOtp(get) {
  const seed = get("TimeOtp-Secret-Base32");
  if (!seed) return "";
  const params = new URLSearchParams({ secret: seed.replace(/\s/g, "") });
  const algorithm = { "HMAC-SHA-256": "SHA256", "HMAC-SHA-512": "SHA512" }[get("TimeOtp-Algorithm")];
  if (algorithm) params.set("algorithm", algorithm);
  if (get("TimeOtp-Length")) params.set("digits", get("TimeOtp-Length"));
  if (get("TimeOtp-Period")) params.set("period", get("TimeOtp-Period"));
  return `otpauth://totp/?${params}`;
}

function child(node, name) {
  return node?.children.find((c) => c.name === name) ?? null;
}

function textOf(node) {
  return node?.text ?? "";
}

// ---- A small XML reader, enough for KeePass files ----
// Elements, attributes, text, CDATA, comments, the XML declaration and the
// five named entities plus numeric ones. A DOCTYPE is refused (no entity
// expansion games). Browsers have DOMParser, Node has not: one code path for both.

const ENTITIES = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(raw, line) {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (match, name) => {
    if (name === undefined) throw Object.assign(new Error("a bare & in text"), { line });
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    if (!(name in ENTITIES)) throw Object.assign(new Error(`unknown entity &${name};`), { line });
    return ENTITIES[name];
  });
}

export function parseXml(text) {
  const source = stripBom(text);
  let i = 0;
  let line = 1;
  const fail = (message) => {
    throw Object.assign(new Error(`line ${line}: ${message}`), { line });
  };
  const advance = (to) => {
    for (let j = i; j < to; j++) if (source[j] === "\n") line++;
    i = to;
  };
  const stack = [{ name: "#document", attrs: {}, children: [], text: "", line: 1 }];
  while (i < source.length) {
    const top = stack.at(-1);
    if (source.startsWith("<!--", i)) {
      const end = source.indexOf("-->", i);
      if (end < 0) fail("unterminated comment");
      advance(end + 3);
    } else if (source.startsWith("<![CDATA[", i)) {
      const end = source.indexOf("]]>", i);
      if (end < 0) fail("unterminated CDATA");
      top.text += source.slice(i + 9, end);
      advance(end + 3);
    } else if (source.startsWith("<?", i)) {
      const end = source.indexOf("?>", i);
      if (end < 0) fail("unterminated declaration");
      advance(end + 2);
    } else if (source.startsWith("<!", i)) {
      fail("DOCTYPE and other declarations are not accepted");
    } else if (source.startsWith("</", i)) {
      const end = source.indexOf(">", i);
      if (end < 0) fail("unterminated closing tag");
      const name = source.slice(i + 2, end).trim();
      if (stack.length < 2 || name !== top.name) fail(`</${name}> does not close <${top.name}>`);
      stack.pop();
      advance(end + 1);
    } else if (source[i] === "<") {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(source.slice(i, i + 4096));
      if (!match) fail("malformed tag");
      const attrs = {};
      for (const [, key, dq, sq] of match[2].matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attrs[key] = decodeEntities(dq ?? sq, line);
      }
      const element = { name: match[1], attrs, children: [], text: "", line };
      if (stack.length === 1 && top.children.length > 0) fail("more than one root element");
      top.children.push(element);
      if (!match[3]) stack.push(element);
      advance(i + match[0].length);
    } else {
      const end = source.indexOf("<", i) < 0 ? source.length : source.indexOf("<", i);
      const raw = source.slice(i, end);
      if (stack.length === 1 && raw.trim() !== "") fail("text outside the root element");
      top.text += decodeEntities(raw, line);
      advance(end);
    }
  }
  if (stack.length > 1) fail(`<${stack.at(-1).name}> is never closed`);
  const [root] = stack[0].children;
  if (!root) fail("no root element");
  return root;
}
