// The vault in a real browser, three people of one association:
// Inès (administrator) enrols, makes a collection and an entry with a TOTP
// seed, shares it with Bastien; Bastien reads it; a recovery key is split
// 2 of 2 between them; Chloé, who holds nothing, asks to recover, both
// approve, the delay passes (the request's opening time is moved back in the
// database: the server's clock cannot be waited for), Chloé gets the
// collection back. A file (a scanned mandate) is attached to the entry and
// downloaded byte for byte after a reload; one too large is refused before
// anything is sent. Then Bastien's access is revoked: the key is rotated, the
// entry marked "to change", the file still opens for those who remain. A
// Bitwarden export, a KeePassXC CSV and a KeePass 2 XML export are imported,
// malformed ones refused whole. All along, every
// request the browsers send (bodies and headers) and the whole database are
// searched for the secrets, the file's name and content, and the
// passphrases: never there.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  HOOK_TIMEOUT, PASSWORD, assertAccessible, fillAndSubmit, launchBrowser, linkIn, newContext, open, runSetup,
  startServer, startSmtpSink, submit, totp,
} from './harness.mjs';

const SECRETS = {
  password: 'Banque-Tres-Secret-2026!',
  login: 'tresorerie-identifiant-42',
  note: 'Code agence 7391 dans le tiroir',
  seed: 'JBSWY3DPEHPK3PXP',
  importedPassword: 'Importe-Mot-De-Passe-88',
  keepassCsvPassword: 'KeePassXC-Hebergeur-Secret-31',
  keepassXmlPassword: 'KeePass2-Messagerie-Secret-57',
  fileName: 'mandat-sepa-credit-cooperatif.pdf',
  fileMarker: 'RUM-MANDAT-FR76-1027-8060-4412',
};
// A file with every byte value, random bytes and the marker: what comes back must be the same bytes.
const FILE = Buffer.concat([
  Buffer.from(`%PDF-1.7\n${SECRETS.fileMarker}\n`),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  crypto.randomBytes(200_000),
]);
const PASSPHRASES = {
  ines: 'gravier-melon-tulipe-orage-biscuit-lanterne-pelouse-canard',
  bastien: 'ruisseau-pollen-fanfare-citron-galet-moulin-voilier-hibou',
  chloe: 'renard-prairie-tambour-olive-nuage-bougie-castor-frelon',
};

