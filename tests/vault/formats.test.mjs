import { test } from "node:test";
import assert from "node:assert/strict";
import {
  parseCsv, parseXml, readBitwardenCsv, readBitwardenJson, readExport, readKeepassCsv, readKeepassXml,
  writeBitwardenJson, writeKeepassCsv,
} from "../../crates/web/static/vault/formats.js";

// Shaped like Bitwarden's documented unencrypted export (personal vault).
const BITWARDEN_JSON = JSON.stringify({
  encrypted: false,
  folders: [{ id: "f-banque", name: "Banque" }, { id: "f-site", name: "Site web" }],
  items: [
    {
      id: "i1", organizationId: null, folderId: "f-banque", type: 1, reprompt: 0, name: "Crédit coopératif",
      notes: "Contrat 42", favorite: false,
      fields: [{ name: "Code client", value: "778899", type: 0 }, { name: "PIN", value: "1234", type: 1 }],
      login: { uris: [{ match: null, uri: "https://banque.example" }, { match: null, uri: "https://app.banque.example" }], username: "asso", password: "p4ss,\"quoted\"", totp: "otpauth://totp/Banque:asso?secret=JBSWY3DPEHPK3PXP" },
      collectionIds: null,
    },
    { id: "i2", folderId: null, type: 2, name: "Codes de secours", notes: "1111 2222 3333", secureNote: { type: 0 } },
    { id: "i3", folderId: "f-site", type: 3, name: "Carte", card: { cardholderName: "Asso", number: "4111111111111111", code: "123", expMonth: "1", expYear: "2030", brand: "Visa" } },
  ],
});

test("Bitwarden JSON: logins, notes and cards with folders, fields and TOTP", () => {
  const { entries, folders, problems } = readBitwardenJson(BITWARDEN_JSON);
  assert.deepEqual(problems, []);
  assert.deepEqual(folders, ["Banque", "Site web"]);
  assert.equal(entries.length, 3);
  assert.deepEqual(entries[0], {
    name: "Crédit coopératif", folder: "Banque", login: "asso", password: "p4ss,\"quoted\"",
    urls: ["https://banque.example", "https://app.banque.example"], notes: "Contrat 42",
    totp: "otpauth://totp/Banque:asso?secret=JBSWY3DPEHPK3PXP",
    fields: [{ name: "Code client", value: "778899", hidden: false }, { name: "PIN", value: "1234", hidden: true }],
  });
  assert.equal(entries[1].notes, "1111 2222 3333");
  assert.deepEqual(entries[2].fields.find((f) => f.name === "number"), { name: "number", value: "4111111111111111", hidden: true });
  assert.deepEqual(readExport(BITWARDEN_JSON), readBitwardenJson(BITWARDEN_JSON));
});

test("a malformed or encrypted Bitwarden file imports nothing and says why", () => {
  const broken = JSON.parse(BITWARDEN_JSON);
  broken.items[1].type = 9;
  broken.items[2].folderId = "missing";
  const result = readBitwardenJson(JSON.stringify(broken));
  assert.deepEqual(result.entries, []);
  assert.deepEqual(result.problems.map((p) => [p.item, p.reason]), [[2, "unknown-type"], [3, "unknown-folder"]]);
  assert.equal(readBitwardenJson('{"encrypted": true, "items": []}').problems[0].reason, "encrypted-export");
  assert.equal(readBitwardenJson("{ not json").problems[0].reason, "not-json");
  assert.equal(readBitwardenJson('{"folders": []}').problems[0].reason, "not-bitwarden");
});

const BITWARDEN_CSV = [
  "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp",
  'Banque,,login,Banque en ligne,"ligne 1\nligne 2","Code: 42\nAutre: x",0,"https://a.example,https://b.example",tresorier,"mot ""de"" passe",JBSWY3DPEHPK3PXP',
  ",,note,Wifi local,clé WPA,,0,,,,",
  "",
].join("\r\n");