describe('vault', { timeout: 10 * 60_000 }, () => {
  let server;
  let sink;
  let browser;
  const pages = {};
  const bodies = [];

  async function person(name) {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Bodies as bytes (a sealed file is raw binary), and headers (its sealed metadata rides there).
    page.on('request', (r) => bodies.push((r.postDataBuffer() ?? Buffer.alloc(0)).toString('latin1'), JSON.stringify(r.headers())));
    pages[name] = page;
    return page;
  }

  async function invite(email, role) {
    const page = pages.ines;
    await open(page, `${server.url}/team`);
    await page.locator('#email').fill(email);
    await page.locator('#role').selectOption(role);
    await submit(page, page.locator('form[action="/team/invitations"] button[type=submit]'));
    const mail = await sink.waitFor((m) => m.to.includes(email));
    return linkIn(mail, '/invitation/');
  }

  async function join(name, email, role) {
    const link = await invite(email, role);
    const page = await person(name);
    await open(page, link);
    const r = await fillAndSubmit(page, { display_name: name, password: PASSWORD, password_confirm: PASSWORD });
    assert.equal(r.status(), 200, `${name} joins`);
  }

  async function openVault(name) {
    const page = pages[name];
    await open(page, `${server.url}/vault`);
    await page.locator('#vault-enrol, #vault-unlock').first().waitFor();
    return page;
  }

  async function enrol(name) {
    const page = await openVault(name);
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill(PASSPHRASES[name]);
    await page.getByLabel('La même, une seconde fois').fill(PASSPHRASES[name]);
    await page.locator('#vault-enrol button[type=submit]').click();
    await page.locator('#my-fingerprint').waitFor();
    await assert.doesNotReject(page.locator('#my-fingerprint').textContent());
  }

  async function unlock(name) {
    const page = await openVault(name);
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill(PASSPHRASES[name]);
    await page.locator('#vault-unlock button[type=submit]').click();
    await page.locator('#my-fingerprint').waitFor();
    return page;
  }

  // Downloads the entry's file (decrypted in the page) and returns its name and bytes.
  async function downloadFile(page) {
    const item = page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' }).locator('li[data-file]');
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('button', { name: /^Télécharger/ }).click()]);
    return { name: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
  }

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ smtpUrl: sink.url });
    browser = await launchBrowser();
    const page = await person('ines');
    await runSetup(page, server.setupLink, { association: 'Jardins partagés', name: 'Inès', email: 'ines@jardins.example' });
    await open(page, `${server.url}/settings`);
    await page.locator('#module-vault').check();
    await submit(page, page.locator('main form button[type=submit]').first());
    await join('bastien', 'bastien@jardins.example', 'treasurer');
    await join('chloe', 'chloe@jardins.example', 'secretary');
  }, { timeout: HOOK_TIMEOUT });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    await sink?.stop?.();
  }, { timeout: HOOK_TIMEOUT });

  test('a wrong passphrase is refused and changes nothing; the page is accessible', { timeout: 60_000 }, async () => {
    await enrol('ines');
    const page = await openVault('ines');
    await assertAccessible(page, 'vault, locked');
    await page.getByLabel('Phrase de passe du coffre', { exact: true }).fill('pas la bonne phrase du tout');
    await page.locator('#vault-unlock button[type=submit]').click();
    await page.locator('#vault-status.error').waitFor();
    assert.match(await page.locator('#vault-status').textContent(), /incorrecte/);
  });

  test('an entry is sealed, its TOTP code shown, and shared', { timeout: 90_000 }, async () => {
    const page = await unlock('ines');
    await page.locator('#new-collection input').fill('Banque');
    await page.locator('#new-collection button').click();
    await page.locator('.collection h3', { hasText: 'Banque' }).waitFor();
    await page.locator('.new-entry summary').click();
    const form = page.locator('.new-entry form');
    await form.getByLabel('Nom', { exact: true }).fill('Crédit Coopératif');
    await form.getByLabel('Identifiant').fill(SECRETS.login);
    await form.getByLabel('Mot de passe', { exact: true }).fill(SECRETS.password);
    await form.getByLabel('Graine TOTP').fill(SECRETS.seed);
    await form.getByLabel('Notes').fill(SECRETS.note);
    await form.locator('button[type=submit]').click();
    const entry = page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' });
    await entry.waitFor();
    const code = (await entry.locator('[data-totp]').textContent()).slice(0, 6);
    const now = Date.now() / 1000;
    assert.ok([totp(SECRETS.seed, now), totp(SECRETS.seed, now - 30)].includes(code), `TOTP ${code}`);
    await assertAccessible(page, 'vault, unlocked');
    await enrol('bastien');
    await unlock('ines');
    await page.locator('.share select').selectOption({ label: 'bastien' });
    await page.locator('.share button').click();
    await page.waitForLoadState('networkidle');
    const bastien = await unlock('bastien');
    const seen = bastien.locator('li[data-entry]', { hasText: 'Crédit Coopératif' });
    await seen.locator('button', { hasText: 'Afficher' }).click();
    assert.equal(await seen.locator('.secret').textContent(), SECRETS.password);
  });

  test('a file is sealed in the browser, comes back byte for byte, and one too large is refused before sending', { timeout: 90_000 }, async () => {
    let page = await unlock('ines');
    const entry = page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' });
    await entry.locator('details.add-file summary').click();
    const sent = [];
    page.on('request', (r) => { if (/\/files$/.test(r.url())) sent.push(r); });
    // Over the limit: refused in the page, nothing sent.
    await entry.getByLabel('Ajouter un fichier').setInputFiles({ name: 'trop-gros.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(5 * 1024 * 1024 + 1, 1) });
    await entry.locator('.file-form button[type=submit]').click();
    await entry.locator('.file-form .error', { hasText: 'trop volumineux' }).waitFor();
    assert.match(await entry.locator('.file-form .error').textContent(), /5\sMo/);
    assert.equal(sent.length, 0, 'nothing sent');
    await assertAccessible(page, 'vault, an entry with its file form');
    await entry.getByLabel('Ajouter un fichier').setInputFiles({ name: SECRETS.fileName, mimeType: 'application/pdf', buffer: FILE });
    await entry.locator('.file-form button[type=submit]').click();
    await page.locator('#vault-status', { hasText: 'Fichier chiffré et ajouté' }).waitFor();
    assert.equal(sent.length, 1);
    assert.equal(sent[0].headers()['content-type'], 'application/octet-stream');
    assert.equal(sent[0].postDataBuffer().length, FILE.length + 30, 'raw bytes: the file and its seal, no base64');
    // After a reload (and unlocking again), the list shows it and it opens whole.
    page = await unlock('ines');
    const item = page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' }).locator('li[data-file]');
    assert.match(await item.textContent(), new RegExp(`${SECRETS.fileName}.*\\(195,6\\sko\\)`));
    const got = await downloadFile(page);
    assert.equal(got.name, SECRETS.fileName);
    assert.ok(got.bytes.equals(FILE), 'the same bytes');
    await assertAccessible(page, 'vault, an entry with a file');
    // Bastien, who shares the collection, opens it too.
    const bastien = await unlock('bastien');
    assert.ok((await downloadFile(bastien)).bytes.equals(FILE));
  });

  test('a recovery needs both holders and the delay, then gives the collection back', { timeout: 120_000 }, async () => {
    await enrol('chloe');
    const ines = await unlock('ines');
    for (const name of ['Inès', 'bastien']) await ines.locator('#recovery-setup').getByLabel(name, { exact: true }).check();
    await ines.locator('#recovery-setup').getByLabel('Nombre de parts nécessaires').fill('2');
    await ines.locator('#recovery-setup button[type=submit]').click();
    await ines.locator('#my-share').waitFor();
    await ines.waitForFunction(() => document.querySelector('#my-share').textContent.split('\n').length === 6);
    // Chloé asks (a plain form, no script needed).
    const chloe = pages.chloe;
    await open(chloe, `${server.url}/vault`);
    await fillAndSubmit(chloe, { reason: 'Le trésorier est injoignable' }, chloe.locator('form[action="/vault/recovery/requests"] button'));
    const warned = await sink.waitFor((m) => m.to.includes('bastien@') && /coffre/.test(m.subject));
    assert.match(warned.body, /injoignable/);
    for (const name of ['ines', 'bastien']) {
      const page = await unlock(name);
      await page.locator('[id^=approve-]').click();
      await page.locator('#vault-status', { hasText: 'Approbation envoyée' }).waitFor();
    }
    // Before the delay: nothing opens.
    let page = await unlock('chloe');
    await page.locator('[id^=recover-]').click();
    await page.locator('#vault-status.error').waitFor();
    assert.equal(await page.locator('.collection').count(), 0);
    // The 72 hours pass.
    const db = path.join(server.dataDir, 'preau.sqlite');
    execFileSync('python3', ['-c', `import sqlite3; c = sqlite3.connect(${JSON.stringify(db)}); c.execute("UPDATE vault_recovery_requests SET opens_at = 0"); c.commit()`]);
    page = await unlock('chloe');
    await page.locator('[id^=recover-]').click();
    await page.locator('.collection h3', { hasText: 'Banque' }).waitFor();
    assert.equal(await page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' }).count(), 1);
    assert.ok((await downloadFile(page)).bytes.equals(FILE), 'the files come back with the collection');
  });

  test('revoking a member rotates the key and marks the secrets to change', { timeout: 90_000 }, async () => {
    // What Bastien's browser could keep: his wrapped keys and the collection key wrapped for him.
    const state = async (page) => page.evaluate(async () => (await fetch('/vault/api/state')).json());
    const kept = await state(await unlock('bastien'));
    const oldEntry = kept.entries[0];
    const ines = await unlock('ines');
    const before = await ines.evaluate(async () => (await (await fetch('/vault/api/state')).json()).collections[0].key_version);
    await ines.locator('[data-member] form.revoke button', { hasText: 'bastien' }).click();
    await ines.locator('#vault-status', { hasText: 'Clés changées' }).waitFor();
    const after = await ines.evaluate(async () => (await (await fetch('/vault/api/state')).json()).collections[0].key_version);
    assert.equal(after, before + 1, 'a new key');
    // His old key still opens the entry as it was, and nothing written after the rotation.
    const { unwrapMemberKeys } = await import('../../crates/web/static/vault/keys.js');
    const { unwrapKeyForMember, openRecord, openFile, openFileMeta } = await import('../../crates/web/static/vault/seal.js');
    const { AuthenticationError } = await import('../../crates/web/static/vault/bytes.js');
    const his = await unwrapMemberKeys(kept.own.wrapped_keys, PASSPHRASES.bastien);
    const c = kept.collections[0];
    const oldKey = await unwrapKeyForMember(c.wrapped_key, his.encryption, { collection: c.id, member: kept.me });
    const context = (e) => ({ collection: e.collection_id, entry: e.id, version: e.version });
    assert.equal((await openRecord(oldKey, oldEntry.sealed, context(oldEntry))).password, SECRETS.password);
    const rotated = (await state(ines)).entries.find((e) => e.id === oldEntry.id);
    assert.ok(rotated.version > oldEntry.version);
    await assert.rejects(openRecord(oldKey, rotated.sealed, context(rotated)), AuthenticationError);
    // The file's metadata was sealed again under the new key; its content was not touched.
    const oldFile = kept.files[0];
    const newFile = (await state(ines)).files.find((f) => f.id === oldFile.id);
    assert.equal(newFile.key_version, oldFile.key_version + 1);
    assert.notEqual(newFile.sealed_meta, oldFile.sealed_meta);
    const fileContext = (f) => ({ collection: f.collection_id, entry: f.entry_id, file: f.id });
    await assert.rejects(openFileMeta(oldKey, newFile.sealed_meta, fileContext(newFile)), AuthenticationError);
    const content = Buffer.from(await ines.evaluate(async (id) => Array.from(new Uint8Array(await (await fetch(`/vault/api/files/${id}`)).arrayBuffer())), oldFile.id));
    assert.equal(content.length, FILE.length + 30);
    // What he kept before (the metadata he could open, so the file's key) still opens that unchanged content:
    // a removed member keeps what they downloaded. The README says so; the remedy is to change the secret.
    assert.ok(Buffer.from((await openFile(oldKey, oldFile.sealed_meta, new Uint8Array(content), fileContext(oldFile))).bytes).equals(FILE));
    const bastien = await openVault('bastien');
    assert.equal(await bastien.locator('#vault-enrol').count(), 1, 'his keys are gone: nothing to unlock');
    await open(ines, `${server.url}/vault`);
    assert.match(await ines.locator('#to-change + p + table').textContent(), /Inès/);
    const page = await unlock('ines');
    assert.equal(await page.locator('li[data-entry] .status', { hasText: 'À changer' }).count(), 1);
    assert.ok((await downloadFile(page)).bytes.equals(FILE), 'the file still opens for who remains, after the rotation');
  });

  test('a file is deleted only once confirmed, from the keyboard', { timeout: 60_000 }, async () => {
    const page = await unlock('ines');
    const item = page.locator('li[data-entry]', { hasText: 'Crédit Coopératif' }).locator('li[data-file]');
    const focused = () => page.evaluate(() => document.activeElement.textContent);
    await item.getByRole('button', { name: `Supprimer ${SECRETS.fileName}` }).focus();
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'Oui, supprimer', 'the focus goes to the question');
    assert.match(await item.textContent(), /Supprimer définitivement ce fichier/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await focused(), 'Supprimer', 'cancelled: back where it was');
    assert.equal(await item.count(), 1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.locator('#vault-status', { hasText: 'Fichier supprimé' }).waitFor();
    assert.equal(await item.count(), 0);
    const files = await page.evaluate(async () => (await (await fetch('/vault/api/state')).json()).files);
    assert.deepEqual(files, []);
  });

  // Submits `text` as a file named `name` to the page's import form.
  async function importFile(page, name, text) {
    await page.locator('#vault-import input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.locator('#vault-import button[type=submit]').click();
  }

  async function shownPassword(page, entryName) {
    const entry = page.locator('li[data-entry]', { hasText: entryName });
    await entry.locator('button', { hasText: 'Afficher' }).click();
    return entry.locator('.secret').textContent();
  }

  test('Bitwarden and KeePass (CSV, XML) exports are imported; a malformed one is refused whole', { timeout: 120_000 }, async () => {
    let page = await unlock('ines');
    const bitwarden = JSON.stringify({ encrypted: false, folders: [{ id: 'f1', name: 'Réseaux' }], items: [{ type: 1, name: 'Mastodon', folderId: 'f1', login: { username: 'asso', password: SECRETS.importedPassword, uris: [{ uri: 'https://mastodon.example' }] }, notes: '' }] });
    await importFile(page, 'bw.json', '{"items": [ broken');
    await page.locator('#vault-import .error').waitFor();
    await importFile(page, 'bw.json', bitwarden);
    await page.locator('.collection h3', { hasText: 'Réseaux' }).waitFor();
    assert.equal(await page.locator('li[data-entry]', { hasText: 'Mastodon' }).count(), 1);
    // KeePassXC's CSV: a row short of a column refuses the whole file, with its line.
    const header = '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"';
    const row = `"Root/Hébergement","Hébergeur du site","admin","${SECRETS.keepassCsvPassword}","https://h.example","note ""citée""","","0","",""`;
    const before = await page.locator('.collection').count();
    await importFile(page, 'keepassxc.csv', [header, row, '"Root","Court","x"'].join('\n'));
    assert.match(await page.locator('#vault-import li').first().textContent(), /ligne 3/);
    assert.equal(await page.locator('.collection').count(), before, 'nothing imported');
    await importFile(page, 'keepassxc.csv', [header, row].join('\n'));
    await page.locator('.collection h3', { hasText: 'Hébergement' }).waitFor();
    assert.equal(await shownPassword(page, 'Hébergeur du site'), SECRETS.keepassCsvPassword);
    // KeePass 2 XML: the root group's entries and nested groups, history and recycle bin left out.
    const xml = `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<KeePassFile><Meta><RecycleBinUUID>cmVjeWNsZQ==</RecycleBinUUID></Meta><Root><Group><UUID>cm9vdA==</UUID><Name>Association</Name>
  <Group><UUID>bWFpbA==</UUID><Name>Messagerie</Name>
    <Entry><String><Key>Title</Key><Value>Boîte &amp; listes</Value></String><String><Key>UserName</Key><Value>contact</Value></String>
      <String><Key>Password</Key><Value Protected="True">${SECRETS.keepassXmlPassword}</Value></String>
      <History><Entry><String><Key>Title</Key><Value>Ancienne boîte</Value></String></Entry></History></Entry>
  </Group>
  <Group><UUID>cmVjeWNsZQ==</UUID><Name>Corbeille</Name><Entry><String><Key>Title</Key><Value>Supprimée</Value></String></Entry></Group>
</Group></Root></KeePassFile>`;
    await importFile(page, 'keepass.xml', xml.replace('</Entry>\n  </Group>', '</Entri>\n  </Group>'));
    assert.match(await page.locator('#vault-import li').first().textContent(), /ligne 6/);
    await importFile(page, 'keepass.xml', xml);
    await page.locator('.collection h3', { hasText: 'Messagerie' }).waitFor();
    page = await unlock('ines');
    assert.equal(await shownPassword(page, 'Boîte & listes'), SECRETS.keepassXmlPassword);
    for (const gone of ['Ancienne boîte', 'Supprimée', 'Corbeille']) assert.equal(await page.getByText(gone).count(), 0, gone);
  });

  test('no secret, passphrase or private key ever reached the server', { timeout: 60_000 }, async () => {
    const out = path.join(server.dataDir, 'dump.jsonl');
    const { PREAU_BIN } = await import('./harness.mjs');
    execFileSync(PREAU_BIN, ['backup', '--data-dir', server.dataDir, '--portable', '--out', out]);
    const dump = fs.readFileSync(out, 'utf8');
    assert.ok(dump.includes('vault_entries'), 'the dump holds the vault');
    const sent = bodies.join('\n');
    assert.ok(sent.includes('sealed') && sent.includes('x-vault-sealed-meta'), 'the requests were recorded');
    assert.ok(dump.includes('vault_file_contents'), 'the dump holds the files');
    for (const [what, value] of Object.entries({ ...SECRETS, ...PASSPHRASES })) {
      assert.ok(!dump.includes(value), `${what} is in the database`);
      assert.ok(!sent.includes(value), `${what} was sent to the server`);
    }
    assert.ok(!/"d"\s*:|PRIVATE KEY/.test(dump), 'no private key in clear');
  });
});