test("Bitwarden CSV: quoted newlines and quotes, several URIs, custom fields", () => {
  const { entries, problems } = readBitwardenCsv(BITWARDEN_CSV);
  assert.deepEqual(problems, []);
  assert.equal(entries.length, 2);
  assert.equal(entries[0].notes, "ligne 1\nligne 2");
  assert.equal(entries[0].password, 'mot "de" passe');
  assert.deepEqual(entries[0].urls, ["https://a.example", "https://b.example"]);
  assert.deepEqual(entries[0].fields, [{ name: "Code", value: "42", hidden: false }, { name: "Autre", value: "x", hidden: false }]);
  assert.equal(entries[0].totp, "JBSWY3DPEHPK3PXP");
  assert.equal(entries[1].folder, "");
  assert.deepEqual(readExport("\ufeff" + BITWARDEN_CSV).entries, entries);
});

test("a bad CSV line is reported with its line number, and nothing is imported", () => {
  // The first record spans lines 2 to 4 (newlines inside quotes).
  const text = BITWARDEN_CSV.replace(",,note,", ",,card,") + 'x,,login,"unterminated';
  const { entries, problems } = readBitwardenCsv(text);
  assert.deepEqual(entries, []);
  assert.deepEqual(problems.map((p) => [p.line, p.reason]), [[6, "unterminated-quote"]]);
  const { problems: typeProblems } = readBitwardenCsv(BITWARDEN_CSV.replace(",,note,", ",,card,"));
  assert.deepEqual(typeProblems.map((p) => [p.line, p.reason]), [[5, "unknown-type"]]);
  const short = readKeepassCsv('"Group","Title","Username","Password","URL","Notes"\n"Root","a","b"\n');
  assert.deepEqual(short.problems.map((p) => [p.line, p.reason]), [[2, "column-count"]]);
  assert.equal(readKeepassCsv('"Title","Password"\n').problems[0].reason, "missing-column");
});

// KeePassXC 2.7's CSV export header.
const KEEPASSXC_CSV = [
  '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"',
  '"Root/Réseaux sociaux","Mastodon","asso@exemple.fr","s3cr3t","https://mastodon.example","","otpauth://totp/M:asso?secret=GEZDGNBVGY3TQOJQ&period=30&digits=6&issuer=M","0","2025-01-01T10:00:00Z","2024-01-01T10:00:00Z"',
  '"Root","Hébergeur","admin","pa,ss","https://h.example","note ""citée""","","0","",""',
].join("\n");

test("KeePassXC CSV: group path without the root, TOTP kept", () => {
  const { entries, folders, problems } = readExport(KEEPASSXC_CSV);
  assert.deepEqual(problems, []);
  assert.deepEqual(folders, ["Réseaux sociaux"]);
  assert.equal(entries[0].totp.startsWith("otpauth://totp/"), true);
  assert.deepEqual([entries[1].name, entries[1].folder, entries[1].password, entries[1].notes], ["Hébergeur", "", "pa,ss", 'note "citée"']);
});

const KEEPASS_XML = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<!-- KeePass 2 XML export -->
<KeePassFile>
  <Meta><Generator>KeePass</Generator><RecycleBinUUID>cmVjeWNsZQ==</RecycleBinUUID></Meta>
  <Root>
    <Group>
      <UUID>cm9vdA==</UUID><Name>Association</Name>
      <Entry>
        <UUID>ZTE=</UUID>
        <String><Key>Title</Key><Value>Registrar &amp; DNS</Value></String>
        <String><Key>UserName</Key><Value>asso</Value></String>
        <String><Key>Password</Key><Value Protected="True">&lt;p&gt;&#233;</Value></String>
        <String><Key>URL</Key><Value>https://registrar.example</Value></String>
        <String><Key>Notes</Key><Value><![CDATA[renouvelé en <mars>]]></Value></String>
        <String><Key>Code client</Key><Value Protected="True">C-99</Value></String>
        <String><Key>TimeOtp-Secret-Base32</Key><Value>JBSWY3DPEHPK3PXP</Value></String>
        <String><Key>TimeOtp-Algorithm</Key><Value>HMAC-SHA-256</Value></String>
        <History><Entry><String><Key>Title</Key><Value>old</Value></String></Entry></History>
      </Entry>
      <Group>
        <UUID>YmFucXVl</UUID><Name>Banque</Name>
        <Entry><String><Key>Title</Key><Value>Banque</Value></String><String><Key>Password</Key><Value/></String><String><Key>otp</Key><Value>otpauth://totp/B:x?secret=JBSWY3DP</Value></String></Entry>
      </Group>
      <Group>
        <UUID>cmVjeWNsZQ==</UUID><Name>Corbeille</Name>
        <Entry><String><Key>Title</Key><Value>deleted</Value></String></Entry>
      </Group>
    </Group>
    <DeletedObjects/>
  </Root>
</KeePassFile>
`;

test("KeePass 2 XML: nested groups, entities and CDATA, protected fields, TOTP, no history or recycle bin", () => {
  const { entries, folders, problems } = readExport(KEEPASS_XML);
  assert.deepEqual(problems, []);
  assert.deepEqual(entries.map((e) => [e.name, e.folder]), [["Registrar & DNS", ""], ["Banque", "Banque"]]);
  assert.deepEqual(folders, ["Banque"]);
  const [registrar, bank] = entries;
  assert.equal(registrar.password, "<p>é");
  assert.equal(registrar.notes, "renouvelé en <mars>");
  assert.deepEqual(registrar.fields, [{ name: "Code client", value: "C-99", hidden: true }]);
  assert.equal(registrar.totp, "otpauth://totp/?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256");
  assert.equal(bank.password, "");
  assert.equal(bank.totp, "otpauth://totp/B:x?secret=JBSWY3DP");
});

test("malformed XML is reported with its line, and a DOCTYPE is refused", () => {
  const broken = readKeepassXml(KEEPASS_XML.replace("</Entry>\n      <Group>", "</Entri>\n      <Group>"));
  assert.deepEqual(broken.entries, []);
  assert.equal(broken.problems[0].reason, "not-xml");
  assert.equal(broken.problems[0].line, 19);
  assert.equal(readKeepassXml('<!DOCTYPE x [<!ENTITY a "b">]><KeePassFile/>').problems[0].reason, "not-xml");
  assert.equal(readKeepassXml("<Other/>").problems[0].reason, "not-keepass");
  assert.throws(() => parseXml("<a>&bogus;</a>"), /unknown entity/);
  assert.throws(() => parseXml("<a></a><b/>"), /more than one root/);
  assert.equal(readExport("hello").problems[0].reason, "unknown-format");
});

test("exports read back as the same entries", () => {
  const { entries } = readBitwardenJson(BITWARDEN_JSON);
  const again = readBitwardenJson(writeBitwardenJson(entries));
  assert.deepEqual(again.problems, []);
  assert.deepEqual(again.entries.map(({ fields, ...rest }) => rest), entries.map(({ fields, ...rest }) => rest));
  assert.deepEqual(again.entries.map((e) => e.fields), entries.map((e) => e.fields));
  const csv = writeKeepassCsv(entries);
  assert.deepEqual(parseCsv(csv)[0].cells, ["Group", "Title", "Username", "Password", "URL", "Notes", "TOTP", "Icon", "Last Modified", "Created"]);
  const back = readKeepassCsv(csv);
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.entries.map((e) => [e.name, e.folder, e.login, e.password, e.urls[0] ?? "", e.totp]),
    entries.map((e) => [e.name, e.folder, e.login, e.password, e.urls[0] ?? "", e.totp]));
  // What KeePassXC's CSV has no column for is kept in the notes.
  assert.match(back.entries[0].notes, /^Contrat 42\nURL: https:\/\/app\.banque\.example\nCode client: 778899\nPIN: 1234$/);
});
